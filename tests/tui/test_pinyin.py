"""Issue 9.27: search and the unit filter take pinyin initials (czj → 财政局), and a
quick check without --search does not load the pinyin table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from duban.tui.app.widgets.units import UnitTable
from tests.conftest import ROOT
from tests.tui.burst import burst
from tests.tui.screen import pane_lines, shown_ids, store_items
from tests.tui.waiting import until


async def test_search_by_initials(app, store: Path) -> None:
    from duban.store.pinyin import initials

    items = store_items(store)
    finance = {i for i, item in items.items() if "区财政局" in item.units}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "/czj")
        await until(pilot, lambda: "czj" in str(app.screen.query_one("#topbar").render()), "the search applied")
        shown = shown_ids(app)
        assert shown < set(items) and all("czj" in initials(" ".join([items[i].text, *items[i].units])) for i in shown)
        assert finance and finance <= shown, "every item of 区财政局 (qu Cai Zheng Ju) is found"


async def test_unit_pane_filter_by_initials(app, store: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "f", "/fgw")
        table = app.screen.query_one(UnitTable)
        await until(pilot, lambda: 0 < table.row_count < 5, "the units pane narrowed")
        names = [table.coordinate_to_cell_key((r, 0)).row_key.value for r in range(table.row_count)]
        assert names and all("发" in n and "改" in n for n in names), names
        await burst(pilot, "enter")
        assert app.focused is table
        await burst(pilot, "space")
        await pilot.pause()
        row = next(line for line in pane_lines(app, table) if names[0] in line)
        assert row.lstrip().startswith("✓"), row
        assert shown_ids(app) == {i for i, item in store_items(store).items() if names[0] in item.units}
        assert "单位 1 个" in str(app.screen.query_one("#topbar").render())


def test_ls_without_search_does_not_load_pinyin(store: Path) -> None:
    code = ("import sys; from duban.tui.cli.main import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('PINYIN' if 'duban.store.pinyin' in sys.modules else 'NO-PINYIN', file=sys.stderr)")
    plain = subprocess.run([sys.executable, "-c", code, "--store", str(store), "ls"], capture_output=True, text=True,
                           cwd=ROOT)
    assert "NO-PINYIN" in plain.stderr, plain.stderr
    found = subprocess.run([sys.executable, "-c", code, "--store", str(store), "ls", "--search", "czj"],
                           capture_output=True, text=True, cwd=ROOT)
    assert "财政" in found.stdout and found.stderr.splitlines()[-1] == "PINYIN", found.stdout[:500] + found.stderr


def test_ls_unit_takes_pinyin_initials(sample) -> None:
    """`duban ls --unit czj` is `--unit 区财政局`, as in the app's unit filter."""
    by_name = sample("ls", "--unit", "区财政局", "--json").stdout
    by_initials = sample("ls", "--unit", "czj", "--json").stdout
    assert '"区财政局"' in by_initials and by_initials == by_name
    assert sample("ls", "--unit", "zzzq", check=False).returncode == 2  # no unit: still an error
