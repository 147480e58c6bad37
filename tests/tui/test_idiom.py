"""Issue 11 §3: bindings from one action table, keys only from the keymap; the units
pane's choices by message; narrow / wide by Textual's breakpoints; item colours from
the theme through component classes."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from tests.tui.burst import burst
from duban.tui.app.bindings import UNBOUND
from duban.tui.app.screens.main import MainScreen
from duban.tui.app.widgets.calendar import DeadlineCalendar
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.app.widgets.units import UnitTable
from duban.tui.settings.actions import ACTIONS, in_scope
from duban.tui.settings.themes import load_themes


@pytest.mark.parametrize("cls,scope", [(MainScreen, "screen"), (HierarchyTree, "hierarchy"), (UnitTable, "units"),
                                       (DeadlineCalendar, "calendar")])
def test_widgets_declare_binding_ids_not_keys(cls, scope: str) -> None:
    ids = {b.id for b in cls.BINDINGS}
    assert ids == set(in_scope(scope)), "every binding of the scope, each described in the action table"
    assert {b.key for b in cls.BINDINGS} == {UNBOUND}, "keys come from keymaps/*.toml only"


async def test_footer_says_the_table_footer_labels(app) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = {b.binding.id: b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert set(shown) == {bid for bid, a in ACTIONS.items() if a.footer}
        assert shown["set-done"] == "完成" and shown["toggle-units"] == "单位"


async def test_two_units_chosen_in_one_burst(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "f", "space", "j", "space")
        await pilot.pause()
        assert "单位 2 个" in str(app.screen.query_one("#topbar").render())


async def test_panes_follow_the_terminal_width(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def shown() -> set[str]:
            return {p for p in ("hierarchy", "detail", "units", "calendar")
                    if app.screen.query_one(f"#{p}", Widget).display}

        assert shown() == {"hierarchy", "detail"}
        await pilot.press("c")
        assert shown() == {"hierarchy", "calendar"}
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert shown() == {"hierarchy", "detail", "units", "calendar"}
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert shown() == {"hierarchy", "calendar"}, "the pane toggled under the hierarchy stays"


async def test_another_theme_recolours_the_hierarchy(app) -> None:
    light = {s.name: s for s in load_themes()[0]}["duban-light"]
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(HierarchyTree)

        def mark_colours() -> set[str]:
            colours = set()
            for line in range(tree.last_line + 1):
                node = tree.get_node_at_line(line)
                if node is not None and node.data is not None and node.data.kind == "item":
                    colours |= {str(span.style.color.get_truecolor().hex) for span in node.label.spans
                                if not isinstance(span.style, str) and span.style.bold and span.style.color}
            return colours

        assert mark_colours() and not mark_colours() & {light.light["red"], light.light["yellow"]}
        app.theme = "duban-light"
        await pilot.pause()
        await pilot.pause()
        assert mark_colours() <= {light.light[t] for t in ("red", "yellow", "green")}
