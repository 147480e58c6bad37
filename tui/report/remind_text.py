"""催办 notices as letters (title, salutation, body, grouped items, signature), said in the
user's language; tui/report/remind_word.py lays the same letters out for the OA."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from duban.store import workdays
from duban.store.remind import Entry, Reminders
from duban.store.text import display_width
from duban.tui.settings.i18n import Labels

_CN_NUMERALS = "一二三四五六七八九十"


def say_date(t: Labels, day: date) -> str:
    if t.lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day:%B} {day.year}"


@dataclass
class Section:
    heading: str
    level: int  # 1: a plan (only when a notice spans plans), 2: a main task
    lines: list[str] = field(default_factory=list)


@dataclass
class Letter:
    unit: str
    title: str
    salutation: str
    body: str
    sections: list[Section]
    office: str
    dated: str


def _plans(t: Labels, titles: list[str]) -> str:
    if t.lang == "zh":
        return "、".join(f"《{x}》" for x in titles) or t("remind.subject_default")
    return ", ".join(titles) or t("remind.subject_default")


def _when(t: Labels, e: Entry) -> str:
    working = workdays.mode() == "working"
    if e.days_late is not None:
        return t("remind.late" if working else "remind.late_days", days=e.days_late)
    if not e.days_left:
        return t("remind.due_today")
    return t("remind.left" if working else "remind.left_days", days=e.days_left)


def _line(t: Labels, n: int, e: Entry) -> str:
    sep = "；" if t.lang == "zh" else "; "
    bits = ([t("remind.role_lead")] if e.lead else []) + [
        t("remind.deadline", raw=e.item.deadline.raw or e.item.deadline.due), _when(t, e)]
    text = " ".join(e.item.text.split())
    open_, close = ("（", "）") if t.lang == "zh" else (" (", ")")
    return f"{n}. [{e.item.id}] {text}{open_}{sep.join(bits)}{close}"


def letters(t: Labels, r: Reminders, office: str, subject: str | None = None) -> list[Letter]:
    office = office or t("remind.office_default")
    plans = _plans(t, r.plans)
    to = t("remind.to_office", office=office)
    out = []
    for notice in r.notices:
        key = "body_both" if notice.overdue and notice.soon else "body_overdue" if notice.overdue else "body_soon"
        body = t(f"remind.{key}", plans=plans, date=say_date(t, r.as_of), overdue=notice.overdue, soon=notice.soon,
                 window=t("remind.window_" + ("working" if workdays.mode() == "working" else "days"), n=r.within),
                 reply=say_date(t, r.reply_by), office=to)
        spans_plans = len({g.plan for g in notice.groups}) > 1
        sections: list[Section] = []
        last_plan = None
        n = 0
        for group in notice.groups:
            if spans_plans and group.plan != last_plan:
                sections.append(Section(group.plan, 1))
                last_plan = group.plan
            section = Section(group.main or "—", 2)
            for e in group.entries:
                n += 1
                section.lines.append(_line(t, n, e))
            sections.append(section)
        out.append(Letter(notice.unit, t("remind.title", subject=subject or t("remind.subject_default")),
                          t("remind.salutation", unit=notice.unit), body, sections, office, say_date(t, r.as_of)))
    return out


def _right(text: str, width: int = 60) -> str:
    return " " * max(0, width - display_width(text)) + text  # by display width: CJK is two cells


def as_text(t: Labels, r: Reminders, office: str, subject: str | None = None) -> str:
    """Plain text for pasting into a message: one notice after another, then the quiet units."""
    blocks = []
    for letter in letters(t, r, office, subject):
        lines = [letter.title, "", letter.salutation, ("　　" if t.lang == "zh" else "") + letter.body, ""]
        for s in letter.sections:
            nested = s.level == 2 and any(x.level == 1 for x in letter.sections)
            lines.append(("  " if nested else "") + s.heading)
            lines.extend("    " + line for line in s.lines)
        lines += ["", _right(letter.office), _right(letter.dated)]
        blocks.append("\n".join(lines))
    if not blocks:
        blocks.append(t("remind.nothing"))
    text = ("\n\n" + "─" * 40 + "\n\n").join(blocks)
    if r.quiet:
        sep = "、" if t.lang == "zh" else ", "
        text += "\n\n" + t("remind.quiet", count=len(r.quiet), units=sep.join(r.quiet))
    return text + "\n"
