"""The Textual app, built by make_app(settings, repository): thin on purpose.

It registers the themes, applies the keymap with set_keymap, and opens the main
screen; the screen and its panes do the rest.
"""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import date
from functools import partial
from typing import Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, SimpleProvider
from textual.screen import Screen

from duban.store.repository import Repository
from duban.store.text import safe
from duban.tui.app.item_style import ItemStyle
from duban.tui.app.key_order import KeyOrder
from duban.tui.app.screens.main import MainScreen
from duban.tui.app.screens.palette import LocalPalette
from duban.tui.app.state import AppState
from duban.tui.settings.actions import ACTIONS, SCREEN
from duban.tui.settings.config import Settings, save_setting
from duban.tui.settings.i18n import Labels
from duban.tui.settings.keymap import Keymap
from duban.tui.settings.themes import DEFAULT_THEME, MONO_THEME, ThemeSpec, load_themes


class DubanApp(KeyOrder, inherit_bindings=False):
    CSS_PATH = "app.tcss"
    TITLE = "duban"
    # Textual's own app keys (ctrl+q quit, ctrl+p palette) are not inherited: the keymap's
    # bindings are the only ones, so a keymap that binds ctrl+p to "up" gets "up".
    BINDINGS = [Binding("ctrl+c", "ctrl_c", show=False, system=True)]

    def __init__(self, settings: Settings, repo: Repository, keymap: Keymap, today: date | None = None) -> None:
        # The palette's key is the keymap's (the footer shows the binding under this key).
        self.COMMAND_PALETTE_BINDING = (keymap.keys("command-palette") or ["f24"])[0]
        super().__init__()
        self.settings, self.repo, self.keymap_spec = settings, repo, keymap
        self.t = Labels(settings.lang)
        self.title = self.t("app.title")
        self.today = today or date.today()
        specs, self.theme_problems = load_themes()
        self.theme_specs: dict[str, ThemeSpec] = {s.name: s for s in specs}
        for spec in specs:
            self.register_theme(spec.to_theme())
        wanted = MONO_THEME if os.environ.get("NO_COLOR") else settings.theme or DEFAULT_THEME
        if wanted not in self.theme_specs:
            self.theme_problems.append(f"theme '{wanted}' not found; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME
        self.style = ItemStyle(self.t, self.today, settings.due_soon_days)
        self._persist_theme = False  # only a choice the user makes is saved
        self.theme = wanted
        self.set_keymap(keymap.bindings)
        self.state = AppState(repo, settings.aliases(), self.today, settings.due_soon_days)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # app.tcss colours items with duban's own variables: a theme without them still loads.
        default = getattr(self, "theme_specs", {}).get(DEFAULT_THEME)
        return default.variables() if default else {}

    def on_mount(self) -> None:
        # A dropped SSH connection (SIGHUP) or a kill (SIGTERM): leave the way q does, so
        # the terminal is restored and the writes asked for are made first.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, partial(self.call_later, self.action_quit))
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        self.state.reload()
        self.push_screen(MainScreen(self.state, self.t, self.style, self.keymap_spec))
        for problem in self.theme_problems:
            self.notify(self.t.say(problem), severity="warning", timeout=6, markup=False)
        self._persist_theme = True

    def notify(self, message: str, *, title: str = "", **kwargs: object) -> None:  # type: ignore[override]
        """Every toast (screens' too go through here): a file name, a user name or a config
        problem in it is shown, never obeyed by the terminal."""
        message = safe(message) if isinstance(message, str) else message
        super().notify(message, title=safe(title) if isinstance(title, str) else title, **kwargs)  # type: ignore[arg-type]

    def watch_theme(self, theme: str) -> None:
        # The panes' colours follow by themselves (component classes, app.tcss); this saves the choice.
        if theme not in self.theme_specs:
            return
        if self._persist_theme and self.settings.config_file is not None and not os.environ.get("NO_COLOR"):
            try:
                save_setting(self.settings.config_file, "theme", theme)
            except OSError as exc:  # a read-only home: the theme still applies for this run
                self.notify(f"{self.settings.config_file}: {exc.strerror}", severity="warning", markup=False)

    async def action_quit(self) -> None:
        """q, SIGTERM, SIGHUP: the changes already asked for are in the store first (writes
        run in a thread, tui/app/screens/writes.py)."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                await screen.writes_done()
        self.exit()

    def action_ctrl_c(self) -> None:
        """ctrl+c (unless the keymap binds it): say how to quit, in the user's language."""
        keys = self.keymap_spec.keys("quit")
        if keys:
            self.notify(self.t("palette.ctrl_c", key=keys[0]), markup=False)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(LocalPalette(self.t("palette.no_matches"), placeholder=self.t("palette.placeholder"),
                                          id="--command-palette"))

    def action_change_theme(self) -> None:
        """duban's themes only (each carries the status and light colours); the choice is saved."""
        commands = [(name, partial(setattr, self, "theme", name)) for name in sorted(self.theme_specs)]
        self.push_screen(LocalPalette(self.t("palette.no_matches"), placeholder=self.t("palette.themes_placeholder"),
                                      providers=[SimpleProvider(self.screen, commands)]))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Not Textual's (Keys, Maximize, Screenshot … in English): ours, in the user's language.
        t = self.t
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(t("palette.quit"), t("palette.quit_help"), self.exit)
        if isinstance(screen, MainScreen):
            for bid, action in ACTIONS.items():
                if action.scope == SCREEN and action.palette:
                    keys = " ".join(self.keymap_spec.keys(bid))
                    yield SystemCommand(self.t(f"action.{bid}"), keys, partial(screen.run_action, action.action))


def make_app(settings: Settings, repo: Repository | None = None, today: date | None = None) -> DubanApp:
    from duban.store.retention import Retention

    repo = repo or Repository(settings.store_path, lock_timeout=settings.lock_timeout,
                              retention=Retention(settings.backups_kept, settings.backup_days))
    return DubanApp(settings, repo, settings.keymap(), today)
