"""What the app shows, without any widget: the store's current view, the user's
filters, and the changes made in this session (for undo).  Plain Python, so the
panes stay thin and this is tested without a terminal.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from store.model import STATUSES, Item
from store.queries import Filter, View, is_overdue, light, unit_counts
from store.repository import Change, Repository, plan_key
from store.units import Aliases

LIGHT_RANK = {"green": 0, "yellow": 1, "red": 2}


def _hay(item: Item) -> str:
    return " ".join([item.id, item.text, item.units_raw, *item.units, item.note or ""]).lower()


@dataclass
class Loaded:
    view: View
    haystack: dict[str, str]
    signature: tuple


@dataclass(frozen=True)
class Filters:
    units: frozenset[str] = frozenset()
    lead_only: bool = False
    overdue_only: bool = False
    day: date | None = None
    search: str = ""

    @property
    def active(self) -> bool:
        return bool(self.units or self.overdue_only or self.day or self.search)


@dataclass
class DayCount:
    items: int = 0
    worst: str = "green"


@dataclass
class AppState:
    repo: Repository
    aliases: Aliases
    today: date
    soon_days: int = 7
    filters: Filters = field(default_factory=Filters)
    view: View | None = None
    undo_stack: list[list[Change]] = field(default_factory=list)
    _signature: tuple | None = None
    _haystack: dict[str, str] = field(default_factory=dict)

    # -- the store
    def _stat(self) -> tuple:
        """The store's files as (path, mtime, size, inode): any write by anyone changes it."""
        paths = [self.repo.path]
        if self.repo.plans_dir.is_dir():
            paths += sorted(self.repo.plans_dir.glob("*.json"))
        out = []
        for path in paths:
            try:
                st = os.stat(path)
            except FileNotFoundError:
                continue
            out.append((path.name, st.st_mtime_ns, st.st_size, st.st_ino))
        return tuple(out)

    def read_fresh(self) -> Loaded:
        """Read the store (safe in a worker thread: it changes nothing here)."""
        signature = self._stat()
        view = View(self.repo.load(), self.aliases)
        return Loaded(view, {i.id: _hay(i) for i in view.items}, signature)

    def adopt(self, loaded: Loaded) -> None:
        self.view, self._haystack, self._signature = loaded.view, loaded.haystack, loaded.signature

    def reload(self) -> None:
        self.adopt(self.read_fresh())

    def changed_on_disk(self) -> bool:
        """Whether another process wrote the store since we last read it."""
        return self._stat() != self._signature

    def _refresh_items(self, item_ids: list[str]) -> None:
        """After our own write: re-read only the plan files it touched."""
        assert self.view is not None
        for key in {plan_key(i) for i in item_ids}:
            docs = self.repo.load_plan_docs(key)
            for item in self.view.replace_docs(docs):
                self._haystack[item.id] = _hay(item)
        self._signature = self._stat()

    @property
    def items(self) -> list[Item]:
        return self.view.items if self.view else []

    def item(self, item_id: str) -> Item | None:
        return self.view.item(item_id) if self.view else None

    # -- what is shown
    def _base(self, f: Filters, with_units: bool, with_day: bool) -> list[Item]:
        assert self.view is not None
        items = self.view.select(Filter(
            units=sorted(f.units) if with_units else [], lead_only=f.lead_only and with_units and bool(f.units),
            overdue=f.overdue_only, as_of=self.today,
        ))
        if f.search:
            needle = f.search.lower()
            items = [i for i in items if needle in self._haystack.get(i.id, "")]
        if with_day and f.day:
            items = [i for i in items if i.deadline.kind == "date" and i.deadline.due_date == f.day]
        return items

    def visible(self) -> list[Item]:
        return self._base(self.filters, with_units=True, with_day=True)

    def unit_rows(self):  # noqa: ANN201 - list[UnitCount]
        """Units with counts that follow the status filter (not the unit selection itself)."""
        return unit_counts(self._base(self.filters, with_units=False, with_day=True), self.today)

    def calendar(self) -> tuple[dict[date, DayCount], int, int]:
        """Per day: how many dated items are due and the worst light; all-year and implicit counts."""
        days: dict[date, DayCount] = {}
        kinds: Counter[str] = Counter()
        for item in self._base(self.filters, with_units=True, with_day=False):
            kinds[item.deadline.kind] += 1
            if item.deadline.kind != "date":
                continue
            cell = days.setdefault(item.deadline.due_date, DayCount())
            cell.items += 1
            tone = self.light(item)
            if LIGHT_RANK[tone] > LIGHT_RANK[cell.worst]:
                cell.worst = tone
        return days, kinds["all_year"], kinds["implicit"]

    def light(self, item: Item) -> str:
        return light(item, self.today, self.soon_days)

    def overdue(self, item: Item) -> bool:
        return is_overdue(item, self.today)

    def set_filters(self, **changes: object) -> None:
        self.filters = replace(self.filters, **changes)  # type: ignore[arg-type]

    # -- changes
    def set_status(self, item_ids: list[str], status: str) -> list[Change]:
        changes = self.repo.set_status_changes(item_ids, status)
        self.undo_stack.append(changes)
        self._refresh_items(item_ids)
        return changes

    def cycle_status(self, item_id: str) -> list[Change]:
        item = self.item(item_id)
        current = item.status if item else "todo"
        return self.set_status([item_id], STATUSES[(STATUSES.index(current) + 1) % len(STATUSES)])

    def add_note(self, item_id: str, text: str) -> list[Change]:
        changes = [self.repo.add_note_change(item_id, text)]
        self.undo_stack.append(changes)
        self._refresh_items([item_id])
        return changes

    def undo(self) -> list[Change]:
        if not self.undo_stack:
            return []
        changes = self.undo_stack.pop()
        undone = self.repo.undo(changes)
        self._refresh_items([c.item_id for c in changes])
        return undone
