"""One unit of work on the store, under its lock: the index and the plan files it
touches, each read once and written once (plan files first) on commit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tinydb import TinyDB
from tinydb.table import Table

from store.storage import AtomicJSONStorage, Transaction

if TYPE_CHECKING:
    from store.repository import Repository


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
