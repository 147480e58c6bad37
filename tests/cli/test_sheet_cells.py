"""Every workbook duban writes keeps a plan's text as text (store/sheet_cells.py): the
ledger did, the collect sheets sent to units and the report's workbook did not — a text
starting with "=" became a formula the spreadsheet runs when the unit opens the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import InProcess

PLAN = ("某区2026年政务公开任务\n序号\t工作任务\t牵头单位\t完成时限\n"
        "1\t=HYPERLINK(\"http://example.invalid\",\"点此查看\")公开预算\t区财政局负责\t年底前\n"
        "2\t公开决算\t区财政局负责\t年底前\n")
FORMULA = '=HYPERLINK("http://example.invalid","点此查看")公开预算'


def _cells(path: Path) -> list:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value == FORMULA]


@pytest.fixture
def stocked(run: InProcess, tmp_path: Path) -> InProcess:
    plan = tmp_path / "plan.tsv"
    plan.write_text(PLAN, encoding="utf-8")
    run("import", "--year", "2026", str(plan))
    return run


def test_the_collect_sheet_keeps_a_formula_looking_text_as_text(stocked: InProcess, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stocked("collect", "--unit", "区财政局", "--out", str(out), "--as-of", "2026-03-01")
    cells = _cells(next(out.glob("*.xlsx")))
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_report_workbook_keeps_a_formula_looking_text_as_text(stocked: InProcess, tmp_path: Path) -> None:
    book = tmp_path / "report.xlsx"
    stocked("report", "--as-of", "2027-01-10", "--out", str(book))  # overdue: the text in a cell of its own
    cells = _cells(book)
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_ledger_keeps_a_formula_looking_text_as_text(stocked: InProcess, tmp_path: Path) -> None:
    book = tmp_path / "ledger.xlsx"
    stocked("ls", "--format", "xlsx", "--out", str(book))
    cells = _cells(book)
    assert cells and all(c.data_type == "s" for c in cells)
