"""Keymaps as data: keymaps/*.toml bind action ids to keys; the config picks one and
overrides single bindings.  Validated here (unknown id, unknown key name, a clash) with
the file and line; applied to the app with App.set_keymap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from duban.store.messages import Said
from duban.store.resources import folder
from duban.tui.settings.actions import ACTIONS, PANES, SCREEN

KEYMAP_DIR = folder("duban.keymaps")

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
NAMED_KEYS = {
    "enter", "escape", "space", "tab", "backspace", "delete", "insert", "up", "down", "left", "right",
    "home", "end", "pageup", "pagedown", *(f"f{i}" for i in range(1, 25)),
    # punctuation by name, as Textual spells it
    "exclamation_mark", "quotation_mark", "number_sign", "dollar_sign", "percent_sign", "ampersand",
    "apostrophe", "left_parenthesis", "right_parenthesis", "asterisk", "plus", "comma", "minus",
    "full_stop", "slash", "colon", "semicolon", "less_than_sign", "equals_sign", "greater_than_sign",
    "question_mark", "at", "left_square_bracket", "backslash", "right_square_bracket",
    "circumflex_accent", "underscore", "grave_accent", "left_curly_bracket", "vertical_line",
    "right_curly_bracket", "tilde",
}


class KeymapError(Exception):
    """A keymap or key override that cannot be used: file, line, what was expected."""


@dataclass
class Keymap:
    name: str
    bindings: dict[str, str]  # id → comma-separated keys
    sources: dict[str, str]   # id → "file:line" it came from

    def keys(self, action: str) -> list[str]:
        return [k for k in self.bindings.get(action, "").split(",") if k]


def available() -> list[str]:
    return sorted(p.stem for p in KEYMAP_DIR.glob("*.toml"))


def valid_key(key: str) -> bool:
    parts = key.split("+")
    *mods, base = parts
    if any(m not in MODIFIERS for m in mods) or not base:
        return False
    return len(base) == 1 and base.isprintable() or base in NAMED_KEYS


def _line_of(text: str, action: str) -> int:
    pattern = re.compile(rf'^\s*"?{re.escape(action)}"?\s*=', re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else 0


def _read(path: Path) -> tuple[dict[str, object], str]:
    from duban.store.toml_file import TomlFileError, load_toml_text

    try:
        return load_toml_text(path)
    except (TomlFileError, FileNotFoundError) as exc:
        raise KeymapError(exc.args[0] if isinstance(exc, TomlFileError) else f"{path}: cannot read ({exc.strerror})") from None


def _merge(into: Keymap, table: object, path: Path, text: str, what: str) -> None:
    if not isinstance(table, dict):
        raise KeymapError(f"{path}: {what} must be a table of binding id = \"keys\"")
    for action, keys in table.items():
        where = f"{path}:{_line_of(text, action)}"
        if action not in ACTIONS:
            raise KeymapError(Said("unknown_action", "{where}: unknown action '{action}' (known: {known})",
                                   where=where, action=action, known=", ".join(sorted(ACTIONS))))
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError(f"{where}: {action} = … must be a string of keys such as \"ctrl+s,f2\"")
        cleaned = [k.strip() for k in keys.split(",") if k.strip()] if keys.strip() != "," else [","]
        for key in cleaned:
            if not valid_key(key):
                raise KeymapError(Said("unknown_key", "{where}: unknown key name '{key}' for {action} "
                                       "(use a character or a name such as enter, escape, ctrl+s, f2)",
                                       where=where, key=key, action=action))
        into.bindings[action] = ",".join(cleaned)
        into.sources[action] = where


def _blame(keymap: Keymap, first: str, second: str) -> str:
    """Where a clash was made: the user's own file and line (the config's [keys], a keymap
    of theirs) rather than the shipped default.toml the other binding came from."""
    default = str(KEYMAP_DIR / "default.toml") + ":"
    for action in (second, first):
        if not keymap.sources[action].startswith(default):
            return keymap.sources[action]
    return keymap.sources[second]


def _check_clashes(keymap: Keymap) -> None:
    seen: dict[tuple[str, str], str] = {}
    for action, keys in keymap.bindings.items():
        scope = ACTIONS[action].scope
        for key in keys.split(","):
            # A key bound twice in one pane, or in a pane and the screen (the pane would hide it).
            for other_scope in {scope, SCREEN}:
                other = seen.get((other_scope, key))
                if other and other != action:
                    raise KeymapError(Said("key_clash", "{where}: '{key}' is bound to both {other} and {action}",
                                           where=_blame(keymap, other, action), key=key, other=other, action=action))
            seen[(scope, key)] = action
            if scope == SCREEN:
                for pane in PANES:
                    other = seen.get((pane, key))
                    if other:
                        raise KeymapError(Said("key_clash", "{where}: '{key}' is bound to both {other} and {action}",
                                               where=_blame(keymap, other, action), key=key, other=other,
                                               action=action))


def load_keymap(name: str = "default", overrides: dict[str, object] | None = None,
                config_file: Path | None = None) -> Keymap:
    """The default keymap, then the named one over it, then the config's [keys]."""
    keymap = Keymap(name, {}, {})
    default = KEYMAP_DIR / "default.toml"
    data, text = _read(default)
    _merge(keymap, data.get("bindings", {}), default, text, "[bindings]")
    if name != "default":
        path = KEYMAP_DIR / f"{name}.toml"
        if not path.is_file():
            where = str(config_file) if config_file else "keymap"
            raise KeymapError(Said("unknown_keymap", "{where}: unknown keymap '{name}' (available: {known})",
                                   where=where, name=name, known=", ".join(available())))
        data, text = _read(path)
        _merge(keymap, data.get("bindings", {}), path, text, "[bindings]")
    if overrides:
        path = config_file or Path("config.toml")
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        _merge(keymap, overrides, path, text, "[keys]")
    missing = sorted(set(ACTIONS) - set(keymap.bindings))
    if missing:
        raise KeymapError(f"{default}: no keys for {', '.join(missing)}")
    _check_clashes(keymap)
    return keymap
