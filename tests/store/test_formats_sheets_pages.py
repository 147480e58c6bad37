"""Excel (.xlsx, .xls), saved web pages, PDF, and the older files LibreOffice converts."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from duban.store.importer import PlanError, read_plan
from duban.store.importer.readers.sniff import sniff
from tests.store import formats_writers as w
from tests.store.formats_sample import AFTER, EXPECTED, NOTICE, sheet, summary

# -- Excel


def test_xlsx_the_plan_sheet_is_found_below_title_rows_after_a_cover_sheet(tmp_path: Path) -> None:
    path = w.write_xlsx(sheet(), tmp_path / "plan.xlsx", before=["填报说明：每月5日前报送进展。", "联系人：张三"])
    result = read_plan(path, "p")
    assert summary(result) == EXPECTED
    assert result.plan.title == "某区2022年政务公开工作任务分解表"
    assert result.where == "sheet 任务分解表"
    assert result.items[0].line == 3, "row numbers are the sheet's own"


def test_xlsx_sheet_option_and_a_wrong_name_lists_the_sheets(tmp_path: Path) -> None:
    path = w.write_xlsx(sheet(), tmp_path / "plan.xlsx", before=["填报说明"])
    assert summary(read_plan(path, "p", sheet="任务分解表")) == EXPECTED
    with pytest.raises(PlanError, match="no sheet named '计划'; the sheets are: 填报说明、任务分解表"):
        read_plan(path, "p", sheet="计划")
    with pytest.raises(PlanError, match="no header row with plan words"):
        read_plan(path, "p", sheet="填报说明")


def test_xlsx_dates_stored_as_dates_are_deadlines(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["某区2022年政务公开工作任务表"])
    ws.append(["序号", "工作任务", "责任单位", "完成时间"])
    ws.append([1, "公开部门预算。", "区财政局", dt.datetime(2022, 6, 30)])
    ws.append([2, "公开部门决算。", "区财政局", dt.date(2022, 9, 15)])
    ws.append([3.0, "更新政策解读。", "区政府办公室", "年底前"])
    ws["D3"].number_format = "yyyy/m/d"
    path = tmp_path / "dates.xlsx"
    book.save(path)
    items = read_plan(path, "p").items
    assert [(i.number, i.deadline.due, i.deadline.kind) for i in items] == [
        ("1", "2022-06-30", "date"), ("2", "2022-09-15", "date"), ("3", "2022-12-31", "date")]


def test_xls_merged_ranges(tmp_path: Path) -> None:
    pytest.importorskip("xlwt", reason="xlwt writes the .xls files of this test")
    path = w.write_xls(sheet(), tmp_path / "plan.xls")
    assert sniff(path.read_bytes()) == "xls"
    assert summary(read_plan(path, "p")) == EXPECTED


# -- web pages


def _spans_sheet() -> w.Sheet:
    s = sheet(notice=NOTICE, after=AFTER)
    s.headers = ["序号", "工作任务", "具体事项", "牵头单位", "责任单位", "完成时限"]
    rows: list = []
    for row in s.rows:
        if row[1]:
            rows.append(w.Span(row[1]))
        rows.append([row[0]] + row[2:])
    s.rows = rows
    return s


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "utf-8"])
def test_html_page_in_its_meta_charset_with_colspan_heading_rows(charset: str, tmp_path: Path) -> None:
    path = w.write_html(_spans_sheet(), tmp_path / "page.htm", encoding=charset)
    result = read_plan(path, "p")
    assert summary(result) == EXPECTED
    assert result.plan.title == "某区2022年政务公开工作任务分解表", "the nav's and footer's years are not the title"


def test_html_plan_table_nested_in_a_layout_table(tmp_path: Path) -> None:
    from lxml import etree

    inner = w.html_text(sheet())
    body = inner[inner.index("<table"):inner.index("</table>") + len("</table>")]
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>'
        '<table width="100%"><tr><td>首页</td><td>机构概况</td><td>政务公开</td></tr></table>'
        '<table><tr><td class="left">栏目导航<br>通知公告</td><td><div class="title">'
        "某区2022年政务公开工作任务分解表</div>" + body + "</td></tr></table>"
        "<div>主办：某区人民政府办公室</div></body></html>"
    )
    etree.fromstring(page, etree.HTMLParser())  # a page lxml itself reads
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    result = read_plan(path, "p")
    assert summary(result) == EXPECTED
    assert result.plan.title == "某区2022年政务公开工作任务分解表"


def test_html_cell_paragraphs_and_line_breaks_are_lines(tmp_path: Path) -> None:
    from lxml import html

    from duban.store.importer.readers.web import cell_lines

    td = html.fragment_fromstring("<td>公开预算<br>公开决算<p>第三段</p>  <span>续</span>\n写</td>")
    assert cell_lines(td) == ["公开预算", "公开决算", "第三段", "续 写"]


# -- PDF


def test_pdf_ruled_table_across_pages_with_its_header_on_each(tmp_path: Path) -> None:
    pytest.importorskip("reportlab", reason="reportlab draws the test PDF")
    s = _spans_sheet()
    rows = []
    for k in range(5):  # the sample five times over: several pages
        for row in s.rows:
            if isinstance(row, w.Span):
                if not k:
                    rows.append(row)
            else:
                rows.append([str(k * 8 + int(row[0]))] + row[1:])
    s.rows = rows
    path = w.write_pdf(s, tmp_path / "plan.pdf")
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
    result = read_plan(path, "p")
    assert len(result.items) == 40
    assert [i.number for i in result.items] == [str(n) for n in range(1, 41)]
    assert summary(result)[:8] == EXPECTED
    assert len(result.plan.main_tasks) == 2


def test_pdf_without_a_text_layer_is_a_scan(tmp_path: Path) -> None:
    pytest.importorskip("reportlab", reason="reportlab draws the test PDF")
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for y in range(100, 700, 40):  # what a scan holds: marks, no characters
        c.rect(72, y, 400, 30)
    c.save()
    with pytest.raises(PlanError, match="no text layer"):
        read_plan(path, "p")


# -- older Word and WPS files


def _ole(stream: str) -> bytes:
    """The head of an OLE compound file naming one stream (what Word 97 and WPS write)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + stream.encode("utf-16-le") + b"\0" * 512


