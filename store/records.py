"""What the store holds at one read, and the record of one change: plain data."""

from __future__ import annotations

from dataclasses import dataclass

from duban.store.model import HistoryEntry, Item, Plan


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
    """One history entry just written: enough to show it and to undo it."""

    item_id: str
    index: int
    from_: str | None
    to: str
    note: str | None
    at: str
    by: str
    undo: bool = False
    undone: bool = False
    name: str | None = None  # the display name given beside the login `by`
    field: str | None = None  # an adjustment (store/adjust.py): which field, old → new, why
    old: object = None
    new: object = None
    reason: str | None = None

    @classmethod
    def of(cls, item_id: str, index: int, h: HistoryEntry) -> Change:
        return cls(item_id, index, h.from_, h.to, h.note, h.at, h.by, h.undo, h.undone, h.name,
                   h.field, h.old, h.new, h.reason)

    @property
    def who(self) -> str:
        return f"{self.by} ({self.name})" if self.name else self.by

    @property
    def is_note(self) -> bool:
        return self.from_ == self.to and self.note is not None and self.field is None


def find_entry(item: Item, change: Change) -> HistoryEntry | None:
    if change.index < len(item.history):
        entry = item.history[change.index]
        if entry.at == change.at and entry.by == change.by:
            return entry
    return next((h for h in item.history if h.at == change.at and h.by == change.by and h.to == change.to), None)
