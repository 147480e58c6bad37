"""Vocabularies as data: header words, deadline phrases, unit roles, default aliases."""

from __future__ import annotations

from functools import cache

from duban.store.data_cache import cached
from duban.store.resources import folder

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

HERE = folder("duban.store.vocab")


@cache
def load(name: str) -> dict[str, Any]:
    """The shipped vocabulary `name` (headers, deadlines, units, aliases), parsed once per
    change of its file (store/data_cache.py)."""
    return cached(f"vocab-{name}", [HERE / f"{name}.toml"], lambda: _parse(name))


def _parse(name: str) -> dict[str, Any]:
    import tomli

    with open(HERE / f"{name}.toml", "rb") as fh:
        return tomli.load(fh)
