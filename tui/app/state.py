"""What the app shows, without any widget: the store's current view, the user's
filters, and the changes made in this session (for undo).  Plain Python, so the
panes stay thin and this is tested without a terminal.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from duban.store.model import Item, next_status
from duban.store.queries import Filter, View, is_overdue, light, search_text
from duban.store.records import Change
from duban.store.repository import Repository
from duban.store.tally import by_unit
from duban.store.transaction import plan_key
from duban.store.unit_names import Aliases

LIGHT_RANK = {"green": 0, "yellow": 1, "red": 2}


def _hay(item: Item) -> str:
    # Without pinyin initials: loading stays quick; they are added on the first search
    # that could use them (AppState._initials).
    return search_text(item.id, item.text, item.units_raw, item.units, item.note, initials=False,
                       requirement=item.requirement)


def _initials(item: Item) -> str:
    from duban.store.pinyin import initials

    return initials(" ".join([item.text, item.requirement, *item.units, item.note or ""]))


@dataclass
class Loaded:
    view: View
    haystack: dict[str, str]
    signature: dict[str, tuple[int, int, int]]


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
    _signature: dict[str, tuple[int, int, int]] | None = None
    _haystack: dict[str, str] = field(default_factory=dict)
    _pinyin: dict[str, str] = field(default_factory=dict)  # item id → initials, made on first use
    _memo: dict[tuple, list[Item]] = field(default_factory=dict)
    _units: list | None = None
    _units_key: Filters | None = None
    _cal: tuple | None = None
    _cal_key: Filters | None = None
    _cal_index: dict[date, list[Item]] = field(default_factory=dict)

    # -- the store
    def _stat(self, only: list[Path] | None = None) -> dict[str, tuple[int, int, int]]:
        """The store's files as name → (mtime, size, inode): any write by anyone changes it."""
        paths = only if only is not None else [self.repo.path, *sorted(self.repo.plans_dir.glob("*.json"))]
        out = {}
        for path in paths:
            try:
                st = os.stat(path)
            except FileNotFoundError:
                continue
            out[str(path)] = (st.st_mtime_ns, st.st_size, st.st_ino)
        return out

    def read_fresh(self) -> Loaded:
        """Read the store (safe in a worker thread: it changes nothing here)."""
        signature = self._stat()
        view = View(self.repo.load(), self.aliases)
        return Loaded(view, {i.id: _hay(i) for i in view.items}, signature)

    def adopt(self, loaded: Loaded) -> None:
        self.view, self._haystack, self._signature = loaded.view, loaded.haystack, loaded.signature
        self._pinyin = {}
        self._memo.clear()
        self._units = self._cal = None

    def reload(self) -> None:
        self.adopt(self.read_fresh())

    def changed_on_disk(self) -> bool:
        """Whether another process wrote the store since we last read it."""
        return self._stat() != self._signature

    def _refresh_items(self, item_ids: list[str]) -> None:
        """After our own write: re-read only the plan files it touched, and bring what
        the panes show up to date by the difference, not by counting everything again."""
        assert self.view is not None
        pairs: list[tuple[Item, Item]] = []
        for key in {plan_key(i) for i in item_ids}:
            # The file's state is taken before it is read: a write by anyone after that
            # still shows as a change on disk (and another file's change is not touched).
            seen = self._stat([self.repo.plan_file(key)])
            docs = self.repo.load_plan_docs(key)
            old_docs = {d["id"]: d for d in self.view.snapshot.docs if d["plan"] == key}
            if set(old_docs) != {d["id"] for d in docs}:
                self.reload()  # the plan itself changed under us (a re-import)
                return
            assert self._signature is not None
            self._signature.update(seen)
            olds = {d["id"]: self.view.item(d["id"]) for d in docs if d != old_docs[d["id"]]}
            for item in self.view.replace_docs([d for d in docs if d["id"] in olds]):
                self._haystack[item.id] = _hay(item)
                self._pinyin.pop(item.id, None)
                pairs.append((olds[item.id], item))  # type: ignore[arg-type]
        self._patch(pairs)

    def _patch(self, pairs: list[tuple[Item, Item]]) -> None:
        f = self.filters
        membership_may_change = f.overdue_only or (f.search and any(_hay(a) != _hay(b) for a, b in pairs))
        if membership_may_change or any(a.units != b.units or a.deadline != b.deadline for a, b in pairs):
            self._memo.clear()
            self._units = self._cal = None
            return
        fresh = {b.id: b for _, b in pairs}
        for items in self._memo.values():
            items[:] = [fresh.get(i.id, i) for i in items]
        counted = self._memo.get((self._units_key, False, True)) if self._units is not None else None
        if self._units is not None and counted is None:
            self._units = None  # what the counts were made from is gone: count again when asked
        if counted is not None and self._units is not None:  # (the same test, for the type checker)
            # Only items the units pane counts (under a search, say, an undo may touch one it does not).
            members = {i.id for i in counted}
            counts = {c.name: c for c in self._units}
            for old, new in pairs:
                if old.id not in members:
                    continue
                for item, sign in ((old, -1), (new, 1)):  # out as it was, in as it is
                    late = is_overdue(item, self.today)
                    for name in item.units:
                        if name in counts:
                            counts[name].add(item, self.today, late, sign)
        if self._cal is not None:
            days = self._cal[0]
            for _, new in pairs:
                if new.deadline.kind == "date" and new.deadline.due_date in days:
                    self._cal_index[new.deadline.due_date] = [
                        new if i.id == new.id else i for i in self._cal_index[new.deadline.due_date]]
                    days[new.deadline.due_date] = self._day_count(self._cal_index[new.deadline.due_date])

    def warm_pinyin(self) -> None:
        """Pinyin initials of every item, ahead of the first search that needs them (run in
        a thread after a load: the table is read once, each item's key made once)."""
        table, items = self._pinyin, list(self.items)
        for item in items:
            if item.id not in table:
                table[item.id] = _initials(item)

    @property
    def items(self) -> list[Item]:
        return self.view.items if self.view else []

    def item(self, item_id: str) -> Item | None:
        return self.view.item(item_id) if self.view else None

    # -- what is shown
    def _base(self, f: Filters, with_units: bool, with_day: bool) -> list[Item]:
        # Every pane asks after each change: the answer is kept until the data changes.
        key = (f, with_units, with_day)
        if key not in self._memo:
            self._memo[key] = self._compute(f, with_units, with_day)
        return self._memo[key]

    def _compute(self, f: Filters, with_units: bool, with_day: bool) -> list[Item]:
        assert self.view is not None
        items = self.view.select(Filter(
            units=sorted(f.units) if with_units else [], lead_only=f.lead_only and with_units and bool(f.units),
            overdue=f.overdue_only, as_of=self.today,
        ))
        if f.search:
            needle = f.search.lower()
            if needle.isascii() and needle.isalpha():  # may be pinyin initials: czj → 财政局
                pinyin = self._pinyin
                for i in items:
                    if i.id not in pinyin:
                        pinyin[i.id] = _initials(i)
                items = [i for i in items if needle in self._haystack.get(i.id, "") or needle in pinyin[i.id]]
            else:
                items = [i for i in items if needle in self._haystack.get(i.id, "")]
        if with_day and f.day:
            items = [i for i in items if i.deadline.kind == "date" and i.deadline.due_date == f.day]
        return items

    def visible(self) -> list[Item]:
        return self._base(self.filters, with_units=True, with_day=True)

    def unit_rows(self):  # noqa: ANN201 - list[UnitTally]
        """Units with counts that follow the status filter (not the unit selection itself)."""
        if self._units is None or self._units_key != self.filters:
            self._units = by_unit(self._base(self.filters, with_units=False, with_day=True), self.today)
            self._units_key = self.filters
        return self._units

    def calendar(self) -> tuple[dict[date, DayCount], int, int]:
        """Per day: how many dated items are due and the worst light; all-year and implicit counts."""
        if self._cal is not None and self._cal_key == self.filters:
            return self._cal
        index: dict[date, list[Item]] = {}
        kinds: Counter[str] = Counter()
        for item in self._base(self.filters, with_units=True, with_day=False):
            kinds[item.deadline.kind] += 1
            if item.deadline.kind == "date":
                index.setdefault(item.deadline.due_date, []).append(item)
        self._cal_index = index
        self._cal = ({day: self._day_count(items) for day, items in index.items()}, kinds["all_year"], kinds["implicit"])
        self._cal_key = self.filters
        return self._cal

    def _day_count(self, items: list[Item]) -> DayCount:
        cell = DayCount(items=len(items))
        for item in items:
            tone = light(item, self.today, self.soon_days)
            if LIGHT_RANK[tone] > LIGHT_RANK[cell.worst]:
                cell.worst = tone
        return cell

    def set_filters(self, **changes: object) -> None:
        self.filters = replace(self.filters, **changes)  # type: ignore[arg-type]

    # -- changes (the app writes in a thread: tui/app/screens/writes.py; then records here)
    def recorded(self, changes: list[Change], item_ids: list[str]) -> None:
        """A write of ours is in the store: an undo step (if it changed anything), and
        what the panes show brought up to date."""
        if changes:  # a change that changed nothing is no undo step
            self.undo_stack.append(changes)
        self._refresh_items(item_ids)

    def undone(self) -> None:
        """The undo of the last step is in the store."""
        changes = self.undo_stack.pop()
        self._refresh_items([c.item_id for c in changes])

    def set_status(self, item_ids: list[str], status: str) -> list[Change]:
        changes = self.repo.set_status(item_ids, status)
        self.recorded(changes, item_ids)
        return changes

    def cycle_status(self, item_id: str) -> list[Change]:
        item = self.item(item_id)
        return self.set_status([item_id], next_status(item.status if item else "todo"))

    def add_note(self, item_id: str, text: str) -> list[Change]:
        changes = [self.repo.add_note(item_id, text)]
        self.recorded(changes, [item_id])
        return changes

    def undo(self, force: bool = False) -> list[Change]:
        if not self.undo_stack:
            return []
        undone = self.repo.undo(self.undo_stack[-1], force=force)  # refused: still there to undo with force
        self.undone()
        return undone
