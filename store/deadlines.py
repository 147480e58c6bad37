"""Deadline phrases (2021年10月30日前, 10月底前, 年底前, 贯穿全年 …) → Deadline.

The words come from vocab/deadlines.toml; this module only knows the shapes: a date,
a month with an optional part (上旬 / 中旬 / 下旬 / 底), a period of the year, all-year
work, recurring work (每季度, 每月10日前) and time counted from an event (收到后15日内).  python-dateutil cannot read Chinese; relativedelta gives month ends.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from duban.store import vocab
from duban.store.lazy import lazy
from duban.store.model import Deadline
from duban.store.text import alternation, compact

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_RELATIVE_YEARS = {"次年": 1, "明年": 1, "翌年": 1, "下一年": 1, "当年": 0, "今年": 0, "本年": 0, "本年度": 0}


def cn_number(text: str) -> int | None:
    """'12' or '十二' → 12; None when it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern[str]
    month_parts: dict[str, object]
    periods: dict[str, list[object]]
    all_year: frozenset[str]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    data = vocab.load("deadlines")
    parts = data["month_parts"]
    periods = data["periods"]
    rel = alternation(list(_RELATIVE_YEARS))

    def year(k: int) -> str:
        return rf"(?:(?P<year{k}>\d{{4}})年?|(?P<rel{k}>{rel}))?"

    num = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
    suffix = rf"(?:{alternation(data['suffixes'])})*"
    recurring = "|".join(f"(?:{p})" for p in data.get("recurring", []))
    relative = "|".join(f"(?:{p})" for p in data.get("relative", []))
    pattern = re.compile(
        rf"(?P<recurring>{recurring})|(?P<relative>{relative})|"
        # 2021-06-30, 2021/6/30, 2021.6.30, 2021.12 (spreadsheets): a date, or a month's end.
        rf"(?P<numeric>(?P<ny>(?:19|20)\d{{2}})[-/.](?P<nm>\d{{1,2}})(?:[-/.](?P<nd>\d{{1,2}}))?(?![\d.]){suffix})|"
        rf"(?P<date>{year(1)}(?P<m1>{num})月(?P<d1>{num})[日号]{suffix})"
        rf"|(?P<month>{year(2)}(?P<m2>{num})月份?(?P<part>{alternation(list(parts))})?{suffix})"
        rf"|(?P<period>{year(3)}(?P<p>{alternation(list(periods))}){suffix})"
        rf"|(?P<all>{alternation(data['all_year'])})"
    )
    return _Grammar(pattern, parts, periods, frozenset(data["all_year"]))


_MIDNIGHT = lazy(r"(\d)[ T]+0?0:00(?::00)?\b")


def _normalise(text: str) -> str:
    # Full-width digits (２０２１) to ASCII; everything else stays as written.
    text = "".join(unicodedata.normalize("NFKC", ch) if ch.isdigit() else ch for ch in text)
    text = _MIDNIGHT.sub(r"\1", text)  # a spreadsheet date's "00:00:00"
    return compact(text)


def _day(year: int, month: int, spec: object) -> date:
    if spec == "last":
        return date(year, month, 1) + relativedelta(day=31)
    return date(year, month, int(spec))  # type: ignore[arg-type]


def _phrase_date(m: re.Match[str], plan_year: int) -> date | None:
    if m.group("numeric"):
        year, month, day = int(m.group("ny")), int(m.group("nm")), m.group("nd")
        try:
            return date(year, month, int(day)) if day else _day(year, month, "last")
        except ValueError:
            return None
    k = 1 if m.group("date") else 2 if m.group("month") else 3
    if m.group(f"year{k}"):
        year = int(m.group(f"year{k}"))
    elif m.group(f"rel{k}"):
        year = plan_year + _RELATIVE_YEARS[m.group(f"rel{k}")]
    else:
        year = plan_year
    g = _grammar()
    try:
        if m.group("date"):
            month, day = cn_number(m.group("m1")), cn_number(m.group("d1"))
            return date(year, month or 0, day or 0)
        if m.group("month"):
            month = cn_number(m.group("m2")) or 0
            part = m.group("part")
            return _day(year, month, g.month_parts[part] if part else "last")
        if m.group("period"):
            month, spec = g.periods[m.group("p")]
            return _day(year, int(month), spec)  # type: ignore[arg-type]
    except ValueError:
        return None
    return None


def _matches(text: str) -> list[re.Match[str]]:
    return list(_grammar().pattern.finditer(text))


def coverage(text: str) -> float:
    """Share of the cell's characters that are deadline phrases: 1.0 for a pure phrase."""
    norm = _normalise(text)
    if not norm:
        return 0.0
    return sum(m.end() - m.start() for m in _matches(norm)) / len(norm)


def implicit(year: int, raw: str = "") -> Deadline:
    """No deadline written: due at the plan year's end."""
    return Deadline(raw=raw, kind="implicit", due=date(year, 12, 31).isoformat())


def parse(text: str, plan_year: int) -> tuple[Deadline, bool]:
    """The cell's deadline and whether it was understood.

    Several phrases: all kept, due at the earliest date.  The kind: `recurring` or
    `relative` when such a phrase is written (due at the earliest date written, else at
    the plan year's end), else `date` for a dated phrase, `all_year` for all-year
    phrases alone.  Nothing readable: `implicit`.
    """
    norm = _normalise(text)
    raw = text.strip()
    if not norm:
        return implicit(plan_year), True
    dated: list[date] = []
    phrases: list[str] = []
    all_year = False
    repeats: list[str] = []
    for m in _matches(norm):
        phrases.append(m.group(0))
        if m.group("recurring") or m.group("relative"):
            repeats.append("recurring" if m.group("recurring") else "relative")
            continue
        if m.group("all"):
            all_year = True
            continue
        when = _phrase_date(m, plan_year)
        if when is None:
            return implicit(plan_year, raw), False
        dated.append(when)
    if repeats:
        due = min(dated) if dated else date(plan_year, 12, 31)
        kind = "recurring" if "recurring" in repeats else "relative"
        return Deadline(raw, kind, due.isoformat(), phrases), True
    if dated:
        return Deadline(raw, "date", min(dated).isoformat(), phrases), True
    if all_year:
        return Deadline(raw, "all_year", date(plan_year, 12, 31).isoformat(), phrases), True
    return implicit(plan_year, raw), False
