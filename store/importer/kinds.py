"""What cells hold: header words (vocab/headers.toml), the kind of a data cell (a
number, a deadline phrase, unit names, text), heading numbering, and the row shape
every cell encoding is turned into."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from duban.store import deadlines, units, vocab
from duban.store.importer.cells import Cell
from duban.store.text import compact

UNIT_ROLES = ("lead", "responsible")

SEQ_RE = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})$")
_PLAIN_CJK = re.compile(r"[\u4e00-\u9fff]+")
LEVEL1_RE = re.compile(r"^([一二三四五六七八九十]{1,3})[、.．，,]\s*")
LEVEL2_RE = re.compile(r"^([（(][一二三四五六七八九十]{1,3}[)）])\s*")


@dataclass
class Heading:
    level: int | None  # None: tell by its numbering
    cell: Cell


@dataclass
class Row:
    line: int
    seq: Cell | None = None
    headings: list[Heading] = field(default_factory=list)
    item: Cell | None = None
    units: dict[str, Cell] = field(default_factory=dict)  # role → cell
    deadline: Cell | None = None
    progress: Cell | None = None
    requirement: Cell | None = None
    number: str | None = None  # the item's own number when a reader split it off ("（一）")


@cache
def _header_words() -> dict[str, str]:
    data = vocab.load("headers")
    words: dict[str, str] = {}
    # Later roles do not override earlier ones: unit and deadline words are more specific.
    for role in ("progress", "deadline", "lead", "responsible", "seq", "ignore", "task"):
        for word in data[role]:
            words.setdefault(word, role)
    return words


def header_role(text: str) -> str | None:
    flat = compact(text)
    words = _header_words()
    if flat in words:
        return words[flat]
    # A header word inside a short label ("主要任务（一级）" no, "具体工作任务" yes): only
    # plain CJK words, so a heading such as "一、甲任务" or a title with a year never counts.
    if 2 <= len(flat) <= 8 and _PLAIN_CJK.fullmatch(flat):
        hits = [w for w in words if w in flat and len(w) >= 2]
        if hits:
            return words[max(hits, key=len)]
    return None


def looks_like_header(cells: list[Cell]) -> bool:
    roles = [header_role(c.text) for c in cells]
    known = [r for r in roles if r]
    # Task words alone ("事项目录,证明事项…" in running text) are not a header: a plan's
    # header also names who (单位), when (时限), a number (序号) or progress.
    return len(known) >= 2 and "task" in known and len(known) >= len(cells) - 1 and len(set(known)) >= 2


def header_run(cells: list[Cell], start: int = 0) -> tuple[int, int] | None:
    """(first index, length) of the first run of cells that reads as a header row."""
    i = start
    while i < len(cells):
        j = i
        while j < len(cells) and not cells[j].empty and header_role(cells[j].text):
            j += 1
        if j - i >= 2 and looks_like_header(cells[i:j]):
            return i, j - i
        i = j + 1 if j > i else i + 1
    return None


def cell_type(cell: Cell | None) -> str | None:
    """What a cell holds: seq, deadline, units, text; None when empty."""
    if cell is None:
        return None
    return _text_type(cell.text)


@lru_cache(maxsize=1 << 16)
def _text_type(text: str) -> str | None:
    # Memoised on the text: column inference asks about each cell several times, and
    # unit cells repeat down a table; an unbounded rescan made import superlinear.
    flat = compact(text)
    if not flat:
        return None
    if SEQ_RE.match(flat) or SEQ_RE.match(dedupe_doubled(text.split("\n")) or ""):
        return "seq"
    if len(flat) <= 40 and deadlines.coverage(flat) >= 0.8:
        return "deadline"
    if units.looks_like_units(flat):
        return "units"
    return "text"


def dedupe_doubled(lines: list[str]) -> str | None:
    """A cell printed twice across a page break ("2", "", "2") → its compact text once."""
    parts = [compact(line) for line in lines if compact(line)]
    for cut in range(1, len(parts)):
        left, right = "".join(parts[:cut]), "".join(parts[cut:])
        if left == right:
            return left
    return None


def heading_level(text: str) -> int | None:
    flat = compact(text)
    if LEVEL1_RE.match(flat):
        return 1
    if LEVEL2_RE.match(flat):
        return 2
    return None


