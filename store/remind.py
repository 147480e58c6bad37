"""Who to remind of what (催办), and how units rank (通报): plain data, no rendering.

A notice goes to each named unit (lead or responsible) with its overdue items and those
due within a window, grouped by plan and main task in the plan's order.  Collective
names (各镇街, 各部门) are no one's inbox: they get no notice.  Days count as the config
says (store/workdays: working days by default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from duban.store import workdays
from duban.store.model import Item
from duban.store.queries import View, is_overdue
from duban.store.tally import Tally, by_unit
from duban.store.units import is_collective


@dataclass
class Entry:
    item: Item
    lead: bool           # the unit leads (牵头) this item
    days_late: int | None  # working days late (overdue items)
    days_left: int | None  # working days left (items due soon)


@dataclass
class Group:
    plan: str
    main: str  # the main task's label ("" when the item has none)
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Notice:
    unit: str
    groups: list[Group]
    overdue: int
    soon: int


@dataclass
class Reminders:
    as_of: date
    reply_by: date
    within: int
    plans: list[str]  # the plans' titles, in order
    notices: list[Notice]
    quiet: list[str]  # units named by the items with nothing to remind


def _wanted(item: Item, as_of: date, horizon: date | None) -> tuple[bool, bool]:
    if item.status == "done":
        return False, False
    late = is_overdue(item, as_of)
    soon = horizon is not None and not late and item.deadline.due_date <= horizon
    return late, soon


def reminders(view: View, items: list[Item], as_of: date, within: int | None, reply_within: int,
              units: set[str] | None = None) -> Reminders:
    """`within`: working days of the due-soon window (None: overdue only); `units`: only these."""
    horizon = workdays.shift(as_of, within) if within is not None else None
    per_unit: dict[str, dict[tuple[str, str | None], Group]] = {}
    counts: dict[str, list[int]] = {}
    named: list[str] = []
    for item in items:
        late, soon = _wanted(item, as_of, horizon)
        for unit in item.units:
            if is_collective(unit) or (units is not None and unit not in units):
                continue
            if unit not in counts:
                counts[unit] = [0, 0]
                named.append(unit)
            if not (late or soon):
                continue
            groups = per_unit.setdefault(unit, {})
            key = (item.plan, item.main)
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(item.plan, view.node_label(item, 1))
            due = item.deadline.due_date
            group.entries.append(Entry(item, unit in item.lead_units,
                                       workdays.days_late(due, as_of) if late else None,
                                       workdays.between(as_of, due) if soon else None))
            counts[unit][0 if late else 1] += 1
    notices = [Notice(u, list(per_unit[u].values()), *counts[u]) for u in named if u in per_unit]
    # Most overdue first, as a clerk would phone them.
    notices.sort(key=lambda n: (-n.overdue, -n.soon, n.unit))
    quiet = sorted(u for u in named if u not in per_unit)
    plans = list(dict.fromkeys(i.plan for i in items))
    return Reminders(as_of, workdays.shift(as_of, reply_within), within or 0,
                     [view.plans[k].title for k in plans if k in view.plans], notices, quiet)


@dataclass
class Standing:
    rank: int
    unit: str
    tally: Tally


def standings(items: list[Item], as_of: date) -> list[Standing]:
    """Named units ranked for the bulletin, worst first (store/tally.py: most overdue, then
    lowest completion, then most items); units sharing all three share a rank."""
    out: list[Standing] = []
    for n, tally in enumerate((t for t in by_unit(items, as_of) if not t.collective), 1):
        unit = tally.name
        same = out and (out[-1].tally.overdue, out[-1].tally.rate, out[-1].tally.items) == (
            tally.overdue, tally.rate, tally.items)
        out.append(Standing(out[-1].rank if same else n, unit, tally))
    return out
