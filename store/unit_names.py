"""A unit's name, one spelling of it, and its aliases (synonym → one name): what every
reader of the store needs to match units, without the unit-cell parser (store/units.py)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from duban.store import vocab
from duban.store.text import compact, fold_key
from duban.store.toml_file import read_toml


def unique(names: list[str]) -> list[str]:
    """The names in order, each once."""
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return list(seen)


@lru_cache(maxsize=1 << 14)  # unit names repeat down a plan and across a store
def normalise_name(name: str) -> str:
    """One spelling per unit: NFKC (full-width letters and digits), zero-width characters and
    blanks dropped, parentheses full-width (as the plans write them)."""
    name = compact(fold_key(name)).strip("　 .。")
    return name.translate(_FULL_WIDTH_PUNCTUATION)  # NFKC made them ASCII; the plans write them wide


_FULL_WIDTH_PUNCTUATION = str.maketrans("(),;:!?", "（），；：！？")


class Aliases:
    """Synonym → canonical unit name, from the shipped defaults and the user's files."""

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self._map: dict[str, str] = dict(table or {})
        self._applied: dict[tuple[str, ...], tuple[str, ...]] = {}

    @classmethod
    def load(cls, *user_files: Path, extra: dict[str, list[str]] | None = None) -> Aliases:
        aliases = cls()
        aliases.add_table(vocab.load("aliases"), "aliases.toml")
        for path in user_files:
            if path.is_file():
                aliases.add_table(read_toml(path), str(path))  # a TomlFileError (a ValueError) names the line
        if extra:
            aliases.add_table(extra, "config")
        return aliases

    def add_table(self, table: dict[str, object], source: str) -> None:
        for canonical, synonyms in table.items():
            if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
                raise ValueError(f"{source}: {canonical} = … must be a list of unit names")
            target = normalise_name(canonical)
            for syn in synonyms:
                self._map[normalise_name(syn)] = target
        self._applied.clear()

    def canonical(self, name: str) -> str:
        name = normalise_name(name)
        return self._map.get(name, name)

    def apply(self, names: list[str]) -> list[str]:
        if not self._map:
            return names
        # Items share their unit lists: each list is resolved once (a store of 50,000
        # items has a few hundred), and every item gets its own copy.
        key = tuple(names)
        resolved = self._applied.get(key)
        if resolved is None:
            resolved = self._applied[key] = tuple(dict.fromkeys(self._map.get(n, n) for n in names))
        return list(resolved)
