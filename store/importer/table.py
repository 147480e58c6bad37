"""Plan text → a table: the header row, each column's role, and data rows.

The header is found by its words (vocab/headers.toml); what each column holds is told
by those words first and by the cells where words are ambiguous or the header spans
two columns.  Repeated headers at page breaks and text before and after the table
are left out.  Text split into rows (TAB or comma) goes through
`duban.store.importer.rows.read_table_from_rows`, the entry every format reader uses; text
with no header row may be a plan written as prose or page fragments (shapes.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from duban.store.importer.cells import (
    Cell,
    delimited_rows,
    line_cells,
    tab_led_cells,
    tab_led_count,
)
from duban.store.importer.grid import (
    choose_width,
    chunk,
    column_roles,
    drop_repeated_headers,
    numbered_rows,
    settle_unit_roles,
    spread_header,
)
from duban.store.importer.kinds import (
    SEQ_RE,
    Row,
    cell_type,
    header_role,
    header_run,
    heading_level,
    looks_like_header,
)
from duban.store.importer.line_rows import line_rows
from duban.store.importer.paste import join_spilled
from duban.store.importer.rows import Options, no_table, read_table_from_rows


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
    seq_restarts: bool = False  # the 序号 column numbers items afresh under each main task
    inherit: bool = True  # an empty deadline cell is merged with the one above (not so in prose)
    notes: list = field(default_factory=list)  # (line, Said) warnings from reading the cells


def read_table(text: str, name: str, options: Options | None = None) -> Table:
    """Plan text → a Table.  Text with TAB- or comma-separated rows goes through
    `duban.store.importer.rows.read_table_from_rows`, the entry format readers use too."""
    opts = options or Options()
    lines = text.split("\n")
    delimited = _find_delimited(lines, opts.header_row, opts.columns)
    if delimited is not None:
        return _delimited_table(lines, *delimited, options=opts, name=name)
    if tab_led_count(lines) >= 4:
        # Rows of TAB-separated cells, each line led by a TAB as well: read as rows.
        unled = [line[1:] if line.startswith("\t") else line for line in lines]
        delimited = _find_delimited(unled, opts.header_row, None)
        if delimited is not None and delimited[1] == "\t":
            return _delimited_table(unled, *delimited, options=opts, name=name)
    spaced = _spaced_header(lines) if tab_led_count(lines) < 4 else None
    if spaced is not None:
        # Text from a PDF or a console: blanks between the cells.  Read as TAB rows.
        lines = lines[:spaced] + [_BLANK_RUN.sub("\t", line.strip(" \u3000")) for line in lines[spaced:]]
        table = _delimited_table(lines, spaced, "\t", options=opts, name=name)
        table.layout = "spaced"
        return table
    if tab_led_count(lines) >= 4:
        cells = tab_led_cells(lines)
        layout = "tab-led"
    else:
        cells = line_cells(lines)
        layout = "line-cells"
    start_at = next((i for i, c in enumerate(cells) if c.line >= opts.header_row), len(cells)) if opts.header_row else 0
    run = header_run(cells, start_at)
    if run is None:
        from duban.store.importer.shapes import other_shapes

        table = other_shapes(lines, name, opts)
        if table is None:
            raise no_table(name)
        return table
    start, k = run
    header_cells = cells[start:start + k]
    headers = [c.flat for c in header_cells]
    preamble = [line.strip() for line in lines[: header_cells[0].line - 1]]
    after = start + k
    if layout == "tab-led":
        sub = _sub_header(headers, cells[after:after + k + 4])
        if sub is not None:
            headers, after = sub
            after += start + k
    body = drop_repeated_headers(cells[after:], headers)
    restarts = False
    if layout == "tab-led":
        width = len(opts.columns) if opts.columns else choose_width(body, k)
        grid = [row for row in word_rows(body, width, spread_header(headers, chunk(body, width), width)) if any(not c.empty for c in row)]
        if grid and len(grid[-1]) < width:
            grid[-1] += [Cell(grid[-1][-1].line, [""])] * (width - len(grid[-1]))
        headers = spread_header(headers, grid, width)
        roles = list(opts.columns) if opts.columns else column_roles(headers, grid)
        rows, seq_items, restarts = numbered_rows(headers, roles, grid)
    else:
        roles = list(opts.columns) if opts.columns else settle_unit_roles([header_role(h) or "task" for h in headers])
        rows, seq_items = line_rows(headers, roles, body), True
        tasks = [c for c, r in enumerate(roles) if r == "task"]
        roles = ["main" if c in tasks[:-1] else r for c, r in enumerate(roles)]  # headings, for the review
    return Table(
        layout=layout, header_line=header_cells[0].line, headers=headers, roles=roles, rows=rows,
        preamble=preamble, seq_numbers_items=seq_items,
        has_deadline="deadline" in roles, has_progress="progress" in roles, seq_restarts=restarts,
    )


_KIND_OF_ROLE = {"seq": "seq", "deadline": "deadline", "lead": "units", "responsible": "units"}


def word_rows(cells: list[Cell], width: int, headers: list[str]) -> list[list[Cell]]:
    """TAB-led cells → rows of `width` cells.  A heading merged across the whole row is
    written once (one cell): taken as a row of its own where the cells after it then
    line up with the columns (numbers under 序号, deadlines under 完成时限 …) better."""
    kinds = [_KIND_OF_ROLE.get(header_role(h) or "") for h in (headers + [""] * width)[:width]]

    def fit(row: list[Cell]) -> int:
        return sum(1 for cell, kind in zip(row, kinds) if kind and cell_type(cell) == kind)

    rows: list[list[Cell]] = []
    i = 0
    while i < len(cells):
        k = 0  # headings in a row (二、… then （一）…), each merged across the row
        while i + k < len(cells) and heading_level(cells[i + k].text) and not SEQ_RE.match(cells[i + k].flat):
            k += 1
        if k and any(kinds) and fit(cells[i + k:i + k + width]) > fit(cells[i:i + width]):
            rows += [[c] + [Cell(c.line, [""]) for _ in range(width - 1)] for c in cells[i:i + k]]
            i += k
            continue
        rows.append(cells[i:i + width])
        i += width
    return rows


def _sub_header(headers: list[str], window: list[Cell]) -> tuple[list[str], int] | None:
    """A second header row in TAB-led text (its merged cells empty): (header, its length)."""
    from duban.store.importer.rows import fold_subheader

    words = 0
    for n, cell in enumerate(window):
        if not cell.empty and header_role(cell.text) is None:
            break
        words += not cell.empty
        width = len(headers) + words - 1
        if words >= 2 and n + 1 == width:
            folded = fold_subheader(headers, window[:width])
            if folded is not None and len(folded) == width:
                return folded, width
    return None


_BLANK_RUN = re.compile(r"[ \u3000]{2,}|(?<=[^\x00-\xff]) (?=[^\x00-\xff])|(?<=\d) (?=[^\x00-\xff])")


def _spaced_header(lines: list[str]) -> int | None:
    """The index of a header line whose words are separated by blanks (序号  工作任务  …)."""
    for i, line in enumerate(lines):
        parts = [p for p in _BLANK_RUN.split(line.strip(" \u3000")) if p]
        if len(parts) >= 3 and all(len(p) <= 8 for p in parts):
            if looks_like_header([Cell(i + 1, [p]) for p in parts]):
                # Rows below must be spaced too (not one cell per line, as web text is).
                body = [line for line in lines[i + 1:] if line.strip(" \u3000")]
                rows = sum(1 for line in body if len(_BLANK_RUN.split(line.strip(" \u3000"))) >= 2)
                return i if body and rows >= 0.3 * len(body) else None
    return None


def _find_delimited(lines: list[str], header_row: int | None = None,
                    columns: list[str] | None = None) -> tuple[int, str] | None:
    """(line index, delimiter) of a header row whose cells are separated by TAB or comma."""
    if header_row is not None:
        line = lines[header_row - 1] if 0 < header_row <= len(lines) else ""
        for delim in ("\t", ","):
            if len([f for f in line.split(delim) if f.strip()]) >= 2 and line.lstrip(" ")[:1] != "\t":
                return header_row - 1, delim
        return None
    found = _find_header_line(lines)
    if found is None and columns:
        # The user named the columns: the first line with TABs between cells starts the rows.
        return next(((i, "\t") for i, line in enumerate(lines) if "\t" in line.strip(" \t")), None)
    return found


def _find_header_line(lines: list[str]) -> tuple[int, str] | None:
    for i, line in enumerate(lines):
        for delim in ("\t", ","):
            fields = [f for f in line.split(delim)]
            if len([f for f in fields if f.strip()]) >= 2 and line.lstrip(" ")[:1] != "\t":
                cells = [Cell(i + 1, [f.strip('"')]) for f in fields if f.strip()]
                if looks_like_header(cells):
                    return i, delim
    return None


def _delimited_table(lines: list[str], first: int, delim: str, options: Options | None = None, name: str = "") -> Table:
    rows = delimited_rows(lines, delim, first)
    if delim == "\t":
        rows = join_spilled(rows, len([c for c in rows[0] if not c.empty]) if rows else 0)
    # rows[0] is the header line found (or named with --header-row).
    opts = Options(options.columns, header_row=first + 1 if options.header_row else None) if options else None
    return read_table_from_rows(rows, name, preamble=[line.strip() for line in lines[:first]],
                                layout="csv" if delim == "," else "rows", options=opts)
