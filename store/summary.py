"""The numbers a meeting needs, from items and an as-of date: overview, by main task,
by unit, overdue, due soon, what changed since a date, and the full item table.

Plain data (no rendering): tui/report/blocks.py turns it into text, Markdown, HTML or SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from duban.store import workdays
from duban.store.author import local_day
from duban.store.model import SIGNOFF_AFTER_DAYS, Item, Plan
from duban.store.queries import View
from duban.store.records import Change
from duban.store.tally import Tally, UnitTally, by_unit, facts

DUE_SOON_WINDOW = 30


@dataclass
class GroupRow:
    label: str
    tally: Tally


@dataclass
class DueRow:
    item: Item
    lead: str
    days: int  # days overdue (positive) or days left


@dataclass
class DetailRow:
    """One line of the 进展情况 table, or a heading (kind main / work) in place."""

    kind: str  # main | work | item
    label: str
    item: Item | None = None


@dataclass
class Summary:
    as_of: date
    plans: list[Plan]
    regions: list[str]
    years: list[int]
    overview: Tally
    by_main_task: list[GroupRow]
    by_lead_unit: list[UnitTally]
    by_any_unit: list[UnitTally]
    overdue: list[DueRow]
    due_soon: list[DueRow]
    since: date | None = None
    changes: list[Change] = field(default_factory=list)  # net: an undone change and its undo left out
    undone: int = 0  # changes in the period a later undo reverted (left out of `changes`)
    detail: list[DetailRow] = field(default_factory=list)
    unsigned: list[DueRow] = field(default_factory=list)  # done, not signed off for long (days since done)
    extended: list[DueRow] = field(default_factory=list)  # 延期: days = how far the deadline moved
    carried: list[DueRow] = field(default_factory=list)   # carried into next year's plan (item.carried_to)
    signoff_after: int = SIGNOFF_AFTER_DAYS
    soon_window: int = DUE_SOON_WINDOW  # the due-soon list's window, in the days the config counts


def done_on(item: Item) -> date | None:
    """The day the item last became done (None when it came in done from the plan file)."""
    for h in reversed(item.history):
        if h.to == "done" and h.from_ != "done" and not h.undone and not h.field:
            return date.fromisoformat(local_day(h.at))
    return None


def loop_rows(items: list[Item], as_of: date, signoff_after: int) -> tuple[list[DueRow], list[DueRow], list[DueRow]]:
    """Done but not signed off for more than `signoff_after` days (working days where the
    config counts them, as these offices do); extended; carried over."""
    unsigned, extended, carried = [], [], []
    for i in items:
        since = done_on(i) if i.status == "done" and not i.signed_off else None
        waited = workdays.between(since, as_of) if since is not None else 0
        if waited > signoff_after:
            unsigned.append(DueRow(i, i.lead_unit()[0], waited))
        if i.extension_days:
            extended.append(DueRow(i, i.lead_unit()[0], i.extension_days))
        if i.carried_to:
            carried.append(DueRow(i, i.lead_unit()[0], 0))
    unsigned.sort(key=lambda r: (-r.days, r.item.id))
    extended.sort(key=lambda r: (-r.days, r.item.id))
    return unsigned, extended, carried


def summarise(view: View, items: list[Item], as_of: date, since: date | None = None,
              detail: bool = False, soon_window: int = DUE_SOON_WINDOW,
              signoff_after: int = SIGNOFF_AFTER_DAYS) -> Summary:
    """The summary of these items (already filtered by plan, year, unit …)."""
    plan_keys = list(dict.fromkeys(i.plan for i in items))
    plans = [view.plans[k] for k in plan_keys if k in view.plans]
    item_facts = [facts(i, as_of) for i in items]  # once per item: every tally counts them
    overview = Tally()
    mains: dict[tuple[str, str | None], Tally] = {}
    samples: dict[tuple[str, str | None], Item] = {}
    everything: dict[tuple, int] = {}  # by distinct facts: count(facts, n) adds n items at once
    per_main: dict[tuple[str, str | None], dict[tuple, int]] = {}
    for item, fact in zip(items, item_facts):
        everything[fact] = everything.get(fact, 0) + 1
        key = (item.plan, item.main)
        counts = per_main.get(key)
        if counts is None:
            counts = per_main[key] = {}
            samples[key] = item
        counts[fact] = counts.get(fact, 0) + 1
    for fact, many in everything.items():
        overview.count(fact, many)
    for key, counts in per_main.items():
        tally = mains[key] = Tally()
        for fact, many in counts.items():
            tally.count(fact, many)
    by_main = []
    for (plan, _main), tally in mains.items():
        label = view.node_label(samples[(plan, _main)], 1) or "—"
        by_main.append(GroupRow(f"{plan} {label}" if len(plans) > 1 else label, tally))
    # Days late and the due-soon window count working days where the config says so.
    late = [DueRow(i, i.lead_unit()[0], workdays.days_late(i.deadline.due_date, as_of))
            for i, fact in zip(items, item_facts) if fact[1]]  # fact[1]: overdue
    place = {k: n for n, k in enumerate(plan_keys)}  # ties by plan, then item number (p3.2 before p3.10)
    late.sort(key=lambda r: (-r.days, place[r.item.plan], r.item.n))
    horizon = workdays.shift(as_of, soon_window)
    soon = [DueRow(i, i.lead_unit()[0], workdays.between(as_of, i.deadline.due_date)) for i in items
            if i.status != "done" and as_of <= i.deadline.due_date <= horizon]
    soon.sort(key=lambda r: (r.days, place[r.item.plan], r.item.n))
    summary = Summary(
        as_of=as_of, plans=plans, regions=list(dict.fromkeys(p.region for p in plans if p.region)),
        years=sorted({p.year for p in plans}), overview=overview, by_main_task=by_main,
        by_lead_unit=by_unit(items, as_of, lead_only=True, facts=item_facts),
        by_any_unit=by_unit(items, as_of, facts=item_facts),
        overdue=late, due_soon=soon, since=since,
    )
    summary.unsigned, summary.extended, summary.carried = loop_rows(items, as_of, signoff_after)
    summary.signoff_after, summary.soon_window = signoff_after, soon_window
    if since is not None:
        start = since.isoformat()
        changes: list[Change] = []
        for i in items:
            for index, h in enumerate(i.history):
                if h.by == "import" or local_day(h.at) < start:
                    continue
                if h.undo or h.undone:  # net changes: an undone change and its undo cancel out
                    summary.undone += h.undone
                    continue
                changes.append(Change(i.id, index, h))
        summary.changes = sorted(changes, key=lambda c: c.at)
    if detail:
        summary.detail = detail_rows(view, items)
    return summary


def detail_rows(view: View, items: list[Item]) -> list[DetailRow]:
    """Items in source order with their main-task and work-task headings in place."""
    rows: list[DetailRow] = []
    last_main = last_work = None
    for item in items:
        main_key, work_key = (item.plan, item.main), (item.plan, item.work)
        if main_key != last_main:
            rows.append(DetailRow("main", view.node_label(item, 1) or "—"))
            last_main, last_work = main_key, None
        if item.work and work_key != last_work:
            rows.append(DetailRow("work", view.node_label(item, 2)))
            last_work = work_key
        rows.append(DetailRow("item", "", item))
    return rows


__all__ = ["Summary", "Tally", "summarise"]
