"""Cells → a table: the header row, each column's role, and data rows.

The header is found by its words (vocab/headers.toml); what each column holds is told
by those words first and by the cells where words are ambiguous or the header spans
two columns.  Repeated headers at page breaks and text before and after the table
are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from store import deadlines, units, vocab
from store.importer.cells import (
    Cell,
    delimited_rows,
    line_cells,
    tab_led_cells,
    tab_led_count,
)
from store.importer.errors import PlanError
from store.text import compact

ROLES = ("seq", "task", "lead", "responsible", "deadline", "progress", "ignore")
UNIT_ROLES = ("lead", "responsible")

_SEQ_RE = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})$")
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


@dataclass
class Table:
    layout: str
    header_line: int
    headers: list[str]
    roles: list[str]
    rows: list[Row]
    preamble: list[str]
    seq_numbers_items: bool
    has_deadline: bool
    has_progress: bool


# ---------------------------------------------------------------- header words

@lru_cache(maxsize=1)
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
    return len(known) >= 2 and "task" in known and len(known) >= len(cells) - 1


def _header_run(cells: list[Cell], start: int = 0) -> tuple[int, int] | None:
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


# ---------------------------------------------------------------- cell types

def cell_type(cell: Cell | None) -> str | None:
    """What a cell holds: seq, deadline, units, text; None when empty."""
    if cell is None or cell.empty:
        return None
    flat = cell.flat
    if _SEQ_RE.match(flat) or _SEQ_RE.match(dedupe_doubled(cell.lines) or ""):
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


# ---------------------------------------------------------------- grids

def _consistency(rows: list[list[Cell]]) -> float:
    """How well each kind of cell keeps to one column: 1.0 when every kind does."""
    by_type: dict[str, Counter[int]] = {}
    for row in rows:
        for col, cell in enumerate(row):
            kind = cell_type(cell)
            if kind in ("seq", "deadline", "units"):
                by_type.setdefault(kind, Counter())[col] += 1
    total = sum(sum(c.values()) for c in by_type.values())
    if not total:
        return 0.0
    return sum(c.most_common(1)[0][1] for c in by_type.values()) / total


def _chunk(cells: list[Cell], width: int) -> list[list[Cell]]:
    return [cells[i:i + width] for i in range(0, len(cells), width)]


def _drop_repeated_headers(cells: list[Cell], header: list[str]) -> list[Cell]:
    k, out, i = len(header), [], 0
    while i < len(cells):
        if [c.flat for c in cells[i:i + k]] == header:
            i += k
            continue
        out.append(cells[i])
        i += 1
    return out


def _choose_width(cells: list[Cell], k: int) -> int:
    best, best_score = k, _consistency(_chunk(cells, k))
    for w in range(max(2, k - 1), k + 3):
        if w == k:
            continue
        score = _consistency(_chunk(cells, w))
        if score > best_score + 0.05:
            best, best_score = w, score
    return best


def _spread_header(headers: list[str], rows: list[list[Cell]], width: int) -> list[str]:
    """A header cell that spans two columns (工作任务 over main and work task): find which."""
    if len(headers) >= width:
        return headers[:width]
    extra = width - len(headers)
    best: tuple[float, list[str]] | None = None
    for j in range(len(headers)):
        spread = headers[:j] + [headers[j]] * (extra + 1) + headers[j + 1:]
        score = _fit(spread, rows)
        if best is None or score > best[0]:
            best = (score, spread)
    assert best is not None
    return best[1]


_EXPECT = {"seq": "seq", "deadline": "deadline", "lead": "units", "responsible": "units", "task": "text"}


def _fit(headers: list[str], rows: list[list[Cell]]) -> float:
    """Share of typed cells that sit under a header expecting their kind."""
    hit = total = 0
    for row in rows:
        for col, cell in enumerate(row[: len(headers)]):
            kind = cell_type(cell)
            if kind:
                total += 1
                hit += _EXPECT.get(header_role(headers[col]) or "", "text") == kind
    return hit / total if total else 0.0


def _column_kinds(rows: list[list[Cell]], col: int) -> tuple[float, Counter[str]]:
    filled = [r[col] for r in rows if col < len(r) and not r[col].empty]
    return (len(filled) / len(rows) if rows else 0.0), Counter(cell_type(c) for c in filled)


def _roles(headers: list[str], rows: list[list[Cell]]) -> list[str]:
    roles: list[str] = []
    for col, head in enumerate(headers):
        role = header_role(head) or "unknown"
        _, kinds = _column_kinds(rows, col)
        n = sum(kinds.values())
        if n and role in ("task", "unknown"):
            # Cells decide where words do not: a column of deadlines or of unit names.
            if kinds["deadline"] >= 0.8 * n:
                role = "deadline"
            elif kinds["units"] >= 0.8 * n and role == "unknown":
                role = "responsible"
            elif kinds["seq"] >= 0.8 * n and role == "unknown":
                role = "seq"
        if role == "unknown":
            role = "task"
        roles.append(role)
    return roles


def _grid_rows(headers: list[str], roles: list[str], grid: list[list[Cell]]) -> tuple[list[Row], bool]:
    tasks = [c for c, r in enumerate(roles) if r == "task"]
    if not tasks:
        raise ValueError("no task column")
    dense = [c for c in tasks if _column_kinds(grid, c)[0] >= 0.5]
    item_col = (dense or tasks)[-1]
    heading_cols = [c for c in tasks if c < item_col]
    seq_col = roles.index("seq") if "seq" in roles else None
    seq_numbers_items = False
    if seq_col is not None:
        fill, _ = _column_kinds(grid, seq_col)
        values = [r[seq_col].flat for r in grid if seq_col < len(r) and not r[seq_col].empty]
        seq_numbers_items = fill >= 0.9 and len(set(values)) >= 0.9 * len(values)
    rows: list[Row] = []
    for cells in grid:
        def get(c: int | None, cells: list[Cell] = cells) -> Cell | None:
            return cells[c] if c is not None and c < len(cells) else None

        row = Row(line=cells[0].line if cells else 0, seq=get(seq_col), item=get(item_col))
        single = len(heading_cols) == 1
        for level, col in enumerate(heading_cols, 1):
            cell = get(col)
            if cell is not None and not cell.empty:
                row.headings.append(Heading(None if single else min(level, 2), cell))
        for col, role in enumerate(roles):
            cell = get(col)
            if cell is None:
                continue
            if role in UNIT_ROLES and role not in row.units:
                row.units[role] = cell
            elif role == "deadline" and row.deadline is None:
                row.deadline = cell
            elif role == "progress" and row.progress is None:
                row.progress = cell
        rows.append(row)
    return rows, seq_numbers_items


# ---------------------------------------------------------------- line cells

def _line_rows(headers: list[str], roles: list[str], cells: list[Cell]) -> list[Row]:
    """Rows of one-cell-per-line text: a merged cell appears only in its first row, so
    rows are told apart by their numbers and headings, then by the columns' count."""
    tasks = [c for c, r in enumerate(roles) if r == "task"]
    item_col = tasks[-1]
    body = [r for r in roles[item_col:] if r not in ("seq",)]
    m = len(body)
    seqs = [i for i, c in enumerate(cells) if _SEQ_RE.match(c.flat) and heading_level(c.text) is None]
    rows: list[Row] = []
    pending: list[Heading] = []

    def emit(seq: Cell | None, content: list[Cell]) -> None:
        row = Row(line=(seq or content[0]).line, seq=seq, headings=pending[:])
        pending.clear()
        _assign(row, body, content)
        rows.append(row)

    if not seqs:
        content: list[Cell] = []
        for cell in cells:
            if heading_level(cell.text) and not content:
                pending.append(Heading(None, cell))
                continue
            content.append(cell)
            if len(content) == m:
                emit(None, content)
                content = []
        return rows
    pending.extend(Heading(None, c) for c in cells[: seqs[0]])
    for k, start in enumerate(seqs):
        end = seqs[k + 1] if k + 1 < len(seqs) else len(cells)
        segment = cells[start + 1:end]
        content = []
        for i, cell in enumerate(segment):
            if i and heading_level(cell.text):
                break
            content.append(cell)
        rest = segment[len(content):]
        if len(content) > m:
            rest = content[m:] + rest
            content = content[:m]
        if content:
            emit(cells[start], content)
        if k + 1 < len(seqs):
            pending.extend(Heading(None, c) for c in rest)
    return rows


