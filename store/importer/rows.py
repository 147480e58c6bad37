"""Rows of cells → a Table: the entry every format reader plugs into.

`read_table_from_rows(rows, name)` takes a grid as a reader produces it (Word, Excel,
HTML, PDF, or text split into rows): one list of `Cell` per table row, a merged cell
given once (in its first row) with the cells it covers left empty, each cell's lines
kept.  It finds the header row by its words, drops header rows repeated at page breaks
and whatever follows the table (抄送 …), reads heading rows that are a single cell
(一、… / （一）…), places the cells of short rows (a row-spanning cell from a pasted
web table appears only in its first row) by what they hold, and gives each column
its role.  `ColumnsOverride` lets the user name the roles (`--columns`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from duban.store import vocab
from duban.store.importer.cells import Cell, is_table_end
from duban.store.importer.errors import PlanError
from duban.store.importer.kinds import (
    Heading,
    Row,
    cell_type,
    header_role,
    heading_level,
    looks_like_header,
)
from duban.store.messages import Said

ROLE_NAMES = {  # --columns accepts these, in English or Chinese
    "seq": "seq", "序号": "seq", "number": "seq",
    "task": "task", "item": "task", "事项": "task", "任务": "task", "工作任务": "task", "具体事项": "task",
    "main": "main", "主要任务": "main", "work": "work", "heading": "work", "标题": "work",
    "requirement": "requirement", "要求": "requirement", "具体要求": "requirement", "工作要求": "requirement",
    "lead": "lead", "牵头": "lead", "牵头单位": "lead",
    "responsible": "responsible", "责任": "responsible", "责任单位": "responsible", "配合单位": "responsible",
    "deadline": "deadline", "时限": "deadline", "完成时限": "deadline",
    "progress": "progress", "进展": "progress", "进展情况": "progress",
    "ignore": "ignore", "skip": "ignore", "-": "ignore", "忽略": "ignore",
}


def parse_columns(spec: str) -> list[str]:
    """'task,requirement,lead' or '事项，要求，牵头单位' → role names; ValueError names the bad one."""
    roles = []
    for word in spec.replace("，", ",").replace("、", ",").split(","):
        word = word.strip().lower()
        if word not in ROLE_NAMES:
            raise ValueError(word)
        roles.append(ROLE_NAMES[word])
    return roles


@dataclass
class Options:
    """What the user told the importer: roles of the columns, the header's row."""

    columns: list[str] | None = None
    header_row: int | None = None  # 1-based: the row (line, for text) holding the header


def search_words() -> str:
    data = vocab.load("headers")
    return "、".join(data["task"][:3] + data["lead"][:1] + data["responsible"][:1] + data["deadline"][:1])


def no_table(name: str) -> PlanError:
    return PlanError(name, 0, Said(
        "no_table_opts", "no plan table found: looked for a header row with words such as {words}; "
        "name the columns with --columns task,lead,responsible,deadline or the header's line with --header-row N",
        words=search_words()))


def _row_text(row: list[Cell]) -> str:
    return " ".join(c.flat for c in row if not c.empty)


def find_header(rows: list[list[Cell]], opts: Options) -> int | None:
    if opts.header_row is not None:
        for i, row in enumerate(rows):
            if row and row[0].line >= opts.header_row:
                return i
        return None
    for i, row in enumerate(rows):
        filled = [c for c in row if not c.empty]
        if len(filled) >= 2 and looks_like_header(filled):
            return i
    if opts.columns:
        # The user named the columns: the first row as wide as that is the first data row.
        return next((i - 1 for i, r in enumerate(rows) if len([c for c in r if not c.empty]) >= len(opts.columns) - 1), None)
    return None


_NUMBERED_TITLE = re.compile(r"^\s*\d{1,2}\s*[、.．]\s*\S")


def fold_subheader(headers: list[str], sub: list[Cell]) -> list[str] | None:
    """A second header row under a spanning cell (责任单位 over 牵头单位 | 配合单位):
    the header with the parent replaced by its parts, or None when `sub` is not one.
    `sub` holds the second row's cells, empty where the first row's cells span down."""
    words = [c.flat for c in sub if not c.empty]
    if not words or any(header_role(w) is None for w in words) or words == [h for h in headers if h]:
        return None
    if len(sub) == len(headers) and any(c.empty for c in sub):
        # Positional (a grid): an empty cell keeps the header above; the spanning header's
        # continuation cells (empty in the first row) take their sub header.
        return [c.flat or (headers[i] if i < len(headers) else "") for i, c in enumerate(sub)]
    parents = [i for i, h in enumerate(headers) if header_role(h) in ("lead", "responsible", "task")]
    unit_subs = [w for w in words if header_role(w) in ("lead", "responsible")]
    parent = next((i for i in parents if header_role(headers[i]) in ("lead", "responsible")), None)
    if parent is None or len(unit_subs) != len(words):
        return None
    return headers[:parent] + words + headers[parent + 1:]


