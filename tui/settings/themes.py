"""Themes as data: themes/*.toml → textual.theme.Theme, with duban's status and
traffic-light colours as theme variables ($status-done, $light-red …)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from duban.store.resources import folder
from duban.store.toml_file import TomlFileError, read_toml

if TYPE_CHECKING:
    from textual.theme import Theme

THEME_DIR = folder("duban.themes")
DEFAULT_THEME = "duban-dark"
MONO_THEME = "duban-mono"
BASE_FIELDS = ("primary", "secondary", "accent", "warning", "error", "success",
               "foreground", "background", "surface", "panel")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


class ThemeError(Exception):
    pass


@dataclass
class ThemeSpec:
    name: str
    dark: bool
    base: dict[str, str]
    status: dict[str, str]
    light: dict[str, str]
    path: Path

    def variables(self) -> dict[str, str]:
        out = {f"status-{k}": v for k, v in self.status.items()}
        out.update({f"light-{k}": v for k, v in self.light.items()})
        return out

    def to_theme(self) -> Theme:
        from textual.theme import Theme

        return Theme(name=self.name, dark=self.dark, variables=self.variables(), **self.base)


def _validate(path: Path, data: dict[str, object]) -> ThemeSpec:
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise ThemeError(f"{path}: a theme needs name = \"…\"")
    base = {k: data[k] for k in BASE_FIELDS if k in data}
    if "primary" not in base:
        raise ThemeError(f"{path}: a theme needs at least primary = \"#rrggbb\"")
    for section, keys in (("status", ("todo", "doing", "done", "blocked")), ("light", ("red", "yellow", "green"))):
        table = data.get(section)
        if not isinstance(table, dict) or set(keys) - set(table):
            raise ThemeError(f"{path}: [{section}] needs {', '.join(keys)}")
    for key, value in [*base.items(), *data["status"].items(), *data["light"].items()]:  # type: ignore[union-attr]
        if not isinstance(value, str) or not _COLOUR.match(value):
            raise ThemeError(f"{path}: {key} = {value!r}: expected a colour such as \"#5b9bd5\"")
    return ThemeSpec(name, bool(data.get("dark", True)), base, dict(data["status"]), dict(data["light"]), path)  # type: ignore[arg-type]


def load_themes(folder: Path = THEME_DIR) -> tuple[list[ThemeSpec], list[str]]:
    """Every valid theme in the folder, and a notice for each one that is not."""
    specs, problems = [], []
    for path in sorted(folder.glob("*.toml")):
        try:
            specs.append(_validate(path, read_toml(path)))
        except TomlFileError as exc:
            problems.append(exc.args[0])
        except ThemeError as exc:
            problems.append(str(exc))
    return specs, problems
