"""Issue 9.24: the tree's deadline and unit columns stay in place from row to row, and the
unit column uses the width there is (not 6 characters at 200 columns)."""

from __future__ import annotations

from duban.store.text import display_width
from duban.tui.app.widgets.hierarchy import HierarchyTree


async def _lines(app, size):
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(HierarchyTree)
        tree._open_deep(tree.root.children[0])
        await pilot.pause()
        rows = []
        for (kind, _plan, item_id), node in tree._node_of.items():
            if kind == "item" and node._line >= 0:
                depth, up = 0, node
                while up.parent is not None:
                    depth, up = depth + 1, up.parent
                item = tree._item_of[item_id]
                rows.append((item, depth * tree.guide_depth, node.label.plain))
        return rows


async def test_deadline_column_in_one_place_and_units_not_cut_at_200(app) -> None:
    rows = await _lines(app, (200, 50))
    assert len(rows) > 10
    starts = set()
    for item, indent, line in rows:
        due = app.style.due(item)
        cut_at = line.rindex(" " + due + " ")
        starts.add(indent + display_width(line[:cut_at]))
    assert len(starts) == 1, f"deadline column starts at {sorted(starts)}"
    longest = max(rows, key=lambda r: display_width((r[0].lead_units or r[0].units or [""])[0]))
    lead = (longest[0].lead_units or longest[0].units)[0]
    assert lead in longest[2], f"{lead} shown whole at 200 columns: {longest[2]!r}"


async def test_more_units_and_implicit_deadlines_are_marked(app) -> None:
    rows = await _lines(app, (120, 40))
    many = [(item, line) for item, _, line in rows if len(item.lead_units or item.units) > 1]
    assert many and all(f"+{len(i.lead_units or i.units) - 1}" in line for i, line in many)
