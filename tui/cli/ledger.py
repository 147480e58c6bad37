"""The ledger (台账): `duban ls --format csv|xlsx`, every listed item as one row.

CSV is written as UTF-8 with a byte-order mark: Excel on a Chinese Windows opens a CSV
without one in the ANSI code page (GBK) and shows mojibake; with it, Excel reads UTF-8.
The .xlsx (openpyxl, imported only here) has column widths, a frozen header and filters.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from pathlib import Path

from duban.store import workdays
from duban.store.messages import Said
from duban.store.model import Item
from duban.store.queries import View, is_overdue
from duban.store.sheet_cells import append_row
from duban.tui.errors import UserError
from duban.tui.settings.i18n import Labels

# Widths in Excel's units (about one Latin character; a Chinese character needs two).
WIDTHS = {"id": 10, "plan": 8, "main": 24, "work": 24, "text": 60, "lead": 18, "units": 24, "deadline": 18,
          "due": 12, "status": 8, "overdue": 8, "workdays_left": 10, "note": 40}


def header(t: Labels) -> list[str]:
    return [t("col.id"), t("ledger.plan"), t("ledger.main"), t("ledger.work"), t("col.text"), t("ledger.lead"),
            t("ledger.units"), t("ledger.deadline"), t("ledger.due"), t("col.status"), t("ledger.overdue"),
            t("ledger.workdays_left"), t("ledger.note")]


def row(t: Labels, view: View, item: Item, as_of: date) -> list[object]:
    late = is_overdue(item, as_of)
    left = None if item.status == "done" else workdays.between(as_of, item.deadline.due_date, "working")
    return [item.id, item.plan, view.node_label(item, 1), view.node_label(item, 2), item.text,
            "、".join(item.lead_units), "、".join(item.responsible),
            item.deadline.raw, item.deadline.due_date, t.status(item.status), t("ledger.yes" if late else "ledger.no"),
            left, item.note or ""]


def as_csv(t: Labels, view: View, items: list[Item], as_of: date) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as Excel writes it
    writer.writerow(header(t))
    for item in items:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v
                         for v in row(t, view, item, as_of)])
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(t: Labels, view: View, items: list[Item], as_of: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = t("ledger.sheet")
    append_row(ws, header(t))
    for item in items:
        append_row(ws, row(t, view, item, as_of))  # text stays text (store/sheet_cells.py)
    for n, key in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(n)].width = WIDTHS[key]
    for cell in ws[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
        line[8].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "B2"  # the header and the id stay in view
    ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_ledger(t: Labels, view: View, items: list[Item], as_of: date, fmt: str, out: str | None) -> int:
    data = as_csv(t, view, items, as_of) if fmt == "csv" else as_xlsx(t, view, items, as_of)
    if out is None:
        if fmt == "xlsx" and sys.stdout.isatty():
            raise UserError(Said("ledger_tty", "an .xlsx file is not for the terminal: add --out FILE.xlsx"))
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    path = Path(out)
    if path.suffix.lower() != f".{fmt}":
        raise UserError(t("remind.bad_out", path=path, format=fmt))
    from duban.tui.report.build import write_out

    write_out(path, data, streams=False)
    print(t("ledger.written", path=path, count=len(items)), file=sys.stderr)
    return 0
