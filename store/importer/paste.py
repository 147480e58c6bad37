"""A table copied from a browser: TAB between cells, one row per line, except that a
cell holding several paragraphs spills its further lines onto the next lines, and a
cell spanning several rows is given only in its first row (so rows below are short).
Text with quoted cells (a spreadsheet's copy) arrives here already whole."""

from __future__ import annotations

import re

from store.importer.cells import Cell, is_table_end
from store.importer.kinds import SEQ_RE, cell_type, heading_level

_ITEM_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.．、]")


def starts_row(text: str) -> bool:
    """A cell that only ever begins a row: a number (1 / 1. / 一、 / （一）)."""
    flat = text.strip()
    return bool(SEQ_RE.match(flat) or _ITEM_NUMBER.match(flat) or heading_level(flat))


def _continues(row: list[Cell], fields: list[Cell], width: int) -> bool:
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
    if len(fields) == 1 or first.flat[0] in "（(":
        return True  # a line with no TAB, or a bracket: the last cell's next paragraph
    # A line with TABs after a short row: its first part continues the row's last cell
    # when both hold the same kind of thing (unit names, text), or when the two make
    # the row exactly whole; a row made short by a spanning cell ends in another kind.
    before, after = cell_type(row[-1]), cell_type(first)
    if before == after:
        return True
    return len(row) + len(fields) - 1 == width and {before, after} <= {"text", "units"}


def join_spilled(records: list[list[Cell]], width: int) -> list[list[Cell]]:
    """Records (the header first) with spilled lines put back into their cells."""
    if not records:
        return records
    out = [records[0]]
    for fields in records[1:]:
        if fields and is_table_end(fields[0].text):
            break  # 抄送 … after the table
        if not any(not c.empty for c in fields):
            out.append(fields)
            continue
        row = out[-1]
        if len(out) > 1 and any(not c.empty for c in row) and _continues(row, fields, width):
            row[-1] = Cell(row[-1].line, row[-1].lines + fields[0].lines)
            row.extend(fields[1:])
        else:
            out.append(fields)
    return out
