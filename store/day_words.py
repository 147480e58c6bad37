"""Days and spans as people type them on the command line: 2026-11-05, 2026-11, 2026年11月,
today, and windows or spans back from today (30d, 2w, 1m)."""

from __future__ import annotations

from datetime import date, timedelta

from duban.store.lazy import lazy

_WINDOW_RE = lazy(r"^(\d+)\s*([dwm]?)$")


def parse_window(text: str) -> int:
    """'30d', '2w', '1m' or '30' → days."""
    m = _WINDOW_RE.match(text.strip().lower())
    if not m:
        raise ValueError(text)
    n, unit = int(m.group(1)), m.group(2) or "d"
    return n * {"d": 1, "w": 7, "m": 30}[unit]


_DAY_RES = [
    (lazy(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "day"),
    (lazy(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"), "day"),
    (lazy(r"^(\d{4})-(\d{1,2})$"), "month"),
    (lazy(r"^(\d{4})年(\d{1,2})月$"), "month"),
]


def parse_day(text: str, today: date) -> date:
    """A day as people type it: 2026-11-05, 2026-11 (its first day), 2026年11月, today,
    or a span back from today: 7d, 2w, 3m (days, weeks, calendar months ago)."""
    word = text.strip().lower()
    if word in ("today", "今天"):
        return today
    m = _WINDOW_RE.match(word)
    if m and m.group(2):
        n = int(m.group(1))
        if m.group(2) == "m":
            from dateutil.relativedelta import relativedelta

            return today - relativedelta(months=n)
        return today - timedelta(days=n * (7 if m.group(2) == "w" else 1))
    for pattern, kind in _DAY_RES:
        m = pattern.match(word)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            return date(y, mo, int(m.group(3)) if kind == "day" else 1)  # ValueError if no such day
    raise ValueError(text)
