"""Issue 9.24: the tree's deadline and unit columns stay in place from row to row, and the
unit column uses the width there is (not 6 characters at 200 columns).

Read off the screen as drawn: a search opens every path to what it finds (as a user
sees it), and each item row's columns are measured in terminal cells (CJK = 2)."""

from __future__ import annotations

import re
from pathlib import Path

from duban.store.model import Item
from duban.store.text import display_width
from tests.tui.burst import burst
from tests.tui.screen import shown_ids, store_items, tree_lines

# "│ │ └ ○  p1.18 及时公开…工… 全年   区发展改革局 +2     ": id, text, deadline, unit(s)
ROW = re.compile(r" (?P<id>p\d+\.\d+) (?P<text>.*) (?P<due>\d\d-\d\d\*?|全年) +(?P<unit>\S.*?) *$")
SEARCH = "标准"  # 14 items in both plans: 全年 and dated, one to three lead units, the longest unit name


async def _rows(app, size: tuple[int, int]) -> list[tuple[str, re.Match[str]]]:  # noqa: ANN001
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await burst(pilot, "/" + SEARCH, "enter")
        lines = tree_lines(app)
        rows = [(line, m) for line in lines if (m := ROW.search(line))]
        unmatched = [line for line in lines if re.search(r" p\d+\.\d+ ", line) and not ROW.search(line)]
        assert not unmatched, f"item rows without a deadline and unit column: {unmatched}"
        assert {m["id"] for _, m in rows} <= shown_ids(app)
        return rows


def _lead(item: Item) -> list[str]:
    return item.lead_units or item.units


def _same_columns(rows: list[tuple[str, re.Match[str]]], items: dict[str, Item]) -> None:
    due_at = {display_width(line[:m.start("due")]) for line, m in rows}
    unit_at = {display_width(line[:m.start("unit")]) for line, m in rows}
    assert len(due_at) == 1, f"deadline column starts at cells {sorted(due_at)}"
    assert len(unit_at) == 1, f"unit column starts at cells {sorted(unit_at)}"
    for _, m in rows:  # the deadline shown is the item's own (* : the plan's year end assumed)
        d = items[m["id"]].deadline
        assert m["due"] == ("全年" if d.kind == "all_year" else f"{d.due_date:%m-%d}" + "*" * (d.kind == "implicit"))


async def test_deadline_column_in_one_place_and_units_not_cut_at_200(app, store: Path) -> None:
    items = store_items(store)
    rows = await _rows(app, (200, 64))
    assert len(rows) >= 10 and {items[m["id"]].plan for _, m in rows} == {"p1", "p2"}
    _same_columns(rows, items)
    longest = max(rows, key=lambda r: display_width(_lead(items[r[1]["id"]])[0]))
    lead = _lead(items[longest[1]["id"]])[0]
    assert display_width(lead) > 20 and longest[1]["unit"] == lead, f"{lead} shown whole at 200 columns: {longest[0]!r}"


async def test_more_units_and_implicit_deadlines_are_marked(app, store: Path) -> None:
    items = store_items(store)
    rows = await _rows(app, (120, 40))
    assert len(rows) >= 5
    _same_columns(rows, items)
    many = [(len(_lead(items[m["id"]])), m["unit"]) for _, m in rows if len(_lead(items[m["id"]])) > 1]
    one = [m["unit"] for _, m in rows if len(_lead(items[m["id"]])) == 1]
    assert many and all(unit.endswith(f" +{n - 1}") for n, unit in many), many
    assert one and not any("+" in unit for unit in one), one
