"""Data folders shipped inside the duban package (vocabularies, labels, keymaps, themes),
found wherever pip put them, as paths: duban installs as plain files (never zipped), and
error messages name the file and line.

A package's own folder is its import path (what importlib.resources.files returns for a
package on disk); importlib.resources itself is asked only for anything else, because
importing it (urllib, ipaddress, zipfile) costs a quick `duban ls` 9 ms of its 60."""

from __future__ import annotations

import importlib
from pathlib import Path


def folder(package: str, *parts: str) -> Path:
    """The folder of a package of duban's (e.g. "duban.themes"), or a folder inside it."""
    where = getattr(importlib.import_module(package), "__path__", None)
    paths = list(where) if where is not None else []
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return Path(paths[0]).joinpath(*parts)
    from importlib.resources import files

    found = files(package)
    path = found if isinstance(found, Path) else Path(str(found))
    return path.joinpath(*parts)
