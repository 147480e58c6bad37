"""Importing inside a write transaction: which plan a file is (decided under the lock,
against the store as it is now, so two imports at once never take one key), then the
merge.  The repository's `import_plans` is the door; this is what it does per file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from tinydb import Query

from duban.store import merge
from duban.store.identity import identify, texts
from duban.store.merge import MergeReport
from duban.store.messages import Said
from duban.store.model import ImportResult, Item, Plan
from duban.store.transaction import StoreTx, plan_files


@dataclass
class ImportRequest:
    """One file to import, and what the user said about where it goes."""

    result: ImportResult  # its key is provisional: the store decides
    source: str = ""  # the file, for messages
    key: str | None = None  # --key: this plan (merged into it if it exists)
    into: str | None = None  # --into: merge into this plan, which must exist
    new: bool = False  # --new: a new plan, whatever it resembles
    year: int | None = None  # --year; without it a re-import keeps the plan's year
    reread: Callable[[int], ImportResult] | None = None  # the file read again for another year


class ImportRefused(Exception):
    """This file was not imported (nothing of it written): one line saying why and what to do."""


def choose(req: ImportRequest, plans: list[Plan], texts_of: Callable[[str], Counter[str]],
           taken: set[str]) -> tuple[str, Plan | None]:
    """The key this import goes under and the stored plan it merges into (None: a new plan).
    `taken`: keys in use besides the plans' (files no index lists are never overwritten)."""
    by_key = {p.key: p for p in plans}
    if req.into is not None:
        if req.into not in by_key:
            raise ImportRefused(Said("into_unknown", "{file}: --into {key}: no such plan (see duban plans); "
                                     "nothing was imported", file=req.source, key=req.into))
        return req.into, by_key[req.into]
    if req.key is not None:
        return req.key, by_key.get(req.key)
    if not req.new:
        verdict = identify(req.result, plans, texts_of)
        if verdict.kind == "same" and verdict.plan:
            return verdict.plan.key, verdict.plan
        if verdict.kind == "doubt" and verdict.plan:
            raise ImportRefused(Said(
                "import_doubt", "{file}: may be a new version of plan {key} ({title}, {percent}% of items the same); "
                "say --into {key} to merge into it or --new to import it as a new plan; nothing was imported",
                file=req.source, key=verdict.plan.key, title=verdict.plan.title, percent=round(verdict.share * 100)))
    return merge.next_key(set(by_key) | taken), None


def import_into(tx: StoreTx, req: ImportRequest) -> MergeReport:
    """Add the file's plan to the transaction, or merge it into the plan it is."""
    # Identity needs no task tree: read the nodes of the one plan merged into only.
    plans = [Plan.from_doc({**d, "nodes": []}) for d in tx.plans().all()]

    def texts_of(key: str) -> Counter[str]:
        return texts(d["text"] for d in tx.items(key).all())

    key, known = choose(req, plans, texts_of, {p.stem for p in plan_files(tx.plans_dir)})
    result = req.result
    if known and req.year is None and known.year != result.plan.year and req.reread:
        result = req.reread(known.year)  # a re-import keeps the year the plan was given
    result = result.with_key(key)
    table = tx.items(key)
    old_plan = tx.plans().get(Query().key == key) if known else None
    plan_doc, docs, report = merge.merge(dict(old_plan) if old_plan else None, table.all() if known else [], result)
    # What was imported, for the caller to report (statuses as merged).
    req.result = replace(result, items=[Item.from_doc(d) for d in docs]) if known else result
    table.truncate()
    table.insert_multiple(docs)
    if known:
        tx.plans().update(plan_doc, Query().key == key)
    else:
        tx.plans().insert(plan_doc)
    return report
