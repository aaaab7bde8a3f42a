"""time_condition: "open" inside the working hours, "closed" outside them.

Open when the local date is not a holiday, lies in some date range (when any are set) and the local
weekday and time lie in some schedule entry. Local means the node's time zone, else the
organisation's. A time range ending before it starts (22:00–06:00) crosses midnight and belongs to
the day it starts on: with weekdays Mon–Fri, Saturday 02:00 is still Friday's night, Monday 02:00
is not (it is Sunday's). Holidays and date ranges are calendar dates: they look at today's date.
"""

from collections.abc import Collection, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from flow_runtime.context import CallContext
from flow_runtime.nodes.fields import TimeRange
from flow_runtime.nodes.time_condition import TimeConditionNode

node_type = "time_condition"

# In datetime.weekday() order: Monday is 0.
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def local_now(ctx: CallContext, timezone: str | None) -> datetime:
    """The current time in `timezone`, or in the organisation's when it is None."""
    return ctx.now().astimezone(ZoneInfo(timezone or ctx.tenant.timezone))


def _minutes(clock: str) -> int:
    """Minutes since midnight of "HH:MM"; "24:00" is the end of the day."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def in_weekly_hours(moment: datetime, weekdays: Collection[str], time_ranges: Sequence[TimeRange]) -> bool:
    """Whether a local moment lies in the hours; empty weekdays mean any day, empty ranges any time."""
    today = WEEKDAY_NAMES[moment.weekday()]
    yesterday = WEEKDAY_NAMES[(moment.weekday() - 1) % 7]

    def on(day: str) -> bool:
        return not weekdays or day in weekdays

    if not time_ranges:
        return on(today)
    minute = moment.hour * 60 + moment.minute
    for time_range in time_ranges:
        start, end = _minutes(time_range.start), _minutes(time_range.end)
        if start < end:
            if start <= minute < end and on(today):
                return True
        elif (minute >= start and on(today)) or (minute < end and on(yesterday)):
            return True
    return False


async def execute(params: TimeConditionNode, ctx: CallContext) -> str:
    moment = local_now(ctx, params.timezone)
    today = moment.date()
    if today in params.holidays:
        return "closed"
    if params.date_ranges and not any(period.start <= today <= period.end for period in params.date_ranges):
        return "closed"
    if any(in_weekly_hours(moment, entry.weekdays, entry.time_ranges) for entry in params.schedule):
        return "open"
    return "closed"
