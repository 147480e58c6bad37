"""The report as a workbook (openpyxl), from the same blocks as every format: the
overview lines on the first sheet, each table on a sheet of its own named after its
heading, with column widths, a frozen header row and a filter."""

from __future__ import annotations

import io
import re

from duban.store.sheet_cells import append_row
from duban.store.text import display_width
from duban.tui.report.blocks import Block, Heading, Lines

MAX_WIDTH = 60  # columns wider wrap


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "表"
    out, n = base, 2
    while out in taken:
        out, n = f"{base[:26]}_{n}", n + 1
    taken.add(out)
    return out


def _number(text: str) -> object:
    """Counts as numbers, shares as fractions shown as %, so a clerk can sum and sort."""
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+(\.\d+)?%", text):
        return float(text[:-1]) / 100
    return text


def to_xlsx(blocks: list[Block]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    front = wb.active
    taken: set[str] = set()
    front.title = _sheet_name("报告", taken)
    heading = ""
    bold = Font(bold=True)
    for block in blocks:
        if isinstance(block, Heading):
            heading = block.text
            if block.level == 1:
                append_row(front, [block.text])
                front["A1"].font = Font(bold=True, size=14)
        elif isinstance(block, Lines):
            for line in block.lines:
                append_row(front, [line])
        else:
            ws = wb.create_sheet(_sheet_name(block.title or heading, taken))
            append_row(ws, [c.header for c in block.columns])
            for cell in ws[1]:
                cell.font = bold
            for n, row in enumerate(block.rows):
                append_row(ws, [_number(c) if block.columns[k].justify == "right" else c for k, c in enumerate(row)])
                if n < len(block.styles) and block.styles[n] == "bold":
                    for cell in ws[ws.max_row]:
                        cell.font = bold
            for k, col in enumerate(block.columns, start=1):
                widest = max([display_width(col.header)] + [display_width(r[k - 1]) for r in block.rows])
                ws.column_dimensions[get_column_letter(k)].width = min(MAX_WIDTH, widest + 2)
                for cells in ws.iter_rows(min_row=2, min_col=k, max_col=k):
                    if col.justify == "right" and isinstance(cells[0].value, float):
                        cells[0].number_format = "0.0%"
                    elif widest > MAX_WIDTH:
                        cells[0].alignment = Alignment(wrap_text=True, vertical="top")
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = ws.dimensions
    front.column_dimensions["A"].width = 80
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
