"""Calling windows: ISO weekdays, 24:00, windows spanning midnight, time zones, the next opening."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from flow_runtime.dialer.windows import is_open, next_opening
from flow_runtime.outbound.models import CallingWindow

MOSCOW = ZoneInfo("Europe/Moscow")
WORKDAYS = CallingWindow(days=[1, 2, 3, 4, 5], start="09:00", end="18:00")
NIGHT = CallingWindow(days=[5], start="22:00", end="02:00")  # Friday night into Saturday
EVENING = CallingWindow(days=[6, 7], start="18:30", end="24:00")


def moscow(day: int, hour: int, minute: int = 0) -> float:
    """2030-01-07 is a Monday: day 1 = Monday."""
    return datetime(2030, 1, 6 + day, hour, minute, tzinfo=MOSCOW).timestamp()


@pytest.mark.parametrize(("moment", "expected"), [
    (moscow(1, 8, 59), False), (moscow(1, 9), True), (moscow(3, 17, 59), True), (moscow(3, 18), False),
    (moscow(6, 12), False), (moscow(7, 10), False),
])
def test_weekday_window(moment, expected):
    assert is_open([WORKDAYS], "Europe/Moscow", moment) is expected


@pytest.mark.parametrize(("moment", "expected"), [
    (moscow(5, 21, 59), False), (moscow(5, 22), True), (moscow(6, 1, 59), True), (moscow(6, 2), False),
    (moscow(4, 23), False), (moscow(1, 1), False),  # Sunday night belongs to no window
])
def test_window_spanning_midnight_belongs_to_the_day_it_opens(moment, expected):
    assert is_open([NIGHT], "Europe/Moscow", moment) is expected


def test_24_00_is_the_end_of_the_day_and_windows_combine():
    windows = [WORKDAYS, EVENING]
    assert is_open(windows, "Europe/Moscow", moscow(6, 23, 59))
    assert not is_open(windows, "Europe/Moscow", moscow(6, 18, 29))
    assert next_opening(windows, "Europe/Moscow", moscow(5, 18)) == moscow(6, 18, 30)
    assert next_opening(windows, "Europe/Moscow", moscow(7, 23, 59)) == moscow(7, 23, 59)  # open now


def test_no_windows_means_any_time():
    assert is_open([], "Europe/Moscow", moscow(7, 3))
    assert next_opening([], "Europe/Moscow", moscow(7, 3)) == moscow(7, 3)


def test_next_opening_crosses_the_weekend_and_uses_the_contacts_zone():
    assert next_opening([WORKDAYS], "Europe/Moscow", moscow(5, 18)) == moscow(8, 9)  # Friday evening → Monday
    # 09:00 in Vladivostok (UTC+10) is 02:00 in Moscow: open there while Moscow sleeps.
    assert is_open([WORKDAYS], "Asia/Vladivostok", moscow(2, 2))
    assert next_opening([WORKDAYS], "Asia/Vladivostok", moscow(1, 12)) == moscow(2, 2)
    assert not is_open([WORKDAYS], "Europe/Kaliningrad", moscow(1, 9, 30))  # 08:30 there


def test_daylight_saving_time_zone():
    berlin = ZoneInfo("Europe/Berlin")
    summer = datetime(2030, 7, 1, 8, 59, tzinfo=berlin).timestamp()  # a Monday, CEST
    assert not is_open([WORKDAYS], "Europe/Berlin", summer)
    assert next_opening([WORKDAYS], "Europe/Berlin", summer) == datetime(2030, 7, 1, 9, 0, tzinfo=berlin).timestamp()


def test_unknown_zone_falls_back_to_moscow():
    assert is_open([WORKDAYS], "Mars/Olympus", moscow(1, 9)) is True


def test_zone_name_takes_the_first_known_zone():
    from flow_runtime.dialer.windows import zone_name
    assert zone_name("Asia/Omsk", "Europe/Moscow") == "Asia/Omsk"
    assert zone_name("Mars/Olympus", "Europe/Samara") == "Europe/Samara"
    assert zone_name(None, "") == "Europe/Moscow"
