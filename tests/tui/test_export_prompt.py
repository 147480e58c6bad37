"""Issue 9.26 / 9.6: `e` asks for the path (prefilled: the last one used, else a new name
in the config's export folder), the extension picks the format, and a report made from
a filtered view says what the filter was under its title."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from duban.tui.app.app import make_app
from duban.tui.app.widgets.units import UnitTable
from duban.tui.settings.config import load_settings
from tests.tui.burst import burst
from tests.tui.conftest import TODAY, write_config
from tests.tui.waiting import until


def prompt(app) -> Input:
    return app.screen.query_one("#prompt-input", Input)


def topbar(app) -> str:
    return str(app.screen.query_one("#topbar").render())


async def test_export_asks_in_the_export_folder_and_states_the_filter(store: Path, isolated: Path) -> None:
    folder = isolated / "reports-here"
    write_config(isolated, f'export_dir = "{folder}"\n')
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "o", "e")
        box = prompt(app)
        assert app.focused is box and box.value.startswith(str(folder)) and box.value.endswith(".txt")
        box.value = str(folder / "overdue.md")
        await burst(pilot, "enter")
        await pilot.pause()
    text = (folder / "overdue.md").read_text(encoding="utf-8")
    assert text.startswith("#") and "筛选：仅逾期" in text.split("\n\n", 3)[1] + text[:400]
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "e")
        assert prompt(app).value == str(folder / "overdue.md"), "prefilled with the last one used"
        await burst(pilot, "escape")


async def test_whole_plan_has_no_filter_line_and_unknown_format_is_refused(app, isolated: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "e")
        prompt(app).value = str(isolated / "r.docx")
        await burst(pilot, "enter")
        assert not (isolated / "r.docx").exists()
        await burst(pilot, "e")
        prompt(app).value = str(isolated / "r.txt")
        await burst(pilot, "enter")
        await pilot.pause()
    text = (isolated / "r.txt").read_text(encoding="utf-8")
    assert "筛选" not in text


async def test_search_and_units_are_named(app, isolated: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "f", "/czj")  # the units pane, narrowed to 区财政局 by its initials
        table = app.screen.query_one(UnitTable)
        await until(pilot, lambda: table.row_count == 1, "the units pane narrowed")
        await burst(pilot, "enter", "space", "f", "/公开", "enter")  # chosen; back in the tree, a search
        await until(pilot, lambda: "单位 1 个" in topbar(app) and "公开" in topbar(app), "both filters on")
        await burst(pilot, "e")
        prompt(app).value = str(isolated / "f.txt")
        await burst(pilot, "enter")
        await pilot.pause()
    head = (isolated / "f.txt").read_text(encoding="utf-8").splitlines()[:8]
    # the filter line itself (the report's own "单位：区财政局" line says the unit too)
    said = [line for line in head if line.startswith("筛选：")]
    assert len(said) == 1 and "区财政局" in said[0] and "搜索“公开”" in said[0], head
