"""Pinyin initials as a search key: 财政局 → czj, 发改委 → fgw, as Chinese users type
into any search box.  The readings are pypinyin's (its per-character table, most common
reading first); the table is read only when a search needs it, so a quick check without
--search never pays for it, and it is read once per process.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.util import find_spec
from pathlib import Path


@cache
def _table() -> dict[int, str]:
    # pypinyin's own pinyin_dict.json, read directly: importing the package loads its
    # phrase dictionary too (half a second) which initials do not need.
    spec = find_spec("pypinyin")
    if spec is None or spec.origin is None:
        return {}
    data = json.loads((Path(spec.origin).parent / "pinyin_dict.json").read_text(encoding="utf-8"))
    table: dict[int, str] = {}
    for code, readings in data.items():
        first = unicodedata.normalize("NFD", readings.split(",", 1)[0])[:1].lower()
        if first.isascii() and first.isalpha():
            table[int(code)] = first
    return table


def initials(text: str) -> str:
    """Each Chinese character replaced by its pinyin initial; everything else as it is."""
    return text.translate(_table()).lower()


def available() -> bool:
    return bool(_table())
