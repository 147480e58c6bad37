"""Textual bindings made from the action table (tui/settings/actions.py).

A widget declares which scope's bindings it carries, never a key: every binding here
starts on a key no terminal sends, and App.set_keymap gives it the keys that
keymaps/*.toml (and the user's [keys]) bind to its id.  The description is a label key;
the main screen says it in the user's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.keys import _character_to_key
from textual.widgets import Input

from duban.tui.settings.actions import SCREEN, in_scope

if TYPE_CHECKING:
    from textual.screen import Screen

    from duban.tui.settings.keymap import Keymap

UNBOUND = "f24"  # until the keymap's keys replace it (every id has keys: tui/settings/keymap.py)


def bindings_for(scope: str) -> list[Binding]:
    return [Binding(UNBOUND, a.action, a.label(bid), show=a.footer, id=bid, priority=a.priority)
            for bid, a in in_scope(scope).items()]


def screen_keys_win(screen: Screen, keymap: Keymap) -> None:
    """A key the keymap gives to the screen beats a widget's built-in Textual binding
    (Tree's shift+down, DataTable's enter …), as the keymap's own checks let it beat a
    pane's bindings; only ids of the keymap stay on such a key.  A text box keeps its
    editing keys (ctrl+w, left …)."""
    keys = {key if len(key) > 1 else _character_to_key(key) for bid in in_scope(SCREEN) for key in keymap.keys(bid)}
    for widget in screen.query("*"):
        if isinstance(widget, Input):
            continue
        table = widget._bindings.key_to_bindings
        for key in keys & set(table):
            kept = [b for b in table[key] if b.id is not None]
            if kept:
                table[key] = kept
            else:
                del table[key]
