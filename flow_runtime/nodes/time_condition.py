"""time_condition: branches on working hours, date ranges and holidays."""

import datetime

from flow_runtime.nodes.base import NodeDeclaration, Output, ParamsModel, Text, param
from flow_runtime.nodes.fields import (
    DateRange,
    TimeRange,
    TimezoneName,
    Weekday,
    time_ranges_param,
    timezone_param,
    weekdays_param,
)


class WeeklyHours(ParamsModel):
    weekdays: list[Weekday] = weekdays_param(required=True)
    time_ranges: list[TimeRange] = time_ranges_param(required=True)


class TimeConditionNode(NodeDeclaration):
    """Open when: not a holiday, inside a date range (if any are set) and inside the hours."""

    type = "time_condition"
    category = "logic"
    icon = "clock"
    title = Text(en="Working hours", ru="Время работы")
    description = Text(
        en="Branches on the current time: working hours, date ranges and holidays",
        ru="Ветвление по текущему времени: рабочие часы, периоды дат и праздники",
    )
    output_rule = (
        Output("open", Text(en="Open", ru="Рабочее время")),
        Output("closed", Text(en="Closed", ru="Нерабочее время")),
    )
    summary_fields = ("schedule", "timezone")

    timezone: TimezoneName | None = timezone_param()
    schedule: list[WeeklyHours] = param(
        [WeeklyHours()],
        en=("Working hours", "Weekdays and times when the flow is open"),
        ru=("Рабочие часы", "Дни недели и время, когда идёт рабочая ветка"),
        min_length=1,
        max_length=20,
    )
    date_ranges: list[DateRange] = param(
        [],
        en=("Date ranges", "If set, open only on these dates (a season, a campaign period)"),
        ru=("Периоды дат", "Если заданы, рабочая ветка только в эти даты (сезон, период акции)"),
        max_length=50,
    )
    holidays: list[datetime.date] = param(
        [],
        en=("Holidays", "Dates that are closed whatever the hours say"),
        ru=("Праздники", "Нерабочие даты независимо от часов работы"),
        max_length=366,
    )
