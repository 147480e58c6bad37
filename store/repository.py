"""The one door to the store: load, import (merge on re-import), change status, add note.

Every change is a read-modify-write of the file's current contents under a lock, and
leaves a history entry {at, by, from, to, note}.  Nothing is held between calls, so
another process's change is never overwritten with stale data.
"""

from __future__ import annotations

import errno
import gc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from duban.store import author, history, lazy, validate
from duban.store.author import display_name, login_user
from duban.store.history import UndoRefused  # noqa: F401 - raised by undo; callers catch it here
from duban.store.loop_writes import LoopWrites
from duban.store.messages import Said
from duban.store.model import STATUSES, HistoryEntry, ImportResult, Item, Plan
from duban.store.records import Change, Snapshot, find_entry
from duban.store.retention import Retention
from duban.store.storage import AtomicJSONStorage, StoreDamaged, StoreError
from duban.store.text import safe, strip_controls
from duban.store.transaction import (
    KEY_PATTERN,
    StoreTx,
    plan_file,
    plan_files,
    plan_key,
    read_index_settled,
)

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from duban.store.import_tx import ImportRefused, ImportRequest
    from duban.store.merge import MergeReport
    from tinydb.table import Table

# What only writing, importing or restoring needs (TinyDB, the lock, backups, the merge):
# imported on first use, so that a quick read does not pay for them.
tinydb = lazy.module("tinydb")
adjust = lazy.module("duban.store.adjust")
backups = lazy.module("duban.store.backups")
identity = lazy.module("duban.store.identity")
import_tx = lazy.module("duban.store.import_tx")
merge = lazy.module("duban.store.merge")
restore = lazy.module("duban.store.restore")
safety = lazy.module("duban.store.safety")

LOCK_TIMEOUT = 10.0


class UnknownItem(LookupError):
    pass


