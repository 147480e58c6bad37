"""Working days against the State Council's published arrangements (调休), 2019–2026."""

from datetime import date

import pytest

from duban.store import workdays

pytest.importorskip("chinese_calendar", reason="chinesecalendar is a dependency of duban")

MAKE_UP_WORKDAYS = ["2019-09-29", "2020-01-19", "2021-09-18", "2021-09-26", "2021-10-09", "2022-10-08", "2023-04-23", "2024-02-04",
                    "2025-01-26", "2025-09-28", "2026-01-04", "2026-02-28", "2026-10-10"]
HOLIDAYS = ["2019-10-01", "2020-01-30", "2021-09-20", "2021-09-21", "2021-10-01", "2021-10-07", "2022-04-04", "2023-06-22",
            "2024-02-12", "2025-05-05", "2026-02-17", "2026-10-01"]


@pytest.fixture(autouse=True)
def working():
    workdays.set_mode("working")
    yield
    workdays.set_mode("working")


@pytest.mark.parametrize("day", MAKE_UP_WORKDAYS)
def test_make_up_weekend_days_are_working_days(day):
    d = date.fromisoformat(day)
    assert d.weekday() >= 5 and workdays.is_workday(d)


@pytest.mark.parametrize("day", HOLIDAYS)
def test_weekday_holidays_are_not_working_days(day):
    d = date.fromisoformat(day)
    assert d.weekday() < 5 and not workdays.is_workday(d)
    assert workdays.holiday(d) is not None


def test_national_day_week_2021():
    week = [date(2021, 10, n) for n in range(1, 8)]
    assert not any(workdays.is_workday(d) for d in week)
    assert {workdays.holiday(d) for d in week} == {"national_day"}
    assert workdays.holiday(date(2021, 10, 9)) is None  # a make-up Saturday is no holiday


def test_counts_across_national_day():
    # 2021-09-30 (Thu) → 2021-10-11 (Mon): 10-08 Fri, 10-09 Sat (调休), 10-11 Mon
    assert workdays.between(date(2021, 9, 30), date(2021, 10, 11)) == 3
    assert workdays.between(date(2021, 10, 11), date(2021, 9, 30)) == -3  # three working days late
    assert workdays.days_late(date(2021, 9, 30), date(2021, 10, 11)) == 3


def test_counts_across_the_sunday_worked_before_national_day_2021():
    # 2021-09-24 (Fri) → 2021-09-30 (Thu): Sunday 26 September was a working day (调休)
    assert workdays.between(date(2021, 9, 24), date(2021, 9, 30)) == 5
    assert workdays.shift(date(2021, 9, 24), 1) == date(2021, 9, 26)
    assert workdays.holiday(date(2021, 9, 26)) is None


def test_counts_across_a_year_end():
    # 2025-12-31 (Wed) → 2026-01-05 (Mon): 1–3 January off, 4 January (Sun) a make-up day, 5 Monday
    assert workdays.between(date(2025, 12, 31), date(2026, 1, 5)) == 2


def test_shift_skips_the_holiday_week():
    assert workdays.shift(date(2021, 9, 30), 1) == date(2021, 10, 8)
    assert workdays.shift(date(2021, 9, 30), 2) == date(2021, 10, 9)


def test_calendar_mode_counts_every_day():
    workdays.set_mode("calendar")
    assert workdays.between(date(2021, 9, 30), date(2021, 10, 11)) == 11
    assert workdays.shift(date(2021, 9, 30), 2) == date(2021, 10, 2)


def test_unknown_year_falls_back_to_weekends_and_is_recorded():
    d = date(2031, 10, 1)  # a Wednesday: a holiday surely, but no arrangement is published yet
    assert workdays.is_workday(d)
    assert not workdays.is_workday(date(2031, 10, 4))  # Saturday
    assert 2031 in workdays.unknown_years
    assert workdays.holiday(d) is None


def test_every_day_2019_to_2026_agrees_with_the_package():
    from datetime import timedelta

    import chinese_calendar

    day = date(2019, 1, 1)
    while day.year <= 2026:
        assert workdays.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(1)
