"""Issue 9.10: space in the tree never changes a status; the focused pane is marked in
its title, not by colour alone (NO_COLOR)."""

from __future__ import annotations

from pathlib import Path

from duban.tui.app.widgets.hierarchy import HierarchyTree
from tests.tui.conftest import stored


async def test_space_opens_and_closes_and_never_changes_a_status(app, store: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(HierarchyTree)
        await pilot.press("space")  # on an item: nothing
        assert stored(store, "p1.1").history == []
        await pilot.press("k")  # the work task
        node = tree.cursor_node
        assert node.is_expanded
        await pilot.press("space")
        assert not node.is_expanded and stored(store, "p1.1").status == "todo"
        await pilot.press("space")
        assert node.is_expanded
        assert app.screen.__class__.__name__ == "MainScreen", "no confirm asked: nothing to change"
        await pilot.press("j", "s")  # s says "status": the next one
        assert stored(store, "p1.1").status == "doing"


async def test_the_focused_pane_is_marked_in_its_title(app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = lambda: {p: app.screen.query_one(f"#{p}").border_title for p in  # noqa: E731
                          ("hierarchy", "units", "detail", "calendar")}
        assert titles()["hierarchy"].startswith("▶")
        assert not any(titles()[p].startswith("▶") for p in ("units", "detail", "calendar"))
        await pilot.press("c")
        await pilot.pause()
        assert titles()["calendar"].startswith("▶") and not titles()["hierarchy"].startswith("▶")
        await pilot.press("f")
        await pilot.pause()
        assert titles()["units"].startswith("▶") and not titles()["calendar"].startswith("▶")
