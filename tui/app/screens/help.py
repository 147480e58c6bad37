"""The help screen: every binding as configured (keymap file and the user's overrides)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from duban.store.text import display_width
from duban.tui.app.widgets.whole_chars import WholeCharCompositor
from duban.tui.settings.actions import ACTIONS, SCOPES
from duban.tui.settings.i18n import Labels
from duban.tui.settings.keymap import Keymap

LEGEND = ("todo", "doing", "done", "blocked", "red", "yellow", "implicit", "more_units", "collective")


def binding_lines(keymap: Keymap, labels: Labels) -> list[tuple[str, str, str]]:
    """(scope, keys, what it does) for every action, in a stable order."""
    rows = []
    for scope in SCOPES:
        for action, what in ACTIONS.items():
            if what.scope == scope:
                rows.append((scope, " ".join(keymap.keys(action)), labels(f"action.{action}")))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", show=False)]

    def __init__(self, keymap: Keymap, labels: Labels, soon_days: int = 7) -> None:
        super().__init__()
        self._compositor = WholeCharCompositor()  # overlays keep wide characters whole
        self.keymap, self.t, self.soon_days = keymap, labels, soon_days

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(self.t("app.help_title", keymap=self.keymap.name) + "\n", style="bold")
        scope_names = {"screen": "", "hierarchy": self.t("app.hierarchy"), "units": self.t("app.units"),
                       "calendar": self.t("app.calendar")}
        last = None
        for scope, keys, what in binding_lines(self.keymap, self.t):
            if scope != last and scope_names[scope]:
                text.append(f"\n{scope_names[scope]}\n", style="bold")
            last = scope
            text.append(f"  {keys}{' ' * max(1, 22 - display_width(keys))}", style="bold")
            text.append(f"{what}\n")
        text.append(f"\n{self.t('legend.title')}\n", style="bold")
        for key in LEGEND:
            text.append("  " + self.t(f"legend.{key}", days=self.soon_days) + "\n")
        text.append("\n" + self.t("app.help_close"), style="dim")
        with VerticalScroll(id="help"):
            yield Static(text)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
