"""Vocabularies as data: header words, deadline phrases, unit roles, default aliases."""

from __future__ import annotations

from functools import cache
from typing import Any

import tomli

from duban.store.resources import folder

HERE = folder("duban.store.vocab")


@cache
def load(name: str) -> dict[str, Any]:
    """The shipped vocabulary `name` (headers, deadlines, units, aliases)."""
    with open(HERE / f"{name}.toml", "rb") as fh:
        return tomli.load(fh)