def test_sniffing_by_content() -> None:
    assert sniff(_ole("WordDocument"), "x.wps") == "doc"
    assert sniff(_ole("Workbook"), "x.doc") == "xls"
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"{\\rtf1\\ansi ...}") == "doc"
    assert sniff("<!DOCTYPE html><html><body><table>".encode()) == "html"
    assert sniff("\ufeff<html>".encode("utf-16")) == "html"
    assert sniff("序号\t工作任务\t责任单位\n".encode()) == "text"
    assert sniff(b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">') == "xmlss"
    assert sniff("<html><body><table><tr><td>序号</td></tr></table>".encode(), "导出.xls") == "html"
    assert sniff(b"PK\x03\x04 not really a zip") == "text"


@pytest.mark.parametrize("name", ["plan.doc", "plan.wps"])
def test_old_word_without_libreoffice_says_save_as_docx(name: str, tmp_path: Path, monkeypatch) -> None:
    from duban.store.importer.readers import convert

    monkeypatch.setattr(convert, "office", lambda: None)  # as on a machine without LibreOffice
    path = tmp_path / name
    path.write_bytes(_ole("WordDocument"))
    with pytest.raises(PlanError, match=r"save it as \.docx") as err:
        read_plan(path, "p")
    assert "\n" not in str(err.value)


@pytest.mark.slow  # a subprocess per command or a LibreOffice start: slow by nature
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice (soffice) is not installed: .doc/.wps conversion cannot run here")
def test_old_word_is_converted_by_libreoffice(tmp_path: Path) -> None:
    import subprocess

    docx_path = w.write_docx(sheet(notice=NOTICE, after=AFTER), tmp_path / "plan.docx")
    program = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([program, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "out"), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    assert summary(read_plan(tmp_path / "out" / "plan.doc", "p")) == EXPECTED


def test_a_row_split_across_pages_is_joined_again() -> None:
    """Word lets a tall row break across pages: the next page starts with its rest, under
    the repeated header, with the number cell empty."""
    from duban.store.importer.cells import Cell
    from duban.store.importer.plan import build_plan
    from duban.store.importer.readers import Grid
    from duban.store.importer.readers.table_rows import grid_table

    header = ["序号", "具体事项", "牵头单位", "完成时限"]

    def grid(rows: list[list[str]], first_line: int) -> Grid:
        cells = [[Cell(first_line + r, v.split("\n")) for v in row] for r, row in enumerate(rows)]
        spans = [[4, 0, 0, 0] if row[1:] == ["", "", ""] else [1] * 4 for row in rows]  # a row across the table
        return Grid("table", "1", cells, spans, ["某区2022年政务公开任务表"])

    page1 = grid([header, ["1", "公开预算。", "区财政局", "6月底前"], ["2", "公开决算", "区财政局", "年底"],
                  ["3", "公开重大项目批准信息，", "区发展和改革局", "9月底前"]], 1)
    page2 = grid([header, ["", "按季度更新进度。", "", ""], ["4", "公开征地信息。", "区自然资源局", "年底前"],
                  ["二、加强平台建设", "", "", ""], ["5", "规范网站栏目。", "区政府办公室", "年底前"]], 5)
    table = grid_table([page1, page2], "pdf")
    result = build_plan(table, "p", "plan.pdf")
    assert [(i.number, i.text, i.deadline.raw) for i in result.items] == [
        ("1", "公开预算。", "6月底前"), ("2", "公开决算", "年底"), ("3", "公开重大项目批准信息，按季度更新进度。", "9月底前"),
        ("4", "公开征地信息。", "年底前"), ("5", "规范网站栏目。", "年底前")]


def test_single_file_web_archive_mht(tmp_path: Path) -> None:
    """Word's "single file web page": the page inside a MIME archive, quoted-printable, in GB2312."""
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    page = w.html_text(_spans_sheet()).replace('charset="utf-8"', 'charset="gb2312"')
    archive = MIMEMultipart("related")
    part = MIMEText(page, "html", "gb2312")
    archive.attach(part)
    path = tmp_path / "plan.mht"
    path.write_bytes(archive.as_bytes())
    assert sniff(path.read_bytes()) == "mht"
    assert summary(read_plan(path, "p")) == EXPECTED


def test_header_row_and_columns_given_by_the_user(tmp_path: Path) -> None:
    """Header words nobody could guess: the user names the header's row and the columns' roles."""
    import openpyxl

    from duban.store.importer.plan import build_plan
    from duban.store.importer.readers import read_grids
    from duban.store.importer.readers.choose import choose_table

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["某区2022年政务公开重点工作安排"])
    ws.append(["编", "甲", "乙", "丙"])
    ws.append([1, "公开部门预算。", "区财政局", "6月底前"])
    ws.append([2, "公开部门决算。", "区财政局", "9月底前"])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    data = path.read_bytes()
    with pytest.raises(PlanError, match="no plan table found in 1 sheets"):
        read_plan(path, "p")
    table, _ = choose_table(read_grids("xlsx", data, "odd.xlsx"), "odd.xlsx", "xlsx", header_row=2,
                            columns=["seq", "task", "lead", "deadline"])
    result = build_plan(table, "p", "odd.xlsx")
    assert [(i.number, i.text, i.lead_units, i.deadline.due) for i in result.items] == [
        ("1", "公开部门预算。", ["区财政局"], "2022-06-30"), ("2", "公开部门决算。", ["区财政局"], "2022-09-30")]


WORD_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=Generator content="Microsoft Word 15 (filtered)">
<style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=ZH-CN style='text-justify-trim:punctuation'><div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-family:宋体'>某区<span lang=EN-US>2022</span>年政务公开工作任务分解表<span lang=EN-US><o:p></o:p></span></span></b></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>
 <tr><td width=40><p class=MsoNormal><span>序号</span></p></td><td><p class=MsoNormal><span>主要任务</span></p></td><td><p class=MsoNormal><span>具体事项</span></p></td><td><p class=MsoNormal><span>牵头单位</span></p></td><td><p class=MsoNormal><span>完成时限</span></p></td></tr>
 <tr><td><p class=MsoNormal><span lang=EN-US>1<o:p></o:p></span></p></td><td rowspan=2><p class=MsoNormal><span>一、深化重点</span></p><p class=MsoNormal><span>领域公开</span></p></td>
  <td><p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US>(1)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span>公开财政预决算。</span></p></td>
  <td><p class=MsoNormal><span>区财政局</span></p></td><td><p class=MsoNormal><span lang=EN-US>2022</span><span>年</span><span lang=EN-US>6</span><span>月底前</span></p></td></tr>
 <tr><td><p class=MsoNormal><span lang=EN-US>2</span></p></td><td><p class=MsoNormal><span>公开重大项目信息。</span></p></td><td><p class=MsoNormal><span>区发展和改革局</span></p></td><td><p class=MsoNormal><span>年底前</span></p></td></tr>
 <![if !supportMisalignedColumns]><tr height=0><td width=40 style='border:none'></td><td width=100 style='border:none'></td><td style='border:none'></td><td style='border:none'></td><td style='border:none'></td></tr><![endif]>
</table>
<p class=MsoNormal><span>抄送：区委办公室。</span></p></div></body></html>
"""


def test_a_page_word_saved_as_web_page(tmp_path: Path) -> None:
    """Word's own HTML: spans in paragraphs in cells, <o:p>, list numbers inside conditional
    comments, a ghost row for misaligned columns, GB2312."""
    path = tmp_path / "plan.htm"
    path.write_bytes(WORD_HTML.encode("gb18030"))
    result = read_plan(path, "p")
    assert result.plan.title == "某区2022年政务公开工作任务分解表"
    assert [n.label for n in result.plan.nodes] == ["一、深化重点领域公开"]
    assert [(i.number, i.text, i.lead_units, i.deadline.due) for i in result.items] == [
        ("1", "(1)公开财政预决算。", ["区财政局"], "2022-06-30"), ("2", "公开重大项目信息。", ["区发展和改革局"], "2022-12-31")]


@pytest.mark.slow  # a subprocess per command or a LibreOffice start: slow by nature
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice (soffice) is not installed: .wps/.rtf/.odt conversion cannot run here")
@pytest.mark.parametrize("target", ["rtf", "odt"])
def test_other_word_processor_files_are_converted_by_libreoffice(target: str, tmp_path: Path) -> None:
    import subprocess

    docx_path = w.write_docx(sheet(notice=NOTICE, after=AFTER), tmp_path / "plan.docx")
    program = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([program, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(tmp_path / "out"), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    converted = tmp_path / "out" / f"plan.{target}"
    assert sniff(converted.read_bytes()) == "doc"
    assert summary(read_plan(converted, "p")) == EXPECTED