def is_heading_row(row: list[Cell], width: int) -> Cell | None:
    """A row that is one heading cell and nothing else: numbered 一、… / （一）…, or, alone
    on a pasted line of a wider table, a short title (perhaps numbered 1、) without a full stop."""
    filled = [c for c in row if not c.empty]
    if len(filled) != 1:
        return None
    text = filled[0].flat
    if heading_level(text):
        return filled[0]
    if len(row) == 1 and width >= 3 and len(text) <= 40 and not text.endswith(("。", "；", ";")) \
            and (_NUMBERED_TITLE.match(text) or len(text) <= 30 and cell_type(filled[0]) == "text"):
        return filled[0]  # alone on a pasted line of a wider table, short, no full stop: a title
    return None


def column_kinds(rows: list[list[Cell]], width: int) -> list[str | None]:
    """Each column's usual kind of cell, from rows that have every column."""
    counts = [Counter() for _ in range(width)]
    for row in rows:
        if len(row) != width:
            continue
        for col, cell in enumerate(row):
            kind = cell_type(cell)
            if kind:
                counts[col][kind] += 1
    return [c.most_common(1)[0][0] if c else None for c in counts]


def place_short_row(row: list[Cell], kinds: list[str | None], item_col: int | None = None) -> list[Cell]:
    """Cells of a row that lacks some columns, placed where their kinds fit; the missing
    ones (left empty, so they inherit from above) are rather leftmost: spanning cells are
    headings more often than anything else."""
    width, k = len(kinds), len(row)
    if k >= width:
        return row
    found = [cell_type(c) for c in row]
    best: tuple[tuple[int, bool, int], tuple[int, ...]] | None = None
    choices = combinations(range(width), k) if _ncr(width, k) <= 2000 else [tuple(range(k))]
    for cols in choices:
        score = sum((2 if f == kinds[c] else 0) if f else 1 for f, c in zip(found, cols))
        key = (score, item_col in cols, sum(cols))  # a lone text is the item, its headings spanned
        if best is None or key > best[0]:
            best = (key, cols)
    assert best is not None
    line = row[0].line if row else 0
    out = [Cell(line, [""]) for _ in range(width)]
    for cell, col in zip(row, best[1]):
        out[col] = cell
    return out


def _ncr(n: int, k: int) -> int:
    from math import comb

    return comb(n, k)


def read_table_from_rows(rows: list[list[Cell]], name: str, preamble: list[str] | None = None,
                         layout: str = "rows", options: Options | None = None):
    """Rows of cells (a reader's grid) → a `duban.store.importer.table.Table`.  Raises PlanError
    naming the header words it looked for when no header row is found."""
    from duban.store.importer.grid import column_roles, numbered_rows, spread_header
    from duban.store.importer.table import Table

    opts = options or Options()
    at = find_header(rows, opts)
    if at is None:
        raise no_table(name)
    header_cells = rows[at] if at >= 0 else []
    headers = [c.flat for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    header_line = header_cells[0].line if header_cells else (rows[0][0].line if rows and rows[0] else 1)
    lead_in = [_row_text(r) for r in rows[:max(at, 0)]]
    if at >= 0 and at + 1 < len(rows):
        folded = fold_subheader(headers, rows[at + 1])
        if folded is not None:
            headers, at = folded, at + 1
    grid: list[list[Cell]] = []
    headings: dict[int, Cell] = {}
    for row in rows[at + 1:]:
        filled = [c for c in row if not c.empty]
        if not filled:
            continue
        if [c.flat for c in row[: len(headers)]] == headers:
            continue
        if is_table_end(filled[0].text.split("\n")[0]) and len(filled) <= 2:
            break
        heading = is_heading_row(row, len(headers))
        if heading is not None:
            headings[len(grid)] = heading
            grid.append([])
            continue
        grid.append(row)
    full = Counter(len(r) for r in grid if r)
    width = max(len(headers), len(opts.columns or []), full.most_common(1)[0][0] if full else 0)
    kinds = column_kinds(grid, width)
    named = [header_role(h) for h in headers]
    item_col = max((c for c, r in enumerate(named) if r == "task"), default=None)  # the rightmost task column
    grid = [place_short_row(r, kinds, item_col) if r and len(r) < width else r for r in grid]
    if opts.columns:
        headers = (headers + [""] * width)[:width]
        roles = (opts.columns + ["ignore"] * width)[:width]
    else:
        headers = spread_header(headers, [r for r in grid if r], width)
        roles = column_roles(headers, [r for r in grid if r])
    table_rows, seq_items, restarts = numbered_rows(headers, roles, [r for r in grid if r])
    out: list[Row] = []
    it = iter(table_rows)
    for i, r in enumerate(grid):
        if r:
            out.append(next(it))
        else:
            out.append(Row(line=headings[i].line, headings=[Heading(None, headings[i])]))
    return Table(
        layout=layout, header_line=header_line, headers=headers, roles=roles, rows=out,
        preamble=(preamble or []) + lead_in, seq_numbers_items=seq_items,
        has_deadline="deadline" in roles, has_progress="progress" in roles, seq_restarts=restarts,
    )
