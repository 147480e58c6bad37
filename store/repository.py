"""The one door to the store: load, import (merge on re-import), change status, add note.

Every change is a read-modify-write of the file's current contents under a lock, and
leaves a history entry {at, by, from, to, note}.  Nothing is held between calls, so
another process's change is never overwritten with stale data.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import Query, TinyDB

from store.model import STATUSES, HistoryEntry, Item, Plan
from store.storage import AtomicJSONStorage, StoreError, Transaction, store_lock
from store.text import compact

if TYPE_CHECKING:
    from store.importer.plan import ImportResult

LOCK_TIMEOUT = 10.0


class UnknownItem(LookupError):
    pass


def login_user() -> str:
    for var in ("DUBAN_USER", "LOGNAME", "USER"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return "unknown"


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class Snapshot:
    """What the store held at one read."""

    plans: list[Plan]
    items: list[Item]

    def plan(self, key: str) -> Plan | None:
        return next((p for p in self.plans if p.key == key), None)


@dataclass
class MergeReport:
    key: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    new_plan: bool = True


class Repository:
    def __init__(self, path: Path, user: str | None = None, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.user = user or login_user()
        self.lock_timeout = lock_timeout

    # -- reading
    def _open(self) -> TinyDB:
        return TinyDB(self.path, storage=Transaction(AtomicJSONStorage))

    def load(self) -> Snapshot:
        # Read the tables straight from the storage: Table.all() copies every document
        # into a Document first, a third of the load time at 10,000 items.
        db = self._open()
        try:
            data = db.storage.read() or {}
        finally:
            db.close()
        plans = [Plan.from_doc(d) for d in data.get("plans", {}).values()]
        items = [Item.from_doc(d) for d in data.get("items", {}).values()]
        order = {p.key: i for i, p in enumerate(plans)}
        keys = [(order.get(it.plan, len(order)), it.n) for it in items]
        if any(a > b for a, b in zip(keys, keys[1:])):  # a re-import appends its plan's items
            items = [it for _, it in sorted(zip(keys, items), key=lambda pair: pair[0])]
        return Snapshot(plans, items)

    def exists(self) -> bool:
        return self.path.exists()

    # -- writing
    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """The store's current contents under the lock; written once when the block ends."""
        from filelock import Timeout

        lock = store_lock(self.path, self.lock_timeout)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except Timeout:
            raise StoreError(f"{self.path}: another duban is writing and did not finish within "
                             f"{self.lock_timeout:.0f} s; try again") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot lock the store ({exc.strerror})") from None
        try:
            db = self._open()
            yield db
            db.storage.commit()  # type: ignore[attr-defined]
        finally:
            lock.release()

    def _get(self, db: TinyDB, item_id: str) -> tuple[int, Item]:
        docs = db.table("items").search(Query().id == item_id)
        if not docs:
            raise UnknownItem(item_id)
        return docs[0].doc_id, Item.from_doc(docs[0])

    def _record(self, item: Item, to: str, note: str | None) -> HistoryEntry:
        entry = HistoryEntry(now(), self.user, item.status, to, note)
        item.history.append(entry)
        item.status = to
        return entry

    def set_status(self, item_ids: list[str], status: str, note: str | None = None) -> list[Item]:
        if status not in STATUSES:
            raise ValueError(status)
        changed = []
        with self.transaction() as db:
            table = db.table("items")
            found = [self._get(db, i) for i in item_ids]
            for doc_id, item in found:
                self._record(item, status, note)
                table.update(item.to_doc(), doc_ids=[doc_id])
                changed.append(item)
        return changed

    def add_note(self, item_id: str, text: str) -> Item:
        with self.transaction() as db:
            doc_id, item = self._get(db, item_id)
            self._record(item, item.status, text)
            db.table("items").update(item.to_doc(), doc_ids=[doc_id])
        return item

    # -- importing
    def next_key(self) -> str:
        keys = {p.key for p in self.load().plans}
        n = 1
        while f"p{n}" in keys:
            n += 1
        return f"p{n}"

    def find_plan_for(self, source: str, title: str) -> str | None:
        """The key of a plan imported before from the same file or with the same title."""
        for plan in self.load().plans:
            if plan.source == source or compact(plan.title) == compact(title):
                return plan.key
        return None

    def import_plan(self, result: ImportResult) -> MergeReport:
        """Add a plan, or merge a re-import: texts, units and deadlines are replaced; status,
        progress notes and history are kept, matched by item text, then by id."""
        plan, key = result.plan, result.plan.key
        report = MergeReport(key)
        with self.transaction() as db:
            plans, items = db.table("plans"), db.table("items")
            old_docs = items.search(Query().plan == key)
            report.new_plan = not plans.search(Query().key == key)
            old = [Item.from_doc(d) for d in old_docs]
            by_text = {compact(i.text): i for i in old}
            by_id = {i.id: i for i in old}
            kept: set[str] = set()
            for item in result.items:
                prev = by_text.get(compact(item.text))
                if prev is None or prev.id in kept:
                    prev = by_id.get(item.id) if item.id not in kept else None
                if prev is None:
                    report.added += 1
                    continue
                kept.add(prev.id)
                same = prev.to_doc() | {"history": None, "status": None, "line": None}
                new = item.to_doc() | {"history": None, "status": None, "line": None}
                report.unchanged += same == new
                report.updated += same != new
                item.status, item.history = prev.status, prev.history
            report.removed = [i.id for i in old if i.id not in kept]
            items.remove(doc_ids=[d.doc_id for d in old_docs])
            items.insert_multiple(i.to_doc() for i in result.items)
            if report.new_plan:
                plans.insert(plan.to_doc())
            else:
                plans.update(plan.to_doc(), Query().key == key)
        return report