class Repository(LoopWrites):
    """The store: an index file (plans) and, beside it in <name>.plans/, one TinyDB file
    per plan holding its items, so a change rewrites one plan's file, not every item."""

    def __init__(self, path: Path, user: str | None = None, lock_timeout: float = LOCK_TIMEOUT,
                 retention: Retention | None = None, name: str | None = None) -> None:
        self.path = Path(path)
        self.user = user or login_user()  # `user` is for tests and tools, never from the environment
        self.name = name if name is not None else (display_name() if user is None else None)
        if self.name == self.user:
            self.name = None
        self.lock_timeout = lock_timeout
        self.retention = retention or Retention()
        self._backed_up = False  # one backup before each write session (a command, an app run)

    @property
    def plans_dir(self) -> Path:
        return self.path.with_name(self.path.stem + ".plans")

    def plan_file(self, key: str) -> Path:
        return plan_file(self.plans_dir, key, self.path)

    # -- reading
    def load(self) -> Snapshot:
        # The cyclic GC would walk every document loaded so far, again and again, while
        # thousands are built (a quarter of `ls` at 50,000 items); documents hold no cycles.
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._load()
        finally:
            if paused:
                gc.enable()

    def _load(self) -> Snapshot:
        # Documents are read straight from the storage: Table.all() copies each one
        # into a Document first, a third of the load time at 10,000 items.
        index = read_index_settled(self.path, self.plans_dir, self.lock_timeout)
        plans = [Plan.from_doc(d) for d in index.get("plans", {}).values()]
        if "items" in index:  # schema 1, not yet split (reading never writes)
            docs = list(index["items"].values())
            validate.plans_known(docs, {p.key for p in plans}, self.path)
            order = {p.key: i for i, p in enumerate(plans)}
            docs.sort(key=lambda d: (order.get(d["plan"], len(order)), d["n"]))
            return Snapshot(plans, docs)
        docs = []
        for plan in plans:  # in the index's order; a plan's file holds its own items only (validate)
            data = AtomicJSONStorage(self.plan_file(plan.key)).read()
            if data is None:
                raise StoreDamaged(Said("plan_missing", "{path}: missing, but {index} lists plan {key}",
                                       path=self.plan_file(plan.key), index=self.path, key=plan.key))
            items = list(data.get("items", {}).values())
            numbers = [d["n"] for d in items]
            if numbers != sorted(numbers):  # as written, they are in order: checking costs a list
                items.sort(key=lambda d: d["n"])
            docs += items
        return Snapshot(plans, docs)

    def load_plan_docs(self, key: str) -> list[dict]:
        """One plan's item documents as stored now."""
        data = AtomicJSONStorage(self.plan_file(key)).read() or {}
        return sorted(data.get("items", {}).values(), key=lambda d: d["n"])

    # -- writing
    def _locked(self) -> AbstractContextManager[None]:
        """Hold the writers' lock (waiting at most lock_timeout seconds): store/safety.py."""
        return safety.writers_lock(self.path, self.plans_dir, self.user, self.lock_timeout)

    @contextmanager
    def transaction(self) -> Iterator[StoreTx]:
        """The store's current contents under the lock; written when the block ends."""
        with self._locked():
            tx = StoreTx(self.path, self.plans_dir)  # reads (and checks) the store before anything is backed up
            yield tx
            # The files are still as they were: a failed command, or one that changes nothing, takes no slot.
            if tx.dirty and not self._backed_up:
                self._backup(replacing=tx.dirty_files())
            tx.commit()

    # -- backups (store/backups.py)
    def _backup(self, protect: frozenset[Path] = frozenset(), replacing: frozenset[Path] = frozenset()) -> None:
        try:
            backups.take_backup(self.path, self.plans_dir, self.retention, protect, replacing)
        except OSError as exc:
            reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror
            raise StoreError(Said("cannot_backup", "{path}: cannot back up the store before writing ({reason}); "
                                  "nothing was changed", path=self.path, reason=reason)) from None
        self._backed_up = True

    def backups(self) -> list[backups.Backup]:
        return backups.list_backups(self.path)

    def restore(self, number: int) -> backups.Backup:
        """Put backup `number` (1 = newest) in place; the store as it was is backed up first.
        The whole backup is read and checked before anything is written, all under the
        lock, so no writer's pruning can remove it meanwhile."""
        with self._locked():  # not a transaction: the store may be the broken thing
            chosen = next((b for b in backups.list_backups(self.path, details=False) if b.number == number), None)
            if chosen is None:
                raise StoreError(Said("no_backup", "{path}: no backup {number} (see duban backups)", path=self.path,
                                      number=number))
            files = restore.read_backup(chosen.path, self.path.name, self.plans_dir.name)
            self._backup(protect=frozenset({chosen.path}))
            restore.restore_files(files, self.path, self.plans_dir)
        return chosen

    def newest_good_backup(self) -> backups.Backup | None:
        """The newest backup that restores cleanly (store/restore.py)."""
        return restore.newest_good_backup(self.path, self.plans_dir)

    # -- history
    def log(self, item_id: str | None = None, since: str | None = None, by: str | None = None) -> list[Change]:
        """Every change, newest first (store/history.py)."""
        return history.log(self.load().items, item_id, since, by)

    def _get(self, tx: StoreTx, item_id: str) -> tuple[Table, int, Item]:
        if "." not in item_id or not tx.plans().search(tinydb.Query().key == plan_key(item_id)):
            raise UnknownItem(item_id)
        table = tx.items(plan_key(item_id))
        docs = table.search(tinydb.Query().id == item_id)
        if not docs:
            raise UnknownItem(item_id)
        return table, docs[0].doc_id, Item.from_doc(docs[0])

    def _record(self, item: Item, to: str, note: str | None, undo: bool = False, at: str | None = None) -> Change:
        if note is not None:  # a note is data: no escape codes, and something must be left
            note = strip_controls(safe(note)).strip()
            if not note:
                raise StoreError(Said("note_empty", "a progress note needs some text (control characters do not count)"))
        entry = HistoryEntry(at or author.now(), self.user, item.status, to, note, undo=undo, name=self.name)
        item.history.append(entry)
        item.status = to
        return Change(item.id, len(item.history) - 1, entry)

    def set_status(self, item_ids: list[str], status: str, note: str | None = None) -> list[Change]:
        """Set the status of every item, all or none (an unknown id changes nothing)."""
        return self.set_statuses([(i, status) for i in item_ids], note)

    def set_statuses(self, pairs: list[tuple[str, str]], note: str | None = None) -> list[Change]:
        """Set each (item id, status), all or none.  A change that changes nothing (the
        status it has, no note; an id given twice) is not recorded, and when nothing at
        all would change the store is not even locked: nothing is written or backed up."""
        pairs = list(dict.fromkeys(pairs))
        for item_id, status in pairs:
            if status not in STATUSES:
                raise ValueError(status)
        if len({i for i, _ in pairs}) != len(pairs):
            raise ValueError("an item given two statuses")
        if not note and self._unchanged(pairs):
            return []
        changes = []
        with self.transaction() as tx:
            found = [(self._get(tx, i), status) for i, status in pairs]
            at = author.now()  # one command, one moment: `undo` takes back all of it
            for (table, doc_id, item), status in found:
                if item.status == status and not note:
                    continue
                changes.append(self._record(item, status, note, at=at))
                table.update(item.to_doc(), doc_ids=[doc_id])
        return changes

    def _unchanged(self, pairs: list[tuple[str, str]]) -> bool:
        """Whether every item already has its status (read without the lock: a quick no)."""
        docs: dict[str, dict] = {}
        # The plans' own files only (not the index: the transaction reads it if anything changes);
        # a key that is no plan's name has no file, and its ids are unknown to the transaction.
        for key in {plan_key(i) for i, _ in pairs if "." in i}:
            if KEY_PATTERN.fullmatch(key):
                docs.update((d["id"], d) for d in self.load_plan_docs(key))
        return all(i in docs and docs[i]["status"] == status for i, status in pairs)

    def add_note(self, item_id: str, text: str) -> Change:
        with self.transaction() as tx:
            table, doc_id, item = self._get(tx, item_id)
            change = self._record(item, item.status, text)
            table.update(item.to_doc(), doc_ids=[doc_id])
        return change

    def undo(self, changes: list[Change], force: bool = False) -> list[Change]:
        """Revert these changes of yours (newest first), each recorded in history as an
        undo.  Refused, changing nothing, when someone else changed an item after you
        (unless `force`): undoing would throw their change away."""
        reverts = []
        with self.transaction() as tx:
            found, got = [], {}
            for change in reversed(changes):
                if change.item_id not in got:  # one copy per item: a command may change several fields
                    got[change.item_id] = self._get(tx, change.item_id)
                table, doc_id, item = got[change.item_id]
                entry = find_entry(item, change)
                if entry is None or entry.undone:
                    continue
                history.check_undo(item, entry, self.user, force)
                found.append((table, doc_id, item, entry, change))
            for table, doc_id, item, entry, change in found:
                entry.undone = True
                if entry.field:  # an adjustment (store/adjust.py): its old value back
                    reverts.append(adjust.revert(self, item, entry, author.now()))
                    adjust.put(table, doc_id, item)
                    continue
                back = change.from_ if change.from_ and change.from_ != change.to else item.status
                reverts.append(self._record(item, back, None, undo=True))
                table.update(item.to_doc(), doc_ids=[doc_id])
        return reverts

    def last_changes_by(self, user: str) -> list[Change]:
        """The newest change `user` made that is not undone yet (store/history.py)."""
        return history.last_changes_by(self.load().items, user)

    # -- importing (store/import_tx.py, store/merge.py)
    def next_key(self) -> str:
        return merge.next_key({p.key for p in self.load().plans} | {p.stem for p in plan_files(self.plans_dir)})

    def import_plans(self, requests: list[ImportRequest]) -> list[MergeReport | ImportRefused]:
        """Import files in one transaction (one backup, each file written once): each goes
        into the plan it is, decided under the lock, or becomes a new plan."""
        out: list[MergeReport | ImportRefused] = []
        with self.transaction() as tx:
            for request in requests:
                try:
                    out.append(import_tx.import_into(tx, request))
                except import_tx.ImportRefused as refused:
                    out.append(refused)
        return out

    def import_plan(self, result: ImportResult, key: str | None = None, *, into: str | None = None,
                    new: bool = False) -> MergeReport:
        """One file; `result`'s own key is provisional (see ImportRequest for the rest)."""
        outcome = self.import_plans([import_tx.ImportRequest(result, result.plan.source, key, into, new)])[0]
        if isinstance(outcome, import_tx.ImportRefused):
            raise outcome
        return outcome

    def place(self, request: ImportRequest) -> tuple[str, Plan | None]:
        """Where an import would go now (for a dry run; the import decides again under the lock)."""
        snap = self.load()
        return import_tx.choose(request, snap.plans, lambda key: identity.texts(d["text"] for d in self.load_plan_docs(key)),
                                {p.stem for p in plan_files(self.plans_dir)})
