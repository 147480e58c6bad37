"""What every import result must be, whatever the input: the checks the fuzzers make on a
plan they got (a fuzzer that only checks what is raised passes an importer that returns
nonsense)."""

from __future__ import annotations

from datetime import date

from duban.store import deadlines
from duban.store.model import STATUSES

KINDS = {"date", "all_year", "recurring", "relative", "implicit"}


def check_plan(result, key: str) -> None:  # noqa: ANN001 - an ImportResult
    items, plan = result.items, result.plan
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids)), f"ids twice: {sorted(i for i in ids if ids.count(i) > 1)}"
    assert all(i.id == f"{key}.{i.n}" and i.plan == key for i in items), ids
    nodes = {n.id: n for n in plan.nodes}
    assert len(nodes) == len(plan.nodes), "node ids twice"
    for item in items:
        assert item.text.strip(), f"{item.id}: empty text"
        assert item.status in STATUSES, (item.id, item.status)
        assert item.main is None or item.main in nodes, (item.id, item.main)
        assert item.work is None or (item.work in nodes and nodes[item.work].parent == item.main), (item.id, item.work)
        assert set(item.lead_units) <= set(item.units), (item.id, item.lead_units, item.units)
        d = item.deadline
        assert d.kind in KINDS and isinstance(d.due_date, date), (item.id, d)
        if d.kind != "implicit" or d.raw:
            again, _ = deadlines.parse(d.raw, plan.year) if d.raw else (d, True)
            assert again.due == d.due, f"{item.id}: {d.raw!r} parses to {again.due}, stored {d.due}"
    for line, message in result.warnings:
        assert isinstance(line, int) and str(message).strip(), (line, message)
