"""duban report --out FILE.docx / FILE.xlsx: read back with python-docx and openpyxl,
and rendered to PDF by LibreOffice where it is installed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli
from tests.office import convert, office

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")
SAMPLE = ROOT / "tui" / "cli" / "sample_plan.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def plan(cli: Cli) -> Cli:
    cli("import", "--key", "p1", "--year", "2021", str(SAMPLE))
    cli("set", "p1.1", "p1.2", "done")
    cli("set", "p1.3", "doing", "--note", "已起草")
    return cli


def test_docx_report_has_headings_real_tables_merges_and_cjk_fonts(plan: Cli, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    proc = plan("report", "--detail", "--as-of", "2021-11-01", "--out", str(out))
    assert out.is_file() and "Traceback" not in proc.stderr
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    text = plan("report", "--detail", "--as-of", "2021-11-01", "--format", "md").stdout
    assert headings[0] in text and len(headings) >= 5
    overview = document.tables[0]
    assert [c.text for c in overview.rows[1].cells][1] == str(len(plan.json("ls")))
    # every table's header row repeats on each page
    for table in document.tables:
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    # the detail table: a main task spans the row (one cell), a work task spans its items
    detail = document.tables[-1]
    spans = [len({id(c._tc) for c in row.cells}) for row in detail.rows]
    assert 1 in spans
    vmerge = detail._tbl.findall(f".//{W}vMerge")
    assert vmerge  # work tasks with several items are merged vertically
    # eastAsia fonts: 仿宋 for the body, 宋体 for headings; A4 portrait
    normal = document.styles["Normal"].element.rPr.find(f"{W}rFonts")
    assert normal.get(f"{W}eastAsia") == "仿宋"
    head = document.styles["Heading 1"].element.rPr.find(f"{W}rFonts")
    assert head.get(f"{W}eastAsia") == "宋体"
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 2) == 3.17


def test_xlsx_report_has_sheets_widths_frozen_headers_and_filters(plan: Cli, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    plan("report", "--detail", "--as-of", "2021-11-01", "--out", str(out))
    wb = openpyxl.load_workbook(out)
    assert len(wb.sheetnames) >= 5
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws.column_dimensions["A"].width >= 4
    overview = wb.worksheets[1]
    counts = {row[0]: row[1] for row in overview.iter_rows(min_row=2, values_only=True)}
    items = len(plan.json("ls"))
    assert items in counts.values() and isinstance(next(iter(counts.values())), int)
    done = [v for k, v in counts.items() if k == "已完成"]
    assert done == [2]


def test_binary_format_needs_a_file(plan: Cli) -> None:
    proc = plan("report", "--format", "docx", check=False)
    assert proc.returncode == 2 and "--out" in proc.stderr and len(proc.stderr.splitlines()) == 1


@pytest.mark.slow  # a subprocess per command or a LibreOffice start: slow by nature
def test_docx_renders_to_pdf_with_libreoffice(plan: Cli, tmp_path: Path) -> None:
    soffice = office("no PDF rendering here")
    out = tmp_path / "r.docx"
    plan("report", "--detail", "--as-of", "2021-11-01", "--out", str(out))
    assert docx.Document(str(out)).tables  # a Word file, not text under a .docx name
    pdf = convert(soffice, out, "pdf", tmp_path, tmp_path / "lo", timeout=180)
    assert pdf.is_file()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages >= 2  # the detail table runs over a page, its header row repeated
