"""Importing into the store: a new plan, or a re-import merged into the one it was.

Texts, units and deadlines are replaced; status, progress notes and history are kept,
matched by item text, then by id.  Nothing is duplicated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tinydb import Query

from store import adjust
from store.model import Item, Plan
from store.text import compact

if TYPE_CHECKING:
    from store.importer.plan import ImportResult
    from store.repository import Repository


@dataclass
class MergeReport:
    key: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    new_plan: bool = True


def next_key(plans: list[Plan]) -> str:
    keys = {p.key for p in plans}
    n = 1
    while f"p{n}" in keys:
        n += 1
    return f"p{n}"


def find_plan_for(plans: list[Plan], source: str, title: str) -> Plan | None:
    """The plan imported before from the same file or with the same title."""
    for plan in plans:
        if plan.source == source or compact(plan.title) == compact(title):
            return plan
    return None


def import_plan(repo: Repository, result: ImportResult) -> MergeReport:
    """Add a plan, or merge a re-import: texts, units and deadlines are replaced; status,
    progress notes and history are kept, matched by item text, then by id."""
    plan, key = result.plan, result.plan.key
    report = MergeReport(key)
    with repo.transaction() as tx:
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
            adjust.keep_on_reimport(prev, item)
        # Items added in duban are not in the file: they stay (after the file's, renumbered if need be).
        extra = [i for i in old if i.id not in kept and adjust.added_here(i)]
        taken, n = {i.id for i in result.items}, max((i.n for i in result.items), default=0)
        for i in extra:
            if i.id in taken:
                n += 1
                i.n, i.id = n, f"{key}.{n}"
            result.items.append(i)
            kept.add(i.id)
        report.removed = [i.id for i in old if i.id not in kept]
        if not report.new_plan:
            adjust.keep_plan_on_reimport(Plan.from_doc(plans.search(Query().key == key)[0]), plan, extra)
        items.remove(doc_ids=[d.doc_id for d in old_docs])
        items.insert_multiple(i.to_doc() for i in result.items)
        if report.new_plan:
            plans.insert(plan.to_doc())
        else:
            plans.update(plan.to_doc(), Query().key == key)
    return report
