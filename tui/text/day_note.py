"""What a deadline means today, in words: '已逾期 3 个工作日', 'due in 5 working days', and a
deadline on a public holiday or a rest day said so, and the deadline line of `show` and the
app's detail pane."""

from __future__ import annotations

import sys
from datetime import date

from duban.store import workdays
from duban.store.model import Item
from duban.store.queries import is_overdue
from duban.tui.settings.i18n import Labels


def day_note(t: Labels, item: Item, as_of: date) -> str:
    """'已逾期 3 个工作日' / 'due in 5 working days', and a deadline on a holiday said so."""
    due = item.deadline.due_date
    unit = "_workdays" if workdays.mode() == "working" else ""
    days = workdays.between(as_of, due)
    when = t("show.overdue_by" + unit, days=-days) if is_overdue(item, as_of) else (
        t("show.due_in" + unit, days=days) if days >= 0 and item.status != "done" else "")
    if item.deadline.kind == "all_year":
        return when
    name = workdays.holiday(due)
    if name:
        when = f"{t('remind.on_holiday', name=t('holiday.' + name))} {when}"
    elif not workdays.is_workday(due, "working"):
        when = f"{t('remind.on_rest_day')} {when}"
    return when.strip()


def deadline_line(t: Labels, item: Item, as_of: date) -> str:
    """The deadline as `show` and the detail pane say it: the phrase → the day (its kind) and
    what that means today ('年底前 → 2026-12-31 (限期) 还剩 20 个工作日')."""
    kind = t("kind." + item.deadline.kind)
    return f"{item.deadline.raw or '—'} → {item.deadline.due} ({kind}) {day_note(t, item, as_of)}".rstrip()


def warn_unknown_years(t) -> None:  # noqa: ANN001 - duban.tui.settings.i18n.Labels
    """Once per run (tui/cli/main.py): years counted as weekends-only because no arrangement is known."""
    if workdays.mode() == "working" and workdays.unknown_years:
        years = "、".join(str(y) for y in sorted(workdays.unknown_years))
        print(t("remind.unknown_years", years=years), file=sys.stderr)
        workdays.unknown_years.clear()
