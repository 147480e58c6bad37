"""Rows of the workbooks duban writes (.xlsx, openpyxl): the ledger, the report and the
collect sheets sent to units.  A plan's text stays text: made XML-safe (openpyxl refuses
a control character, which a hand-edited store may hold) and never a formula (openpyxl
reads a text starting with "=" as one, and the unit's spreadsheet would run it)."""

from __future__ import annotations

from typing import Any

from duban.store.text import xml_safe


def append_row(ws: Any, values: list[Any]) -> None:  # ws: an openpyxl worksheet
    """Append `values` as a row of `ws`, text as text."""
    ws.append([xml_safe(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
