"""Cells → a table: the header row, each column's role, and data rows.

The header is found by its words (vocab/headers.toml); what each column holds is told
by those words first and by the cells where words are ambiguous or the header spans
two columns.  Repeated headers at page breaks and text before and after the table
are left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from store import vocab
from store.importer.cells import (
    Cell,
    delimited_rows,
    line_cells,
    tab_led_cells,
    tab_led_count,
)
from store.importer.errors import PlanError
from store.importer.grid import (
    choose_width,
    chunk,
    column_roles,
    drop_repeated_headers,
    grid_rows,
    spread_header,
)
from store.importer.kinds import (
    Row,
    header_role,
    header_run,
    looks_like_header,
)
from store.importer.line_rows import line_rows
from store.messages import Said


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
    run = header_run(cells)
    if run is None:
        raise PlanError(name, 0, Said("no_table", "no plan table found: looked for a header row with words such as {words}",
                                      words=_search_words()))
    start, k = run
    header_cells = cells[start:start + k]
    headers = [c.flat for c in header_cells]
    preamble = [line.strip() for line in lines[: header_cells[0].line - 1]]
    body = drop_repeated_headers(cells[start + k:], headers)
    if layout == "tab-led":
        width = choose_width(body, k)
        grid = [row for row in chunk(body, width) if any(not c.empty for c in row)]
        if grid and len(grid[-1]) < width:
            grid[-1] += [Cell(grid[-1][-1].line, [""])] * (width - len(grid[-1]))
        headers = spread_header(headers, grid, width)
        roles = column_roles(headers, grid)
        rows, seq_items = grid_rows(headers, roles, grid)
    else:
        roles = [header_role(h) or "task" for h in headers]
        rows, seq_items = line_rows(headers, roles, body), True
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
    headers = spread_header(headers, grid, width)
    roles = column_roles(headers, grid)
    rows, seq_items = grid_rows(headers, roles, grid)
    return Table(
        layout="csv" if delim == "," else "rows", header_line=first + 1, headers=headers, roles=roles,
        rows=rows, preamble=[line.strip() for line in lines[:first]], seq_numbers_items=seq_items,
        has_deadline="deadline" in roles, has_progress="progress" in roles,
    )
