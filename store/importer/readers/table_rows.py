"""Grids of cells → the table interpreter's `Table`: the rows-level entry point.

A reader gives rows already split into cells, with merges explicit; this finds the
header row (below title rows), fills a header cell that spans several columns, drops
repeated header rows and what follows the table (抄送 …), turns a row that is one wide
cell ("一、…" across the table) into a heading, and hands the rest to the same
column-role and row logic as the text importer (grid.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from duban.store.importer.cells import Cell, is_table_end
from duban.store.importer.grid import column_roles, grid_rows
from duban.store.importer.kinds import (
    SEQ_RE,
    Heading,
    Row,
    header_role,
    heading_level,
    looks_like_header,
)
from duban.store.importer.readers import Grid
from duban.store.importer.table import Table


@dataclass
class Found:
    """Where a grid's header is and how plan-like it reads."""

    index: int
    headers: list[str]
    raw: list[str]
    score: tuple[int, int]


def _filled(grid: Grid, r: int) -> list[str]:
    """Row r's cell texts, a cell under a horizontal span taking the text of its origin."""
    out: list[str] = []
    for c, cell in enumerate(grid.rows[r]):
        out.append(out[-1] if grid.spans[r][c] == 0 and out else cell.flat)
    return out


def find_header(grid: Grid, header_row: int | None = None) -> Found | None:
    """The header row: found by its words, or the row the user names (its number as the
    file shows it: the sheet's row, the table's row)."""
    for r, row in enumerate(grid.rows if header_row else grid.rows[:40]):
        cells = [c for c in row if not c.empty]
        if header_row:
            if not row or row[0].line < header_row:
                continue
        elif len(cells) < 2 or not looks_like_header(_dedup(cells)):
            continue
        headers = _filled(grid, r)
        index = r
        # A second header row under cells that span two columns (工作任务 → 主要任务 | 具体任务).
        if r + 1 < len(grid.rows) and any(s > 1 for s in grid.spans[r]):
            below = [c for c in grid.rows[r + 1] if not c.empty]
            if below and all(header_role(c.text) for c in below):
                lower = _filled(grid, r + 1)
                headers = [lo or up for lo, up in zip(lower, headers, strict=False)]
                index = r + 1
        roles = {header_role(h) for h in headers if h}
        units = bool(roles & {"lead", "responsible"})
        return Found(index, headers, [c.flat for c in grid.rows[index]],
                     (len(roles - {None}) + 2 * units, len(grid.rows) - index))
    return None


def _dedup(cells: list[Cell]) -> list[Cell]:
    seen, out = set(), []
    for c in cells:
        if c.flat not in seen:
            seen.add(c.flat)
            out.append(c)
    return out


def continues(grid: Grid, width: int, raw: list[str]) -> bool:
    """A later table that carries the chosen one on (the next page, the next section)."""
    if not grid.rows or max(len(r) for r in grid.rows) != width:
        return False
    first = next((r for r in grid.rows if any(not c.empty for c in r)), None)
    return first is not None and ([c.flat for c in first] == raw or find_header(grid) is None)


def _heading_row(grid: Grid, r: int, width: int, seq_col: int | None) -> Row | None:
    """A row that is one wide cell, perhaps after its number: a heading, not an item."""
    row, spans = grid.rows[r], grid.spans[r]
    filled = [c for c, cell in enumerate(row) if not cell.empty]
    wide = [c for c in filled if spans[c] >= max(2, round(0.6 * (width - (seq_col is not None))))]
    if len(wide) != 1:
        return None
    rest = [c for c in filled if c != wide[0]]
    number = None
    if rest:
        if len(rest) > 1 or rest[0] != seq_col or not SEQ_RE.match(row[rest[0]].flat):
            return None
        number = row[rest[0]].flat
    cell = row[wide[0]]
    if number and heading_level(cell.text) is None:
        first = next(i for i, line in enumerate(cell.lines) if line.strip())
        sep = "、" if number[0] in "一二三四五六七八九十" else "."
        cell = Cell(cell.line, cell.lines[:first] + [number + sep + cell.lines[first].strip()] + cell.lines[first + 1:])
    return Row(line=cell.line, headings=[Heading(None, cell)])


