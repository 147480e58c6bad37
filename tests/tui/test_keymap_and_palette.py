"""Issue 9.11 / 9.21: the keymap's bindings win over Textual's defaults; the footer shows
the palette's actual key; footer and palette speak the user's language; the palette
offers duban's themes and the choice is saved."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from duban.tui.app.app import make_app
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.settings.config import load_settings
from tests.tui.burst import burst
from tests.tui.conftest import TODAY, write_config
from tests.tui.waiting import palette_listed, until

ENGLISH_TEXTUAL = {"Keys", "Maximize", "Screenshot", "Theme", "Quit", "palette", "Search for commands…"}


def footer(app) -> list[tuple[str, str]]:
    return [(k.key_display, k.description) for k in app.screen.query(FooterKey)]


async def test_emacs_ctrl_p_moves_up_and_alt_x_opens_the_palette(store: Path, isolated: Path) -> None:
    write_config(isolated, 'keymap = "emacs"\n')
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(HierarchyTree)
        await pilot.press("ctrl+n", "ctrl+n")
        line = tree.cursor_line
        await pilot.press("ctrl+p")
        assert not isinstance(app.screen, CommandPalette), "ctrl+p is cursor-up in emacs"
        assert tree.cursor_line == line - 1
        keys = dict((d, k) for k, d in footer(app))
        assert "命令" in keys and "x" in keys["命令"].lower(), f"footer shows the palette's key: {footer(app)}"
        await pilot.press("alt+x")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_palette_and_footer_in_chinese(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = footer(app)
        assert shown and not ENGLISH_TEXTUAL & {d for _, d in shown}, shown
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not ENGLISH_TEXTUAL & set(titles), titles
        assert "主题" in titles
        await pilot.press("ctrl+p")
        for _ in range(20):
            if isinstance(app.screen, CommandPalette) and app.screen.query(Input):
                break
            await pilot.pause(0.05)
        assert app.screen.query_one(Input).placeholder == "搜索命令…"


async def test_palette_offers_duban_themes_and_saves_the_choice(app, isolated: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "ctrl+p", "主题")
        await until(pilot, lambda: palette_listed(app), "the palette lists 主题")
        await pilot.press("enter")
        await until(pilot, lambda: palette_listed(app), "the palette lists the themes")
        await burst(pilot, "light")
        await until(pilot, lambda: palette_listed(app), "the palette lists the light theme")
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == "duban-light", "the theme chosen")
    config = isolated / "config" / "duban" / "config.toml"
    assert 'theme = "duban-light"' in config.read_text(encoding="utf-8")


async def test_a_screen_key_beats_a_panes_built_in_binding(store: Path, isolated: Path) -> None:
    from tests.tui.conftest import stored

    # Tree binds shift+down (next sibling) itself; the user's keymap gives it to set-done.
    write_config(isolated, '[keys]\nset-done = "shift+down"\n')
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(HierarchyTree).cursor_line
        await pilot.press("shift+down")
        assert stored(store, "p1.1").status == "done"
        assert app.screen.query_one(HierarchyTree).cursor_line == line
