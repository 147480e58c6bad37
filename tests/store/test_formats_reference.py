"""The five reference plans, their tables rendered as Word, Excel and web pages by these
tests, import to what the text gives: the same items, units, deadlines and statuses."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from duban.store.importer import read_plan
from duban.store.importer.plan import ImportResult
from tests.conftest import PLANS, plan_file
from tests.store import formats_writers as w
from tests.store.test_reference_plans import EXPECTED

pytestmark = pytest.mark.skipif(not PLANS.is_dir(), reason=f"the reference plans are not here ({PLANS})")


@cache
def from_text(prefix: str) -> ImportResult:
    return read_plan(plan_file(prefix), "p")


def rendering(result: ImportResult) -> w.Sheet:
    """The plan's table as an office lays it out: merged main- and work-task cells."""
    plan = result.plan
    has_work = any(i.work for i in result.items)
    has_deadline = any(i.deadline.kind != "implicit" for i in result.items)
    has_progress = any(i.history for i in result.items)
    # A 序号 column where the plan numbers its items in one sequence; else the number leads the text.
    has_seq = all(i.number == str(i.n) for i in result.items)
    headers = (["序号"] if has_seq else []) + ["主要任务"] + (["工作任务"] if has_work else []) + ["具体事项", "牵头单位", "责任单位"]
    headers += (["完成时限"] if has_deadline else []) + (["进展情况"] if has_progress else [])
    rows: list = []
    last_main = last_work = None
    for item in result.items:
        main = plan.node(item.main)
        work = plan.node(item.work) if item.work else None
        row = ([item.number] if has_seq else []) + [main.label if main and item.main != last_main else None]
        if has_work:
            row.append(work.label if work and (item.work != last_work or item.main != last_main) else None)
        lead = "、".join(item.lead_units)
        rest = "、".join(u for u in item.units if u not in item.lead_units)
        text = item.text if has_seq or not item.number else f"{item.number}.{item.text}"
        row += [text, lead, rest]
        if has_deadline:
            row.append(item.deadline.raw)
        if has_progress:
            row.append(item.history[0].note if item.history else "")
        rows.append(row)
        last_main, last_work = item.main, item.work
    title = plan.title if str(plan.year) in plan.title else f"{plan.year}年{plan.title}"
    return w.Sheet(headers, rows, title=title, notice=["关于印发工作任务的通知"], after=["抄送：各有关单位。"])


def facts(result: ImportResult) -> list[tuple]:
    plan = result.plan
    label = lambda node_id: plan.node(node_id).label if node_id else None  # noqa: E731
    return [(i.n, i.number, label(i.main), label(i.work), i.text, i.lead_units, i.units,
             (i.deadline.raw, i.deadline.due, i.deadline.kind), i.status) for i in result.items]


WRITERS = {"docx": w.write_docx, "xlsx": w.write_xlsx, "html": w.write_html}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_reference_plan_rendered_imports_as_from_text(prefix: str, fmt: str, tmp_path: Path) -> None:
    items, mains, _, year = EXPECTED[prefix]
    text = from_text(prefix)
    path = WRITERS[fmt](rendering(text), tmp_path / f"plan.{fmt}")
    result = read_plan(path, "p")
    assert len(result.items) == items
    assert len(result.plan.main_tasks) == mains
    assert result.plan.year == year
    assert facts(result) == facts(text)
