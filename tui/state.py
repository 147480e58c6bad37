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
from store.repository import Change, Repository
from store.units import Aliases

LIGHT_RANK = {"green": 0, "yellow": 1, "red": 2}


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
    _signature: tuple[int, int, int] | None = None
    _haystack: dict[str, str] = field(default_factory=dict)

    # -- the store
    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.repo.path)
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def reload(self) -> None:
        signature = self._stat()
        self.view = View(self.repo.load(), self.aliases)
        self._signature = signature
        self._haystack = {
            i.id: " ".join([i.id, i.text, i.units_raw, *i.units, i.note or ""]).lower() for i in self.view.items
        }

    def changed_on_disk(self) -> bool:
        """Whether another process wrote the store since we last read it."""
        return self._stat() != self._signature

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
        self.reload()
        return changes

    def cycle_status(self, item_id: str) -> list[Change]:
        item = self.item(item_id)
        current = item.status if item else "todo"
        return self.set_status([item_id], STATUSES[(STATUSES.index(current) + 1) % len(STATUSES)])

    def add_note(self, item_id: str, text: str) -> list[Change]:
        changes = [self.repo.add_note_change(item_id, text)]
        self.undo_stack.append(changes)
        self.reload()
        return changes

    def undo(self) -> list[Change]:
        if not self.undo_stack:
            return []
        changes = self.undo_stack.pop()
        undone = self.repo.undo(changes)
        self.reload()
        return undone
