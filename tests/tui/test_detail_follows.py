"""Issue 9.8: the detail pane always shows what is under the cursor, after every action
that moves the cursor or changes what the tree shows."""

from __future__ import annotations

from textual.widgets import Input

from duban.tui.app.widgets.detail import DetailPane
from duban.tui.app.widgets.hierarchy import HierarchyTree
from tests.tui.burst import burst
from tests.tui.waiting import until


def shown_wrong(app) -> str:
    """What the detail pane shows against what the cursor is on: empty when they agree."""
    tree = app.screen.query_one(HierarchyTree)
    ref = tree.current
    head = str(app.screen.query_one(DetailPane).body.render()).split("\n")[0]
    if ref is None:
        return ""
    if ref.kind == "item":
        return "" if f" {ref.id} " in head + " " else f"cursor on {ref.id}, detail shows {head!r}"
    return "" if ref.id in head or tree.title_of(ref)[:6] in head else f"cursor on {ref}, detail {head!r}"


def check(app, what: str) -> None:
    assert not shown_wrong(app), f"after {what}: {shown_wrong(app)}"


async def settled(pilot, app, what: str) -> None:
    """The detail catches up with the cursor (a search or a filter redraws the tree first)."""
    await until(pilot, lambda: not shown_wrong(app), f"after {what}: {shown_wrong(app)}")


async def test_detail_follows_the_cursor_after_every_action(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        check(app, "start")
        await pilot.press("/")
        app.screen.query_one("#prompt-input", Input).value = "公报"
        await until(pilot, lambda: "公报" in str(app.screen.query_one("#topbar").render()), "the search applied")
        await pilot.press("enter")
        await settled(pilot, app, "search + enter")
        await pilot.press("3")
        await pilot.pause()
        check(app, "status under a search")
        await burst(pilot, "jj")
        check(app, "j j")
        await pilot.press("escape")  # clear filters
        await settled(pilot, app, "clear filters")
        await pilot.press("o")
        await settled(pilot, app, "overdue only")
        await pilot.press("o", "k")
        await settled(pilot, app, "k")
        await pilot.press("h")
        check(app, "h (to the parent)")
        await pilot.press("u")
        await settled(pilot, app, "undo")
        await pilot.press("f", "j", "space")  # a unit chosen in the units pane
        await settled(pilot, app, "unit chosen")
        await pilot.press("c", "enter")  # a day picked in the calendar
        await settled(pilot, app, "day picked")
        await pilot.press("escape")
        await settled(pilot, app, "filters cleared")


async def test_search_then_enter_shows_the_first_result(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "/公报", "enter")
        tree = app.screen.query_one(HierarchyTree)
        await until(pilot, lambda: tree.current.id != "p1.1", "the cursor on the first result")
        check(app, "search 公报 + enter")


async def test_a_task_shows_its_counts_overdue_and_units(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3", "k")  # p1.1 done, then up to its work task
        text = str(app.screen.query_one(DetailPane).body.render())
        assert "未选中" not in text
        assert "共 " in text and "已完成 1" in text and "未开始 " in text
        assert "区发展和改革局" in text, "the task's units are listed"
