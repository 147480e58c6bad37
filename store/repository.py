"""The one door to the store: load, import (merge on re-import), change status, add note.

Every change is a read-modify-write of the file's current contents under a lock, and
leaves a history entry {at, by, from, to, note}.  Nothing is held between calls, so
another process's change is never overwritten with stale data.
"""

from __future__ import annotations

import errno
import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import Query, TinyDB
from tinydb.table import Table

from store import safety
from store.messages import Said
from store.model import STATUSES, HistoryEntry, Item, Plan
from store.storage import AtomicJSONStorage, StoreError, Transaction, store_lock
from store.text import compact, strip_controls

if TYPE_CHECKING:
    from store.importer.plan import ImportResult

LOCK_TIMEOUT = 10.0


class UnknownItem(LookupError):
    pass


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

    @property
    def is_note(self) -> bool:
        return self.from_ == self.to and self.note is not None


def _find_entry(item: Item, change: Change) -> HistoryEntry | None:
    if change.index < len(item.history):
        entry = item.history[change.index]
        if entry.at == change.at and entry.by == change.by:
            return entry
    return next((h for h in item.history if h.at == change.at and h.by == change.by and h.to == change.to), None)


def login_user() -> str:
    for var in ("DUBAN_USER", "LOGNAME", "USER"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return "unknown"


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


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


@dataclass
class MergeReport:
    key: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    new_plan: bool = True


class StoreTx:
    """One unit of work under the lock: the index (plans) and the plan files it touches,
    each read once and written once, plan files first, on commit."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.index = TinyDB(repo.path, storage=Transaction(AtomicJSONStorage))
        self._plans: dict[str, TinyDB] = {}
        data = self.index.storage.read() or {}
        if "items" in data:  # schema 1: every item in the one file
            self._split_schema_1(data)

    def items(self, key: str) -> Table:
        db = self._plans.get(key)
        if db is None:
            db = self._plans[key] = TinyDB(self.repo.plan_file(key), storage=Transaction(AtomicJSONStorage))
        return db.table("items")

    def plans(self) -> Table:
        return self.index.table("plans")

    def _split_schema_1(self, data: dict) -> None:
        by_plan: dict[str, list[dict]] = {}
        for doc in data["items"].values():
            by_plan.setdefault(doc["plan"], []).append(doc)
        for key, docs in by_plan.items():
            self.items(key).insert_multiple(docs)
        self.index.drop_table("items")

    def commit(self) -> None:
        for db in self._plans.values():
            db.storage.commit()  # type: ignore[attr-defined]
        self.index.storage.commit()  # type: ignore[attr-defined]


def plan_key(item_id: str) -> str:
    return item_id.rsplit(".", 1)[0]


class Repository:
    """The store: an index file (plans) and, beside it in <name>.plans/, one TinyDB file
    per plan holding its items, so a change rewrites one plan's file, not every item."""

    def __init__(self, path: Path, user: str | None = None, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.user = user or login_user()
        self.lock_timeout = lock_timeout
        self._backed_up = False  # one backup before each write session (a command, an app run)

    @property
    def plans_dir(self) -> Path:
        return self.path.with_name(self.path.stem + ".plans")

    def plan_file(self, key: str) -> Path:
        return self.plans_dir / f"{key}.json"

    # -- reading
    def load(self) -> Snapshot:
        # Documents are read straight from the storage: Table.all() copies each one
        # into a Document first, a third of the load time at 10,000 items.
        index = AtomicJSONStorage(self.path).read() or {}
        plans = [Plan.from_doc(d) for d in index.get("plans", {}).values()]
        if "items" in index:  # schema 1, not yet split (reading never writes)
            docs = list(index["items"].values())
        else:
            docs = []
            for plan in plans:
                data = AtomicJSONStorage(self.plan_file(plan.key)).read()
                if data is None:
                    raise StoreError(Said("plan_missing", "{path}: missing, but {index} lists plan {key}",
                                           path=self.plan_file(plan.key), index=self.path, key=plan.key))
                docs.extend(data.get("items", {}).values())
        order = {p.key: i for i, p in enumerate(plans)}
        keys = [(order.get(d["plan"], len(order)), d["n"]) for d in docs]
        if any(a > b for a, b in zip(keys, keys[1:])):
            docs = [d for _, d in sorted(zip(keys, docs), key=lambda pair: pair[0])]
        return Snapshot(plans, docs)

    def load_plan_docs(self, key: str) -> list[dict]:
        """One plan's item documents as stored now."""
        data = AtomicJSONStorage(self.plan_file(key)).read() or {}
        return sorted(data.get("items", {}).values(), key=lambda d: d["n"])

    def exists(self) -> bool:
        return self.path.exists()

    # -- writing
    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the writers' lock (waiting at most lock_timeout seconds)."""
        from filelock import Timeout

        lock = store_lock(self.path, self.lock_timeout)
        try:
            safety.make_dir(self.path.parent)
            lock.acquire()
        except Timeout:
            holder = safety.read_holder(self.path)
            if holder is None:
                raise StoreError(Said("locked", "{path}: the store is locked; waited {seconds:g} s, try again",
                                      path=self.path, seconds=self.lock_timeout)) from None
            raise StoreError(Said(
                "locked_by", "{path}: the store is locked by {user} (pid {pid} on {host}, since {since}); "
                "waited {seconds:g} s, try again", path=self.path, user=holder.user, pid=holder.pid,
                host=holder.host, since=holder.since, seconds=self.lock_timeout)) from None
        except OSError as exc:
            raise StoreError(Said("cannot_lock", "{path}: cannot lock the store ({reason})", path=self.path,
                                  reason=exc.strerror)) from None
        try:
            # The lock is an fcntl lock: the kernel drops it when its holder dies, so a
            # crashed writer never blocks anyone.  What it may leave is a temp file.
            safety.record_holder(self.path, self.user)
            safety.remove_stale_temps(self.path.parent, self.plans_dir)
            yield
        finally:
            lock.release()

    @contextmanager
    def transaction(self) -> Iterator[StoreTx]:
        """The store's current contents under the lock; written when the block ends."""
        with self._locked():
            tx = StoreTx(self)  # reads (and checks) the store before anything is backed up
            if not self._backed_up:
                self._backup()
            yield tx
            tx.commit()

    # -- backups
    def _backup(self) -> None:
        try:
            safety.take_backup(self.path, self.plans_dir)
        except OSError as exc:
            reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror
            raise StoreError(Said("cannot_backup", "{path}: cannot back up the store before writing ({reason}); "
                                  "nothing was changed", path=self.path, reason=reason)) from None
        self._backed_up = True

    def backups(self) -> list[safety.Backup]:
        return safety.list_backups(self.path)

    def restore(self, number: int) -> safety.Backup:
        """Put backup `number` (1 = newest) in place; the store as it was is backed up first."""
        chosen = next((b for b in self.backups() if b.number == number), None)
        if chosen is None:
            raise StoreError(Said("no_backup", "{path}: no backup {number} (see duban backups)", path=self.path, number=number))
        if not safety.loads_cleanly(chosen.path / self.path.name, lambda p: Repository(p).load()):
            raise StoreError(Said("bad_backup", "{path}: this backup does not load either; choose another", path=chosen.path))
        with self._locked():  # not a transaction: the store may be the broken thing
            self._backup()
            safety.restore_files(chosen, self.path, self.plans_dir)
        return chosen

    def newest_good_backup(self) -> safety.Backup | None:
        for backup in self.backups():
            if safety.loads_cleanly(backup.path / self.path.name, lambda p: Repository(p).load()):
                return backup
        return None

    # -- history
    def log(self, item_id: str | None = None, since: str | None = None, by: str | None = None) -> list[Change]:
        """Every status change and progress note, newest first."""
        out = []
        for item in self.load().items:
            if item_id and item.id != item_id:
                continue
            for index, h in enumerate(item.history):
                if (since and h.at[:10] < since) or (by and h.by != by):
                    continue
                out.append(Change(item.id, index, h.from_, h.to, h.note, h.at, h.by, h.undo, h.undone))
        return sorted(out, key=lambda c: c.at, reverse=True)

    def _get(self, tx: StoreTx, item_id: str) -> tuple[Table, int, Item]:
        if "." not in item_id or not tx.plans().search(Query().key == plan_key(item_id)):
            raise UnknownItem(item_id)
        table = tx.items(plan_key(item_id))
        docs = table.search(Query().id == item_id)
        if not docs:
            raise UnknownItem(item_id)
        return table, docs[0].doc_id, Item.from_doc(docs[0])

    def _record(self, item: Item, to: str, note: str | None, undo: bool = False) -> Change:
        note = strip_controls(note).strip() if note else note  # a note is data: no escape codes
        entry = HistoryEntry(now(), self.user, item.status, to, note, undo=undo)
        item.history.append(entry)
        item.status = to
        return Change(item.id, len(item.history) - 1, entry.from_, to, note, entry.at, entry.by)

    def set_status(self, item_ids: list[str], status: str, note: str | None = None) -> list[Change]:
        """Set the status of every item, all or none (an unknown id changes nothing)."""
        if status not in STATUSES:
            raise ValueError(status)
        changes = []
        with self.transaction() as tx:
            found = [self._get(tx, i) for i in item_ids]
            for table, doc_id, item in found:
                changes.append(self._record(item, status, note))
                table.update(item.to_doc(), doc_ids=[doc_id])
        return changes

    def add_note(self, item_id: str, text: str) -> Change:
        with self.transaction() as tx:
            table, doc_id, item = self._get(tx, item_id)
            change = self._record(item, item.status, text)
            table.update(item.to_doc(), doc_ids=[doc_id])
        return change

    # the app's names for the same doors
    set_status_changes = set_status
    add_note_change = add_note

    def undo(self, changes: list[Change]) -> list[Change]:
        """Revert these changes (newest first), each recorded in history as an undo."""
        reverts = []
        with self.transaction() as tx:
            for change in reversed(changes):
                table, doc_id, item = self._get(tx, change.item_id)
                entry = _find_entry(item, change)
                if entry is None or entry.undone:
                    continue
                entry.undone = True
                back = change.from_ if change.from_ and change.from_ != change.to else item.status
                reverts.append(self._record(item, back, None, undo=True))
                table.update(item.to_doc(), doc_ids=[doc_id])
        return reverts

    def last_changes_by(self, user: str) -> list[Change]:
        """The newest change `user` made that is not undone yet (all items it touched at once)."""
        best: list[Change] = []
        for item in self.load().items:
            for index, h in enumerate(item.history):
                if h.by != user or h.undo or h.undone:
                    continue
                change = Change(item.id, index, h.from_, h.to, h.note, h.at, h.by)
                if not best or h.at > best[0].at:
                    best = [change]
                elif h.at == best[0].at:
                    best.append(change)
        return best

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
        with self.transaction() as tx:
            plans, items = tx.plans(), tx.items(key)
            old_docs = items.all()
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
