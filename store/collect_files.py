"""The collect sheets as files: .xlsx (openpyxl) and .docx (python-docx) out; back in,
whatever the unit saved them as, through the importer's readers (the door `duban
import` uses).  The libraries are imported inside the functions, so nothing else pays
for them.

The stamp (duban.store.collect.Stamp) travels outside the cells a unit types in: in .xlsx a
hidden sheet, in .docx hidden text before the table; both survive a save as .xls/.doc.
"""

from __future__ import annotations

import json
from pathlib import Path

from duban.store.collect import COLUMNS, Sheet, Stamp
from duban.store.importer.errors import PlanError
from duban.store.messages import Said
from duban.store.sheet_cells import append_row
from duban.store.storage import StoreError

STAMP_SHEET = "duban"
STAMP_MARK = "duban-collect:"
WIDTHS = {"id": 8, "main": 18, "text": 40, "lead": 14, "units": 16, "due": 14, "status": 9, "note": 24,
          "progress": 40}


class CollectFileError(StoreError):
    pass


def write_xlsx(sheet: Sheet, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "进展情况"
    append_row(ws, [sheet.title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    append_row(ws, [header for _, header in COLUMNS])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        append_row(ws, row)  # text stays text: a unit's spreadsheet never runs an item's text
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = wrap
    for n, (key, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = WIDTHS[key]
    ws.freeze_panes = "B3"
    hidden = wb.create_sheet(STAMP_SHEET)
    hidden["A1"] = json.dumps(sheet.stamp.to_doc(), ensure_ascii=False)
    hidden.sheet_state = "hidden"
    _save(wb.save, path)


def write_docx(sheet: Sheet, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from duban.store.docx_style import a4, cjk_fonts, repeat_header

    doc = Document()
    a4(doc.sections[0], portrait=False)  # nine columns: landscape
    cjk_fonts(doc)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(sheet.title).bold = True
    # The stamp rides in hidden text (w:vanish) just before the table, which Word, WPS and
    # LibreOffice keep through every save (.doc too) but never show or print; the
    # importer's Word reader gives it back as the text before the table.
    stamp = STAMP_MARK + json.dumps(sheet.stamp.to_doc(), ensure_ascii=False)
    hidden = doc.add_paragraph()
    hidden.add_run(stamp).font.hidden = True
    _hide_mark(hidden)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, (_, header) in zip(table.rows[0].cells, COLUMNS):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    repeat_header(table.rows[0])
    for row in sheet.rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    doc.core_properties.title = sheet.title
    _save(doc.save, path)


def _hide_mark(paragraph) -> None:  # noqa: ANN001 - a python-docx Paragraph
    """Hide the paragraph mark too, so the hidden stamp leaves no empty line on the page."""
    from docx.oxml import OxmlElement

    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:vanish"))
    paragraph._p.get_or_add_pPr().append(rpr)


def _save(save, path: Path) -> None:  # noqa: ANN001
    """The document, saved into memory, written by the one writer (store/atomic.py)."""
    import io

    from duban.store.atomic import make_dir, write_file

    buffer = io.BytesIO()
    save(buffer)
    try:
        make_dir(path.parent)
        write_file(path, buffer.getvalue())
    except OSError as exc:
        raise CollectFileError(Said("collect_write", "{path}: cannot write ({reason})", path=path,
                                    reason=exc.strerror)) from None


def read(path: Path) -> tuple[list[list[str]], Stamp]:
    """The rows of the tables of a sheet sent back, and its stamp.

    Read through the importer's readers (duban.store.importer.readers), the same door as
    `duban import`: the format is told by the bytes, so a sheet the unit saved as .xls
    (Excel 97, xlrd), .doc (LibreOffice converts it), a web page or a renamed file reads
    the same as the .xlsx/.docx it was sent as.
    """
    from duban.store.importer import MAX_BYTES
    from duban.store.importer.readers import READERS, read_grids, sniff

    if not path.is_file():  # also refuses a FIFO or a device: never read, never blocked on
        raise CollectFileError(Said("collect_missing", "{path}: no such file", path=path))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CollectFileError(Said("collect_unreadable", "{path}: cannot read it ({reason})", path=path,
                                    reason=exc.strerror)) from None
    fmt = sniff(data, path.name)
    if fmt not in READERS or len(data) > MAX_BYTES:
        raise CollectFileError(Said("collect_format", "{path}: expected a .xlsx, .xls, .docx or .doc file", path=path))
    try:
        grids = read_grids(fmt, data, str(path))
    except PlanError:
        raise  # the importer's own one line, naming the file
    except Exception as exc:  # noqa: BLE001 - a damaged file is the sender's mistake: one line
        raise CollectFileError(Said("collect_unreadable", "{path}: cannot read it ({reason})", path=path,
                                    reason=str(exc) or type(exc).__name__)) from None
    return _rows(grids), _stamp(_stamp_text(grids), path)


def _stamp_text(grids: list) -> str | None:  # noqa: ANN001 - readers' Grids
    """The stamp: .xlsx/.xls keep it in the hidden sheet, .docx/.doc in hidden text before the table."""
    for grid in grids:
        if grid.part == "sheet" and grid.name == STAMP_SHEET:
            return next((c.text for row in grid.rows for c in row if c.text.strip()), None)
    for grid in grids:
        for line in grid.preamble:
            if line.strip().startswith(STAMP_MARK):
                return line.strip()[len(STAMP_MARK):]
    return None


def _rows(grids: list) -> list[list[str]]:  # noqa: ANN001
    """Every table holding a header row (a unit's extra sheet of explanations is not one),
    in order; a file without one gives all its rows, for the caller to say so."""
    from duban.store.collect import find_columns

    tables = [[[c.text for c in row] for row in g.rows] for g in grids
              if not (g.part == "sheet" and g.name == STAMP_SHEET)]
    with_header = []
    for rows in tables:
        try:
            find_columns(rows)
        except LookupError:
            continue
        with_header += rows
    return with_header or [row for rows in tables for row in rows]


def _stamp(text: str | None, path: Path) -> Stamp:
    try:
        return Stamp.from_doc(json.loads(text or ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise CollectFileError(Said("collect_no_stamp", "{path}: not a sheet written by duban collect (its "
                                    "stamp is missing or damaged); send the unit a new one", path=path)) from None
