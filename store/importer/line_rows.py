"""Rows of text copied from a web page, one cell per line: a merged cell appears only
in its first row, so rows are told apart by their numbers and headings, then by the
columns' count; cells missing from a row are placed by what they hold."""

from __future__ import annotations

from duban.store.importer.cells import Cell
from duban.store.importer.kinds import (
    SEQ_RE,
    UNIT_ROLES,
    Heading,
    Row,
    cell_type,
    heading_level,
)


def line_rows(headers: list[str], roles: list[str], cells: list[Cell]) -> list[Row]:
    """Rows of one-cell-per-line text: a merged cell appears only in its first row, so
    rows are told apart by their numbers and headings, then by the columns' count."""
    tasks = [c for c, r in enumerate(roles) if r == "task"]
    item_col = tasks[-1]
    body = [r for r in roles[item_col:] if r not in ("seq",)]
    m = len(body)
    seqs = [i for i, c in enumerate(cells) if SEQ_RE.match(c.flat) and heading_level(c.text) is None]
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
    fits = {"deadline": ("deadline",), "lead": ("units", "text"), "responsible": ("units", "text")}
    if len(content) == len(body) and all(cell_type(c) in fits.get(r, (cell_type(c),)) for r, c in zip(body, content)):
        pairs = list(zip(body, content))
    else:
        pairs = [(body[0], content[0])]
        free = body[1:]
        for cell in content[1:]:
            kind = cell_type(cell)
            want = {"deadline": "deadline", "units": "responsible"}.get(kind or "", "progress")
            role = next((r for r in free if r == want or (want == "responsible" and r in UNIT_ROLES)), None)
            if role is None and kind not in ("text", None):
                role = free[0] if free else None
            # Text that fits no column (the page's footer after the last row) is left out.
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


