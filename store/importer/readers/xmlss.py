"""Excel 2003 XML spreadsheets (SpreadsheetML): what many office systems export as
"Excel" (.xls or .xml).  Each Worksheet is a grid; ss:MergeAcross / ss:MergeDown are
merged ranges, ss:Index skips cells and rows, DateTime data reads as a date."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from duban.store.importer.errors import PlanError
from duban.store.importer.readers import Grid
from duban.store.importer.readers.excel import MAX_CELLS, build_grid
from duban.store.messages import Said

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
MAX_COLS = 200


def _int(el: Any, attr: str, default: int) -> int:
    try:
        return int(el.get(SS + attr, default))
    except (TypeError, ValueError):
        return default


def _value(cell: Any) -> Any:
    data = cell.find(SS + "Data")
    if data is None:
        return None
    text = "".join(data.itertext())
    kind = data.get(SS + "Type", "String")
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text[:19])
        except ValueError:
            return text
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def _sheet(ws: Any) -> Grid:
    values: list[list[Any]] = []
    merges: list[tuple[int, int, int, int]] = []
    table = ws.find(SS + "Table")
    r = -1
    for row in (table.iter(SS + "Row") if table is not None else []):
        r = min(_int(row, "Index", r + 2) - 1, r + MAX_CELLS // MAX_COLS)
        if r < len(values):
            r = len(values)
        while len(values) <= r:
            values.append([])
        c = -1
        for cell in row.iter(SS + "Cell"):
            c = _int(cell, "Index", c + 2) - 1
            if not 0 <= c < MAX_COLS:
                break
            out = values[r]
            out.extend([None] * (c + 1 - len(out)))
            out[c] = _value(cell)
            across, down = max(0, _int(cell, "MergeAcross", 0)), max(0, _int(cell, "MergeDown", 0))
            across = min(across, MAX_COLS - 1 - c)
            if across or down:
                merges.append((r, r + down + 1, c, c + across + 1))
            c += across
        if len(values) * MAX_COLS > MAX_CELLS:
            break
    width = max((len(v) for v in values), default=0)
    return build_grid(ws.get(SS + "Name", ""), [v + [None] * (width - len(v)) for v in values], merges, 0)


def read(data: bytes, name: str, fmt: str) -> list[Grid]:
    from lxml import etree  # only when such a file is read

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PlanError(name, 0, Said("bad_xls", "cannot open this Excel 97 file ({error}); is it damaged?",
                                      error=type(exc).__name__)) from None
    if root is None:
        raise PlanError(name, 0, Said("bad_xls", "cannot open this Excel 97 file ({error}); is it damaged?",
                                      error="empty"))
    return [_sheet(ws) for ws in root.iter(SS + "Worksheet")]