def _assign(row: Row, body: list[str], content: list[Cell]) -> None:
    """Give each content cell its column; with cells missing, by what they hold."""
    if len(content) == len(body):
        pairs = list(zip(body, content))
    else:
        pairs = [(body[0], content[0])]
        free = body[1:]
        for cell in content[1:]:
            kind = cell_type(cell)
            want = {"deadline": "deadline", "units": "responsible"}.get(kind or "", "progress")
            role = next((r for r in free if r == want or (want == "responsible" and r in UNIT_ROLES)), None)
            role = role or (free[0] if free else None)
            if role:
                free.remove(role)
                pairs.append((role, cell))
    for role, cell in pairs:
        if role == "task":
            row.item = cell
        elif role in UNIT_ROLES:
            row.units.setdefault(role, cell)
        elif role == "deadline":
            row.deadline = cell
        elif role == "progress":
            row.progress = cell


# ---------------------------------------------------------------- entry

def _search_words() -> str:
    data = vocab.load("headers")
    return "、".join(data["task"][:3] + data["lead"][:1] + data["responsible"][:1] + data["deadline"][:1])


def read_table(text: str, name: str) -> Table:
    lines = text.split("\n")
    delimited = _find_delimited(lines)
    if delimited is not None:
        return _delimited_table(lines, *delimited)
    if tab_led_count(lines) >= 4:
        cells = tab_led_cells(lines)
        layout = "tab-led"
    else:
        cells = line_cells(lines)
        layout = "line-cells"
    run = _header_run(cells)
    if run is None:
        raise PlanError(name, 0, f"no plan table found: looked for a header row with words such as {_search_words()}")
    start, k = run
    header_cells = cells[start:start + k]
    headers = [c.flat for c in header_cells]
    preamble = [line.strip() for line in lines[: header_cells[0].line - 1]]
    body = _drop_repeated_headers(cells[start + k:], headers)
    if layout == "tab-led":
        width = _choose_width(body, k)
        grid = [row for row in _chunk(body, width) if any(not c.empty for c in row)]
        if grid and len(grid[-1]) < width:
            grid[-1] += [Cell(grid[-1][-1].line, [""])] * (width - len(grid[-1]))
        headers = _spread_header(headers, grid, width)
        roles = _roles(headers, grid)
        rows, seq_items = _grid_rows(headers, roles, grid)
    else:
        roles = [header_role(h) or "task" for h in headers]
        rows, seq_items = _line_rows(headers, roles, body), True
    return Table(
        layout=layout, header_line=header_cells[0].line, headers=headers, roles=roles, rows=rows,
        preamble=preamble, seq_numbers_items=seq_items,
        has_deadline="deadline" in roles, has_progress="progress" in roles,
    )


