"""The language catalogue: every user-facing string lives in labels/<lang>.toml, and in
labels/<lang>/*.toml (one file per area of the product, merged into the same sections)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from duban.store.data_cache import cached
from duban.store.resources import folder
from duban.store.text import safe

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

LANGS = ("zh", "en")
HERE = folder("duban.tui.settings", "labels")


@cache
def _catalogue(lang: str) -> dict[str, Any]:
    """The merged catalogue, parsed once per change of its files (store/data_cache.py)."""
    try:  # not Path.glob, which compiles a pattern (0.3 ms) for a listing
        parts = sorted(HERE / lang / name for name in os.listdir(HERE / lang) if name.endswith(".toml"))
    except OSError:
        parts = []
    return cached(f"labels-{lang}", [HERE / f"{lang}.toml", *parts], lambda: _merge(lang, parts))


def _merge(lang: str, parts: list[Path]) -> dict[str, Any]:
    import tomli

    with open(HERE / f"{lang}.toml", "rb") as fh:
        data = tomli.load(fh)
    for part in parts:
        with open(part, "rb") as fh:
            for section, entries in tomli.load(fh).items():
                known = data.setdefault(section, {})
                twice = known.keys() & entries.keys()
                if twice:  # one key, one home: a second definition is a mistake
                    raise ValueError(f"{part}: [{section}] {', '.join(sorted(twice))} already defined")
                known.update(entries)
    return data


class Labels:
    def __init__(self, lang: str = "zh") -> None:
        self.lang = lang if lang in LANGS else "zh"
        self._data = _catalogue(self.lang)

    def __call__(self, label: str, /, **fields: Any) -> str:
        section, _, name = label.partition(".")
        text = self._data[section][name]
        return text.format(**_safe_fields(fields)) if fields else text

    def status(self, status: str) -> str:
        return self._data["status"][status]

    def say(self, message: str) -> str:
        """A message from store/ in this language: its [said] entry, else as it came."""
        template = self._data.get("said", {}).get(getattr(message, "code", ""), None)
        if template is None:
            return str(message)
        fields = {k: self.say(v) if hasattr(v, "code") else v for k, v in getattr(message, "fields", {}).items()}
        # a message inside a message (a cause) is said too; a file name is shown, never obeyed
        return template.format(**_safe_fields(fields))


def _safe_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A file name, an id, a user name in a message: shown, never obeyed by the terminal."""
    return {k: safe(v) if isinstance(v, str) else safe(str(v)) if isinstance(v, Path) else v
            for k, v in fields.items()}


def status_aliases() -> dict[str, str]:
    """Every status name in every language (and its English key) → the status key."""
    names: dict[str, str] = {}
    for lang in LANGS:
        for key, word in _catalogue(lang)["status"].items():
            names[word.lower()] = key
            names[key] = key
    return names
