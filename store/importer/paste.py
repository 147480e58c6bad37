"""A table copied from a browser: TAB between cells, one row per line, except that a
cell holding several paragraphs spills its further lines onto the next lines, and a
cell spanning several rows is given only in its first row (so rows below are short).
Text with quoted cells (a spreadsheet's copy) arrives here already whole."""

from __future__ import annotations

import re

from duban.store.importer.cells import Cell, is_table_end
from duban.store.importer.kinds import SEQ_RE, cell_type, heading_level

_ITEM_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.．、]")


def starts_row(text: str) -> bool:
    """A cell that only ever begins a row: a number (1 / 1. / 一、 / （一）)."""
    flat = text.strip()
    return bool(SEQ_RE.match(flat) or _ITEM_NUMBER.match(flat) or heading_level(flat))


def _broken_name(before: str | None, first: Cell) -> bool:
    """"区政务服务" / "管理中心": the rest of a unit name, or a bracket that belongs above."""
    flat = first.flat
    return flat[:1] in "（(" or (before in ("units", "text") and len(flat) <= 8 and "。" not in flat
                                 and cell_type(first) == "units")


def _continues(row: list[Cell], fields: list[Cell], width: int, numbered: bool, following: list[Cell]) -> bool:
    first = fields[0]
    if first.empty or len(fields) >= width:
        return False
    if starts_row(first.text):
        # "2.…" may be the second point of a cell ("1.…" / "2.…"): so when the row so far
        # is only text and this line completes it exactly.
        return (_ITEM_NUMBER.match(first.text) is not None and len(row) + len(fields) - 1 == width
                and all(cell_type(c) in ("text", "seq", None) for c in row) and cell_type(row[-1]) == "text")
    if len(row) + len(fields) - 1 > width:
        return False
    if numbered:
        return True  # every row starts with its number: a line without one goes on with the row
    before, after = cell_type(row[-1]), cell_type(first)
    if _broken_name(before, first):
        return True
    if len(fields) == 1:
        # The last cell's next paragraph, when it is the same kind of thing (unit names, text);
        # text under a deadline or unit cell is the next row, its other cells spanned from above.
        if before != after:
            return False
        if after == "text" and not any(cell_type(c) in ("units", "deadline") for c in row):
            # Text after a row that has only text so far: a paragraph of a middle cell when
            # the next line brings the rest of the row; else rows whose other cells span.
            return len(following) >= 2 and len(row) + len(following) - 1 == width
        return True
    # A line with TABs after a short row goes on with its last cell only for unit names:
    # a text line is rather the next row of a table whose first cells span several rows.
    return before == after == "units"


def join_spilled(records: list[list[Cell]], width: int) -> list[list[Cell]]:
    """Records (the header first) with spilled lines put back into their cells."""
    if not records:
        return records
    body = [r for r in records[1:] if len([c for c in r if not c.empty]) >= max(2, width // 2)]
    numbered = bool(body) and sum(1 for r in body if SEQ_RE.match(r[0].flat)) >= 0.5 * len(body)
    out = [records[0]]
    for at, fields in enumerate(records[1:], 1):
        following = records[at + 1] if at + 1 < len(records) else []
        if fields and is_table_end(fields[0].text):
            break  # 抄送 … after the table
        if not any(not c.empty for c in fields):
            out.append(fields)
            continue
        row = out[-1]
        if len(out) > 1 and any(not c.empty for c in row) and _continues(row, fields, width, numbered, following):
            row[-1] = Cell(row[-1].line, row[-1].lines + fields[0].lines)
            row.extend(fields[1:])
        else:
            out.append(fields)
    return out
