"""Reading the history: every change newest first (`duban log`), and the newest change a
user made that is not undone yet (what `duban undo` takes back).  Read from a snapshot's
items; writing history is the repository's (store/repository.py)."""

from __future__ import annotations

from duban.store.author import local_day, local_minute
from duban.store.messages import Said
from duban.store.model import HistoryEntry, Item
from duban.store.records import Change
from duban.store.storage import StoreError


class UndoRefused(StoreError):
    """Someone else changed the item after you: undoing would throw their change away."""


def check_undo(item: Item, entry: HistoryEntry, user: str, force: bool) -> None:
    """Only your own change is yours to undo, and not over a colleague's later change to the
    same item unless `force` (undoing would throw their change away)."""
    if entry.by != user:
        raise UndoRefused(Said("undo_not_yours", "{id}: that change was made by {by}, not by you ({user}); "
                               "nothing was undone", id=item.id, by=entry.by, user=user))
    later = [h for h in item.history[item.history.index(entry) + 1:] if h.by != user]
    if later and not force:
        raise UndoRefused(Said(
            "undo_changed_since", "{id}: changed by {by} at {at} after your change; nothing was undone "
            "(undo --force reverts it anyway)", id=item.id, by=later[-1].by, at=local_minute(later[-1].at)))


def log(items: list[Item], item_id: str | None = None, since: str | None = None,
        by: str | None = None) -> list[Change]:
    """Every status change, note and adjustment (of one item, since a day as the reader's
    calendar has it, by a login or a display name), newest first."""
    out = []
    for item in items:
        if item_id and item.id != item_id:
            continue
        for index, h in enumerate(item.history):
            if (since and local_day(h.at) < since) or (by and by not in (h.by, h.name)):
                continue
            out.append(Change(item.id, index, h))
    return sorted(out, key=lambda c: c.at, reverse=True)


def last_changes_by(items: list[Item], user: str) -> list[Change]:
    """The newest change `user` made that is not undone yet (all items it touched at once)."""
    best: list[Change] = []
    for item in items:
        for index, h in enumerate(item.history):
            if h.by != user or h.undo or h.undone:
                continue
            if not best or h.at > best[0].at:
                best = [Change(item.id, index, h)]
            elif h.at == best[0].at:
                best.append(Change(item.id, index, h))
    return best