def _find_delimited(lines: list[str]) -> tuple[int, str] | None:
    """(line index, delimiter) of a header row whose cells are separated by TAB or comma."""
    for i, line in enumerate(lines):
        for delim in ("\t", ","):
            fields = [f for f in line.split(delim)]
            if len([f for f in fields if f.strip()]) >= 2 and line.lstrip(" ")[:1] != "\t":
                cells = [Cell(i + 1, [f.strip('"')]) for f in fields if f.strip()]
                if looks_like_header(cells):
                    return i, delim
    return None


def _delimited_table(lines: list[str], first: int, delim: str) -> Table:
    all_rows = delimited_rows(lines, delim, first)
    header_cells = [c for c in all_rows[0]]
    while header_cells and header_cells[-1].empty:
        header_cells.pop()
    headers = [c.flat for c in header_cells]
    grid: list[list[Cell]] = []
    for row in all_rows[1:]:
        if not any(not c.empty for c in row):
            continue
        if [c.flat for c in row[: len(headers)]] == headers:
            continue
        grid.append(row)
    width = Counter(len([c for c in r]) for r in grid).most_common(1)[0][0] if grid else len(headers)
    width = max(width, len(headers))
    grid = [r + [Cell(r[0].line, [""])] * (width - len(r)) for r in grid]
    headers = _spread_header(headers, grid, width)
    roles = _roles(headers, grid)
    rows, seq_items = _grid_rows(headers, roles, grid)
    return Table(
        layout="csv" if delim == "," else "rows", header_line=first + 1, headers=headers, roles=roles,
        rows=rows, preamble=[line.strip() for line in lines[:first]], seq_numbers_items=seq_items,
        has_deadline="deadline" in roles, has_progress="progress" in roles,
    )
