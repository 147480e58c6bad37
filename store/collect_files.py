"""The collect sheets as files: .xlsx (openpyxl) and .docx (python-docx) out; the same,
or .xls/.doc (converted by LibreOffice), back in.  Both libraries are imported here,
inside the functions, so nothing else pays for them.

The stamp (duban.store.collect.Stamp) travels outside the cells a unit types in: in .xlsx a
hidden sheet, in .docx the document's comments property; both survive a LibreOffice
round trip through .xls/.doc.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from duban.store.collect import COLUMNS, Sheet, Stamp
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
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, (_, header) in zip(table.rows[0].cells, COLUMNS):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    repeat_header(table.rows[0])
    for row in sheet.rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    stamp = STAMP_MARK + json.dumps(sheet.stamp.to_doc(), ensure_ascii=False)
    doc.core_properties.comments = stamp
    # A .doc keeps no comments property: the stamp also rides in hidden text (w:vanish),
    # which Word and LibreOffice keep through every save but never show or print.
    run = doc.add_paragraph().add_run(stamp)
    run.font.hidden = True
    doc.core_properties.title = sheet.title
    _save(doc.save, path)


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
    """The rows of the first table of a sheet sent back, and its stamp."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise CollectFileError(Said("collect_missing", "{path}: no such file", path=path))
    if suffix in (".xls", ".doc"):
        with tempfile.TemporaryDirectory(prefix="duban-collect-") as folder:
            converted = _convert(path, Path(folder), "xlsx" if suffix == ".xls" else "docx")
            try:
                return read(converted)
            except CollectFileError as exc:  # name the unit's file, not the temporary copy
                said = exc.args[0]
                english = str(said).replace(str(converted), str(path)).replace("{", "{{").replace("}", "}}")
                raise CollectFileError(Said(said.code, english, **{**said.fields, "path": path})) from None
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path)
        if suffix == ".docx":
            return _read_docx(path)
    except CollectFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file is the sender's mistake: one line
        raise CollectFileError(Said("collect_unreadable", "{path}: cannot read it ({reason})", path=path,
                                    reason=str(exc) or type(exc).__name__)) from None
    raise CollectFileError(Said("collect_format", "{path}: expected a .xlsx, .xls, .docx or .doc file", path=path))


def _convert(path: Path, folder: Path, to: str) -> Path:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise CollectFileError(Said("collect_no_office", "{path}: reading {ext} needs LibreOffice (soffice), "
                                    "which is not installed; save it as .{to} instead", path=path,
                                    ext=path.suffix, to=to))
    profile = folder / "profile"  # its own profile: another soffice running does not block it
    subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
                    "--outdir", str(folder), str(path)], capture_output=True, timeout=120, check=False)
    out = folder / (path.stem + "." + to)
    if not out.is_file():
        raise CollectFileError(Said("collect_convert", "{path}: LibreOffice could not convert it to .{to}",
                                    path=path, to=to))
    return out


def _stamp(text: str | None, path: Path) -> Stamp:
    try:
        return Stamp.from_doc(json.loads(text or ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise CollectFileError(Said("collect_no_stamp", "{path}: not a sheet written by duban collect (its "
                                    "stamp is missing or damaged); send the unit a new one", path=path)) from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path) -> tuple[list[list[str]], Stamp]:
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=True, read_only=True)
    if STAMP_SHEET not in wb.sheetnames:
        raise CollectFileError(Said("collect_no_stamp", "{path}: not a sheet written by duban collect (its "
                                    "stamp is missing or damaged); send the unit a new one", path=path))
    stamp = _stamp(_text(next(wb[STAMP_SHEET].iter_rows(max_row=1, values_only=True), [None])[0]), path)
    ws = wb[wb.sheetnames[0]] if wb.sheetnames[0] != STAMP_SHEET else wb[wb.sheetnames[1]]
    rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return rows, stamp


def _read_docx(path: Path) -> tuple[list[list[str]], Stamp]:
    from docx import Document

    doc = Document(str(path))
    texts = [doc.core_properties.comments or ""] + [p.text for p in reversed(doc.paragraphs)]
    found = next((t for t in texts if t.startswith(STAMP_MARK)), None)
    stamp = _stamp(found[len(STAMP_MARK):] if found else None, path)
    rows: list[list[str]] = []
    for table in doc.tables:
        rows += [[cell.text for cell in row.cells] for row in table.rows]
    return rows, stamp
