"""What the store holds at one read, and the record of one change: plain data."""

from __future__ import annotations

from dataclasses import dataclass

from duban.store.model import HistoryEntry, Item, Plan

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any


@dataclass
class Snapshot:
    """What the store held at one read: plans, and the item documents in plan order."""

    plans: list[Plan]
    docs: list[dict]
    _items: list[Item] | None = None

    @property
    def items(self) -> list[Item]:
        if self._items is None:
            self._items = [Item.from_doc(d) for d in self.docs]
        return self._items

    def plan(self, key: str) -> Plan | None:
        return next((p for p in self.plans if p.key == key), None)



@dataclass(frozen=True)
class Change:
    """Where one history entry stands: its item and its place in the item's history.

    The record of the change itself is the HistoryEntry (store/model.py), the one record
    of a change; a Change reads as its entry (c.at, c.from_, c.field, c.who …), so a
    change just written, a line of `log` and a row of the report are the same thing."""

    item_id: str
    index: int
    entry: HistoryEntry

    @classmethod
    def of(cls, item_id: str, index: int, h: HistoryEntry) -> Change:
        return cls(item_id, index, h)

    def __getattr__(self, name: str) -> Any:  # only for what the Change itself lacks
        if name.startswith("__") or name == "entry":  # not set yet (a copy being made)
            raise AttributeError(name)
        return getattr(self.entry, name)

    @property
    def is_note(self) -> bool:
        e = self.entry
        return e.from_ == e.to and e.note is not None and e.field is None


def find_entry(item: Item, change: Change) -> HistoryEntry | None:
    if change.index < len(item.history):
        entry = item.history[change.index]
        if entry.at == change.at and entry.by == change.by:
            return entry
    return next((h for h in item.history if h.at == change.at and h.by == change.by and h.to == change.to), None)
