"""Excel workbooks → grids, one per sheet: .xlsx with openpyxl, .xls with xlrd.

A merged range keeps its value in its top-left cell and leaves the cells it covers
empty; a date stored as an Excel date reads as 2021年10月30日 (how the office sees it),
a whole number without its ".0"; line breaks inside a cell (Alt+Enter) are its lines.
Row numbers are the sheet's own, so a warning points at the row the user sees.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import Any

from duban.store.importer.cells import Cell
from duban.store.importer.errors import PlanError
from duban.store.importer.readers import Grid
from duban.store.messages import Said
from duban.store.text import strip_controls

MAX_CELLS = 200_000  # a plan sheet is a few thousand cells; a huge used range is formatting


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return f"{value.year}年{value.month}月{value.day}日"
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return strip_controls(str(value)).replace("\r\n", "\n").replace("\r", "\n")


def build_grid(name: str, values: list[list[Any]], merges: list[tuple[int, int, int, int]], first_row: int) -> Grid:
    """`values` from row `first_row` on; merges as (row0, row1, col0, col1), 0-based, ends excluded."""
    width = max((len(r) for r in values), default=0)
    spans = [[1] * width for _ in values]
    covered: set[tuple[int, int]] = set()
    for r0, r1, c0, c1 in merges:
        r0, r1 = r0 - first_row, r1 - first_row
        if r0 < 0 or r0 >= len(values):
            continue
        spans[r0][c0] = c1 - c0
        for r in range(r0, min(r1, len(values))):
            for c in range(c0, min(c1, width)):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
                    if r == r0:
                        spans[r][c] = 0
    rows = []
    for r, raw in enumerate(values):
        line = r + first_row + 1
        rows.append([Cell(line, [""] if (r, c) in covered else value_text(v).split("\n"))
                     for c, v in enumerate(list(raw) + [None] * (width - len(raw)))])
    return Grid("sheet", name, rows, spans)


def _xlsx(data: bytes, name: str) -> list[Grid]:
    import openpyxl  # only when an Excel file is read

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # a damaged package: openpyxl and zipfile raise kinds of their own
        raise PlanError(name, 0, Said("bad_xlsx", "cannot open this Excel file ({error}); is it damaged?",
                                      error=type(exc).__name__)) from None
    grids = []
    for sheet in book.worksheets:
        rows, cols = sheet.max_row or 0, sheet.max_column or 0
        if rows * cols > MAX_CELLS:
            rows = MAX_CELLS // max(cols, 1)
        values = [list(r) for r in sheet.iter_rows(min_row=1, max_row=rows, max_col=cols, values_only=True)]
        merges = [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in sheet.merged_cells.ranges]
        grids.append(build_grid(sheet.title, values, merges, 0))
    return grids


def _xls(data: bytes, name: str) -> list[Grid]:
    import xlrd  # only when an old Excel file is read

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception:
        try:  # formatting info (which holds the merges) is missing from some writers' files
            book = xlrd.open_workbook(file_contents=data)
        except Exception as exc:
            raise PlanError(name, 0, Said("bad_xls", "cannot open this Excel 97 file ({error}); is it damaged?",
                                          error=type(exc).__name__)) from None
    grids = []
    for sheet in book.sheets():
        values = []
        for r in range(min(sheet.nrows, MAX_CELLS // max(sheet.ncols, 1))):
            row = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                    except (ValueError, OverflowError):
                        row.append(cell.value)
                else:
                    row.append(cell.value if cell.ctype != xlrd.XL_CELL_EMPTY else None)
            values.append(row)
        grids.append(build_grid(sheet.name, values, list(sheet.merged_cells), 0))
    return grids


def read(data: bytes, name: str, fmt: str) -> list[Grid]:
    return _xls(data, name) if fmt == "xls" else _xlsx(data, name)