def _split_row(rows: list[list[Cell]], first: list[Cell], seq: int | None) -> bool:
    """A page that starts with the rest of the row the last page ended on: its number
    cell is empty where the table numbers every row."""
    if seq is None or not rows or seq >= len(first) or not first[seq].empty or all(c.empty for c in first):
        return False
    if any(heading_level(c.text) for c in first if not c.empty):
        return False  # a heading row at the top of the page
    numbered = [r for r in rows if seq < len(r) and SEQ_RE.match(r[seq].flat)]
    return len(numbered) >= 3 and not rows[-1][seq].empty and SEQ_RE.match(rows[-1][seq].flat) is not None


def grid_table(grids: list[Grid], layout: str, columns: list[str] | None = None,
               header_row: int | None = None) -> Table | None:
    """The table of the first grid (carried on by the later ones), or None without a header.
    `columns`: the roles the user gave the columns, left to right; `header_row`: the header's row."""
    grid = grids[0]
    found = find_header(grid, header_row)
    if found is None:
        return None
    width = max(len(r) for r in grid.rows)
    rows, spans = list(grid.rows), list(grid.spans)
    seq = next((c for c, h in enumerate(found.headers) if header_role(h) == "seq"), None)
    for more in grids[1:]:
        more_rows, more_spans = list(more.rows), list(more.spans)
        while more_rows and [c.flat for c in more_rows[0]] == found.raw:
            more_rows, more_spans = more_rows[1:], more_spans[1:]
        if more_rows and _split_row(rows, more_rows[0], seq):
            for cell, part in zip(rows[-1], more_rows[0], strict=False):
                if not part.empty:
                    cell.lines = cell.lines + part.lines  # the row goes on: so do its cells
            more_rows, more_spans = more_rows[1:], more_spans[1:]
        rows += more_rows
        spans += more_spans
    merged = Grid(grid.part, grid.name, rows, spans, grid.preamble)
    body: list[int] = []
    for r in range(found.index + 1, len(rows)):
        texts = [c.flat for c in rows[r]]
        if not any(texts) or texts == found.raw or (r == found.index + 1 and texts == found.headers):
            continue
        first = next(t for t in texts if t)
        if is_table_end(first) and sum(1 for t in texts if t) == 1:
            break
        body.append(r)
    keep = list(range(width)) if columns else [
        c for c in range(width) if c < len(found.headers) and found.headers[c]
        or any(c < len(rows[r]) and not rows[r][c].empty for r in body)]
    headers = [found.headers[c] if c < len(found.headers) else "" for c in keep]
    roles_guess = [header_role(h) for h in headers]
    seq_col = keep[roles_guess.index("seq")] if "seq" in roles_guess else None
    grid_part: list[list[Cell]] = []
    order: list[tuple[str, int]] = []
    headings: list[Row] = []
    for r in body:
        heading = _heading_row(merged, r, width, seq_col)
        if heading is not None:
            order.append(("h", len(headings)))
            headings.append(heading)
            continue
        line = next((c.line for c in rows[r] if c.line), r + 1)
        cells = [rows[r][c] if c < len(rows[r]) else Cell(line, [""]) for c in keep]
        order.append(("g", len(grid_part)))
        grid_part.append(cells)
    headers = [h or (headers[i - 1] if i else "") for i, h in enumerate(headers)]
    roles = (list(columns) + ["ignore"] * width)[: len(keep)] if columns else column_roles(headers, grid_part)
    if "task" not in roles:
        return None
    item_rows, seq_items = grid_rows(headers, roles, grid_part)
    out = [headings[i] if kind == "h" else item_rows[i] for kind, i in order]
    preamble = list(grid.preamble) + [" ".join(c.flat for c in rows[r] if not c.empty) for r in range(found.index)]
    header_line = next((c.line for c in rows[found.index] if c.line), found.index + 1)
    return Table(
        layout=layout, header_line=header_line, headers=headers, roles=roles, rows=out, preamble=preamble,
        seq_numbers_items=seq_items, has_deadline="deadline" in roles, has_progress="progress" in roles,
    )
