"""Issue 9.1: every key after a key that opens an input goes into that input, however
fast the keys come (a burst delivered before the app runs once)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from duban.tui.app.screens.confirm import ConfirmScreen
from duban.tui.app.widgets.calendar import DeadlineCalendar
from duban.tui.app.widgets.hierarchy import HierarchyTree
from tests.tui.burst import burst
from tests.tui.conftest import stored


def prompt_value(app) -> str:
    return app.screen.query_one("#prompt-input", Input).value


async def test_a_note_typed_in_one_burst_is_the_note(app, store: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "n3月份已报送")
        assert prompt_value(app) == "3月份已报送"
        assert stored(store, "p1.1").status == "todo", "the 3 did not reach the tree"
        await burst(pilot, "enter")
        item = stored(store, "p1.1")
        assert item.note == "3月份已报送" and item.status == "todo"


async def test_a_search_typed_in_one_burst_is_the_search(app, store: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "/2021")
        assert prompt_value(app) == "2021"
        assert stored(store, "p1.1").history == []
        await burst(pilot, "escape", "/ab", "escape", "/cd")
        assert prompt_value(app) == "cd"
        assert stored(store, "p1.1").history == []


async def test_confirm_answered_in_the_same_burst(app, store: Path) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await burst(pilot, "k3y")  # up to the work task, set done, yes
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert [stored(store, f"p1.{n}").status for n in (1, 2, 3)] == ["done"] * 3


async def test_calendar_keys_right_after_opening_it(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cal = app.screen.query_one(DeadlineCalendar)
        tree = app.screen.query_one(HierarchyTree)
        line = tree.cursor_line
        await burst(pilot, "cll")
        assert app.focused is cal
        assert (cal.cursor - cal.anchor).days == 2, "both l moved the calendar's day"
        assert tree.cursor_line == line


async def test_palette_gets_what_is_typed_right_after_opening_it(app) -> None:
    from textual.command import CommandPalette

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "ctrl+p", "quit")
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).value == "quit"


async def test_a_paste_right_after_n_is_the_note(app, store: Path) -> None:
    from textual import events

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for event in (events.Key("n", "n"), events.Paste("3月份已报送")):
            event.set_sender(app)
            app._driver.send_message(event)
        await pilot.pause()
        await pilot.pause()
        assert prompt_value(app) == "3月份已报送"


async def test_help_closed_in_the_same_burst_does_not_quit(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "?q")
        await pilot.pause()
        assert app.is_running and app.screen.__class__.__name__ == "MainScreen"
