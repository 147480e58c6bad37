"""The label files as a translator edits them: labels/<lang>.toml and labels/<lang>/*.toml,
read straight from the files (not through the app's memoised loader)."""

from __future__ import annotations

import tomllib
from typing import Any

from duban.tui.settings.i18n import HERE


def label_files(lang: str) -> dict[str, dict[str, Any]]:
    """Every [section] key = text of one language, over all its files."""
    out: dict[str, dict[str, Any]] = {}
    for path in [HERE / f"{lang}.toml", *sorted((HERE / lang).glob("*.toml"))]:
        for section, entries in tomllib.loads(path.read_text(encoding="utf-8")).items():
            out.setdefault(section, {}).update(entries)
    return out
