"""One unit of work on the store, under its lock: the index and the plan files it
touches, each read once and written once (plan files first) on commit."""

from __future__ import annotations

from pathlib import Path

from duban.store.lazy import lazy
from duban.store.messages import Said
from duban.store.storage import AtomicJSONStorage, StoreDamaged, Transaction, store_lock

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

    from tinydb import TinyDB
    from tinydb.table import Table


# A plan key names a file in <store>.plans/: a short name that cannot be a path.
KEY_PATTERN = lazy(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")


def check_key(key: object, index: Path) -> str:
    """A plan key read from the index or given for a new plan: a short safe name, or damage."""
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise StoreDamaged(Said("bad_key", "{path}: plan key {key} is not a short safe name (letters, digits, - and _); "
                                "the store is damaged", path=index, key=ascii(key)))
    return key


def plan_file(plans_dir: Path, key: str, index: Path) -> Path:
    """A plan's file; its key is checked first (a key is a short safe name, never a path)."""
    return plans_dir / f"{check_key(key, index)}.json"


def plan_files(plans_dir: Path) -> list[Path]:
    try:
        return sorted(plans_dir.glob("*.json"))
    except OSError:
        return []


def read_index(index: Path, plans_dir: Path) -> dict[str, Any]:
    """The index's contents; {} for a store not made yet.  An index that is empty, blank or
    missing while plan files exist is damage, never a new store: the next write would
    replace a plan's file and orphan the others."""
    data = AtomicJSONStorage(index).read()
    if data is not None:
        return data
    damaged = bool(plan_files(plans_dir))
    if index.exists():  # blank: duban never writes an empty index
        if damaged:
            raise StoreDamaged(Said("index_empty", "{path}: empty, but {plans} holds plan files; the store is damaged "
                                  "and was left untouched", path=index, plans=plans_dir))
        raise StoreDamaged(Said("index_blank", "{path}: empty, not a duban store; the file was left untouched", path=index))
    if damaged:
        raise StoreDamaged(Said("index_missing", "{path}: missing, but {plans} holds plan files; the store is damaged "
                              "and was left untouched", path=index, plans=plans_dir))
    return {}


def read_index_settled(index: Path, plans_dir: Path, lock_timeout: float) -> dict[str, Any]:
    """`read_index` for a reader, who holds no lock.  Plan files but no index yet is also
    what a reader sees while the store's first write commits (plan files first, the index
    last): wait for the writers' lock once and read again; still missing is damage."""
    try:
        return read_index(index, plans_dir)
    except StoreDamaged as damage:
        if getattr(damage.args[0], "code", "") != "index_missing":
            raise
        from duban.store.lockfile import LockTimeout

        lock = store_lock(index, lock_timeout)
        try:
            lock.acquire()
        except (LockTimeout, OSError):
            raise damage from None
        lock.release()
    return read_index(index, plans_dir)


class StoreTx:
    """One unit of work under the lock: the index (plans) and the plan files it touches,
    each read once and written once, plan files first, on commit."""

    def __init__(self, index: Path, plans_dir: Path) -> None:
        from tinydb import TinyDB  # writers only: a reader never imports TinyDB

        self.index_path, self.plans_dir = index, plans_dir
        self.index = TinyDB(index, storage=Transaction(AtomicJSONStorage))
        self._plans: dict[str, TinyDB] = {}
        data = read_index(index, plans_dir)
        self.index.storage.cache = data  # type: ignore[attr-defined]  # read once, checked above
        if "items" in data:  # schema 1: every item in the one file
            self._split_schema_1(data)

    def items(self, key: str) -> Table:
        db = self._plans.get(key)
        if db is None:
            from tinydb import TinyDB

            db = self._plans[key] = TinyDB(plan_file(self.plans_dir, key, self.index_path), storage=Transaction(AtomicJSONStorage))
        return db.table("items")

    def plans(self) -> Table:
        return self.index.table("plans")

    @property
    def dirty(self) -> bool:
        return any(db.storage.dirty for db in [self.index, *self._plans.values()])  # type: ignore[attr-defined]

    def dirty_files(self) -> frozenset[Path]:
        """The files commit() will replace (a backup links, not copies, them)."""
        return frozenset(Path(db.storage.storage.path) for db in [self.index, *self._plans.values()]
                         if getattr(db.storage, "dirty", False) and hasattr(db.storage, "storage"))

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
