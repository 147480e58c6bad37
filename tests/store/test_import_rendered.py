"""The five reference plans, rendered by this test into the shapes people paste — a
browser copy (TAB rows, unit cells one name per line spilling onto the next lines,
single-cell heading rows) and page text cut into fragments — import to the same items."""

from __future__ import annotations

import re

import pytest

from duban.store.importer import parse_plan_text, read_plan
from tests.conftest import PLANS, plan_file

PREFIXES = ["000", "001", "002", "003", "004"]
pytestmark = pytest.mark.skipif(not PLANS.is_dir(), reason=f"reference plans not found under {PLANS}")


def _render(prefix: str, shape: str) -> tuple[str, object]:
    result = read_plan(plan_file(prefix), "p")
    nodes = {n.id: n for n in result.plan.nodes}
    heads = ["序号", "具体事项", "牵头单位", "责任单位", "完成时限"]
    lines = [result.plan.title] + (["\t".join(heads)] if shape == "browser" else heads)
    main = work = None
    for item in result.items:
        for node_id, level in ((item.main, 1), (item.work, 2)):
            if node_id and node_id != (main if level == 1 else work):
                node = nodes[node_id]
                lines.append(node.label if node.number and not node.number.isdigit() else
                             ("一、" if level == 1 else "（一）") + node.title)
        main, work = item.main, item.work
        others = [u for u in item.units if u not in item.lead_units]
        when = item.deadline.raw if item.deadline.kind != "implicit" else ""
        text = item.text.replace("\n", "")
        if shape == "browser":
            lines.append(f"{item.n}\t{text}\t" + "\n".join(item.lead_units) + "\t" + "\n".join(others) + f"\t{when}")
        else:  # a narrow column: the text cut every 12 characters, whatever they are
            lines += [str(item.n)] + [text[k:k + 12] for k in range(0, len(text), 12)]
            lines += item.lead_units + others + ([when] if when else [])
    return "\n".join(lines) + "\n", result


def _same(got, want, shape: str) -> bool:
    bare = lambda t: re.sub(r"^\d+[.．、]", "", t.replace("\n", ""))  # noqa: E731
    if got is None or bare(got.text) != bare(want.text) or got.deadline.due != want.deadline.due:
        return False
    # Page text has no boundary between the lead and the responsible cell: all units must match.
    return got.lead_units == want.lead_units if shape == "browser" else set(got.units) == set(want.units)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_browser_copy_of_each_reference_plan(prefix: str) -> None:
    text, want = _render(prefix, "browser")
    got = parse_plan_text(text, "copy.txt", "p", year=want.plan.year)
    by_n = {i.n: i for i in got.items}
    assert len(got.items) == len(want.items)
    assert [i.n for i in want.items if not _same(by_n.get(i.n), i, "browser")] == []
    assert len(got.plan.main_tasks) == len(want.plan.main_tasks)


def test_page_fragments_of_the_reference_plans() -> None:
    right = total = 0
    for prefix in PREFIXES:
        text, want = _render(prefix, "fragments")
        got = parse_plan_text(text, "crawl.txt", "p", year=want.plan.year)
        by_n = {i.n: i for i in got.items}
        right += sum(1 for i in want.items if _same(by_n.get(i.n), i, "fragments"))
        total += len(want.items)
    assert right / total >= 0.95, f"{right} of {total} items right"


def _render_spanned(prefix: str) -> tuple[str, object]:
    """A browser copy of a table whose cells span rows: a main or work task, a unit cell or
    a deadline shared with the row above is given only in its first row (rows get short)."""
    result = read_plan(plan_file(prefix), "p")
    nodes = {n.id: n for n in result.plan.nodes}
    lines = [result.plan.title, "主要任务\t工作任务\t具体事项\t牵头单位\t责任单位\t完成时限"]
    main = work = units = when = None
    for item in result.items:
        cells = []
        if item.main != main:
            cells.append(nodes[item.main].label if item.main else "")
        if item.work != work or item.main != main:
            cells.append(nodes[item.work].label if item.work else "—")
        main, work = item.main, item.work
        cells.append(item.text.replace("\n", ""))
        pair = ("、".join(item.lead_units), "、".join(u for u in item.units if u not in item.lead_units))
        if pair != units:
            cells += list(pair)
        units = pair
        phrase = item.deadline.raw if item.deadline.kind != "implicit" else "年底前"
        if phrase != when:
            cells.append(phrase)
        when = phrase
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n", result


def test_browser_copies_with_spanning_cells() -> None:
    right = total = 0
    for prefix in PREFIXES:
        text, want = _render_spanned(prefix)
        got = parse_plan_text(text, "spans.txt", "p", year=want.plan.year)
        bare = {re.sub(r"^\d+[.．、]", "", i.text.replace("\n", "")): i for i in got.items}
        for i in want.items:
            found = bare.get(re.sub(r"^\d+[.．、]", "", i.text.replace("\n", "")))
            right += found is not None and found.lead_units == i.lead_units
        total += len(want.items)
    # Rows whose every other cell spans from above are told from a cell's second paragraph
    # by what follows; a few stay ambiguous.
    assert right / total >= 0.9, f"{right} of {total} items right"
