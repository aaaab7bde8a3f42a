"""Calling windows, checked when a contact is claimed, in the contact's time zone (else the campaign's).

A window lists ISO weekdays (1 = Monday) and a start and end time of day; "24:00" is the end of the day
and an end before the start spans midnight (the weekday is the day the window opens). No windows: any
time. Pure functions of epoch seconds."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flow_runtime.outbound.models import CallingWindow

DEFAULT_ZONE = "Europe/Moscow"


@lru_cache(maxsize=512)
def zone(name: str | None, fallback: str = DEFAULT_ZONE) -> ZoneInfo:
    try:
        return ZoneInfo(name or fallback)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(fallback)


def zone_name(*candidates: str | None) -> str:
    """The first of the names that is a known time zone (the contact's, then the campaign's)."""
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return DEFAULT_ZONE


def is_open(windows: list[CallingWindow], timezone: str, at: float) -> bool:
    if not windows:
        return True
    local = datetime.fromtimestamp(at, zone(timezone))
    moment, day = local.time().replace(tzinfo=None), local.isoweekday()
    yesterday = 7 if day == 1 else day - 1
    for window in windows:
        start, end = CallingWindow.clock(window.start), CallingWindow.clock(window.end)
        if start < end:
            if day in window.days and start <= moment < end:
                return True
        elif (day in window.days and moment >= start) or (yesterday in window.days and moment < end):
            return True
    return False


def next_opening(windows: list[CallingWindow], timezone: str, at: float) -> float:
    """``at`` when a window is open then, else the epoch second the next one opens."""
    if is_open(windows, timezone, at):
        return at
    tz = zone(timezone)
    today = datetime.fromtimestamp(at, tz).date()
    candidates = []
    for offset in range(8):
        date = today + timedelta(days=offset)
        for window in windows:
            if date.isoweekday() in window.days:
                opening = datetime.combine(date, CallingWindow.clock(window.start), tz).timestamp()
                if opening > at:
                    candidates.append(opening)
    return min(candidates)  # every window opens at least once a week
