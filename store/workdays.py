"""Working days on the Chinese calendar: public holidays and make-up working days (调休).

The State Council publishes each year's arrangement in the preceding December; the
`chinesecalendar` package (module chinese_calendar) carries it, checked here for
2019–2026 (tests/store/test_workdays.py).  A year it does not know falls back to
Monday–Friday, and that is recorded once in `unknown_years` for the faces to warn.

The mode is "working" (the default, as these offices count) or "calendar"; the config's
`days = "…"` sets it through `set_mode`.  chinese_calendar (~3 ms to import, more to walk
its tables) is read once per installed version into the user's cache folder (_known);
a command imports it only to name a holiday.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

MODES = ("working", "calendar")
_mode = "working"
unknown_years: set[int] = set()  # years counted as weekends-only (a face warns once)


def set_mode(mode: str) -> None:
    global _mode
    if mode not in MODES:
        raise ValueError(mode)
    _mode = mode


def mode() -> str:
    return _mode


@lru_cache(maxsize=1)
def _lib():  # noqa: ANN202 - the chinese_calendar module, or None where it is not installed
    try:
        import chinese_calendar
    except ImportError:
        return None
    return chinese_calendar


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    """Every year the calendar knows, as a string of 0/1 a day (1 = working day), kept in
    the user's cache folder (store/data_cache.py) until the package changes: a quick check
    reads it instead of importing chinese_calendar and walking its tables."""
    from importlib.util import find_spec

    from duban.store.data_cache import cached

    spec = find_spec("chinese_calendar")
    if spec is None or not spec.origin:
        return {}
    return cached("workdays", [Path(spec.origin).with_name("constants.py")], _tables)


def _tables() -> dict[str, str]:
    lib = _lib()
    if lib is None:
        return {}
    tables = {}
    for year in sorted({d.year for d in lib.holidays}):
        start = date(year, 1, 1)
        try:
            lib.is_workday(start)
        except NotImplementedError:
            continue
        days = [start + timedelta(n) for n in range((date(year + 1, 1, 1) - start).days)]
        off, on = lib.holidays, lib.workdays  # the package's own tables (date → holiday): no call per day
        tables[str(year)] = "".join("1" if d not in off and (d in on or d.weekday() < 5) else "0" for d in days)
    return tables


_BITS = bytes.maketrans(b"01", b"\x00\x01")


@lru_cache(maxsize=64)
def _year(year: int) -> tuple[bytes, bool]:
    """One byte per day of the year (1 = working day) and whether the calendar knew the year."""
    table = _known().get(str(year))
    if table is not None:
        return table.encode("ascii").translate(_BITS), True
    unknown_years.add(year)
    start = date(year, 1, 1)
    return bytes((start + timedelta(n)).weekday() < 5 for n in range((date(year + 1, 1, 1) - start).days)), False


def is_workday(day: date, mode_: str | None = None) -> bool:
    if (mode_ or _mode) == "calendar":
        return True
    return bool(_year(day.year)[0][day.timetuple().tm_yday - 1])


def holiday(day: date) -> str | None:
    """The public holiday a day falls in (its key: national_day, spring_festival …), else
    None; an ordinary weekend is not a holiday."""
    lib = _lib()
    if lib is None or not _year(day.year)[1]:
        return None
    on_holiday, name = lib.get_holiday_detail(day)
    if not on_holiday or name is None:
        return None
    return lib.Holiday(name).name


def _through(day: date) -> int:
    """Working days from 1 January of the day's year up to and including the day."""
    return _running(day.year)[day.timetuple().tm_yday]


@lru_cache(maxsize=64)
def _running(year: int) -> list[int]:
    """Working days of the year up to each day (index: day of the year; 0 before it):
    a report counts days late for thousands of items, each a lookup, not a sum."""
    return [0, *accumulate(_year(year)[0])]


def _count(after: date, upto: date, mode_: str | None = None) -> int:
    """Working days d with after < d <= upto (after <= upto)."""
    if (mode_ or _mode) == "calendar":
        return (upto - after).days
    total = _through(upto) - _through(after)
    for year in range(after.year, upto.year):
        total += sum(_year(year)[0])
    return total


def between(as_of: date, due: date, mode_: str | None = None) -> int:
    """Working days after `as_of` up to and including `due`; when `due` is past, minus the
    working days after `due` up to and including `as_of` (so one working day late is -1).
    In "calendar" mode (the config's, unless `mode_` says) plain days."""
    return _count(as_of, due, mode_) if due >= as_of else -_count(due, as_of, mode_)


def days_late(due: date, as_of: date) -> int:
    return max(0, -between(as_of, due))


@lru_cache(maxsize=256)
def _shift(start: date, n: int, mode_: str) -> date:
    day, left = start, n
    while left > 0:
        day += timedelta(1)
        if mode_ == "calendar" or is_workday(day):
            left -= 1
    return day


def shift(start: date, n: int) -> date:
    """The day `n` working days after `start` (n >= 0): the horizon of "due within n"."""
    if n > 3660:  # a window of decades: walking it day by day is pointless
        return start + timedelta(days=n)
    return _shift(start, n, _mode)
