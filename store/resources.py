"""Data folders shipped inside the duban package (vocabularies, labels, keymaps, themes),
found with importlib.resources wherever pip put them, as paths: duban installs as plain
files (never zipped), and error messages name the file and line."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def folder(package: str, *parts: str) -> Path:
    """The folder of a package of duban's (e.g. "duban.themes"), or a folder inside it."""
    found = files(package)
    path = found if isinstance(found, Path) else Path(str(found))
    return path.joinpath(*parts)
