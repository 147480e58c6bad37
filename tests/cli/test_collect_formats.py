"""collect --read takes a returned sheet through the importer's readers (the door `duban
import` uses): a unit that saves the .xlsx as Excel 97 .xls, or renames a file, is read
the same, with no LibreOffice needed for .xls."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import InProcess

openpyxl = pytest.importorskip("openpyxl")
xlwt = pytest.importorskip("xlwt")


def _as_xls(xlsx: Path, xls: Path, progress: dict[str, str]) -> None:
    """What Excel's "save as Excel 97-2003" keeps: both sheets (the stamp sheet hidden),
    the cells as the unit left them."""
    wb = openpyxl.load_workbook(xlsx)
    out = xlwt.Workbook(encoding="utf-8")
    for ws in wb.worksheets:
        sheet = out.add_sheet(ws.title)
        if ws.sheet_state == "hidden":
            sheet.visibility = 1
        header = None
        for r, row in enumerate(ws.iter_rows(values_only=True)):
            cells = list(row)
            if "进展情况" in cells:
                header = cells
            elif header and cells[0] in progress:
                cells[header.index("进展情况")] = progress[cells[0]]
            for c, value in enumerate(cells):
                if value is not None:
                    sheet.write(r, c, value)
    out.save(str(xls))


def _status(run: InProcess, item_id: str) -> str:
    import json

    return json.loads(run("show", item_id, "--json").stdout)["status"]


def test_a_sheet_saved_as_xls_is_read_without_libreoffice(sample: InProcess, tmp_path: Path) -> None:
    out = tmp_path / "out"
    sample("collect", "--unit", "区财政局", "--out", str(out), "--as-of", "2026-11-20")
    rows = list(openpyxl.load_workbook(out / "区财政局.xlsx").active.iter_rows(values_only=True))
    first, second = rows[2][0], rows[3][0]
    xls = out / "区财政局.xls"
    _as_xls(out / "区财政局.xlsx", xls, {first: "已完成，共公开12份", second: "正在推进"})
    no_office = {"PATH": os.path.dirname(os.__file__)}  # no soffice on it: .xls is read by xlrd

    preview = sample("collect", "--read", str(xls), env=no_office).stdout
    assert f"{first}  未开始 → 已完成" in preview and "【区财政局】已完成，共公开12份" in preview
    assert f"{second}  未开始 → 进行中" in preview
    assert _status(sample, first) == "todo"
    sample("collect", "--read", str(xls), "--apply", env=no_office)
    assert _status(sample, first) == "done" and _status(sample, second) == "doing"


def test_a_renamed_file_is_told_by_its_content(sample: InProcess, tmp_path: Path) -> None:
    """An .xlsx a mail client saved as .xls: the bytes say what it is."""
    out = tmp_path / "out"
    sample("collect", "--unit", "区财政局", "--out", str(out), "--as-of", "2026-11-20")
    wb = openpyxl.load_workbook(out / "区财政局.xlsx")
    first = wb.active.cell(3, 1).value
    wb.active.cell(3, 9).value = "已完成"
    renamed = out / "区财政局（已填）.xls"
    wb.save(renamed)
    sample("collect", "--read", str(renamed), "--apply")
    assert _status(sample, first) == "done"


def test_a_plain_text_file_is_one_line(sample: InProcess, tmp_path: Path) -> None:
    text = tmp_path / "reply.xlsx"
    text.write_text("编号\t进展情况\ns.8\t已完成\n", encoding="utf-8")
    ran = sample("collect", "--read", str(text), check=False)
    assert ran.returncode == 2 and "应为 .xlsx、.xls、.docx 或 .doc 文件" in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1
