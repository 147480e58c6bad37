"""Word .docx: merged cells, heading rows across the table, repeated header rows, list
numbering that is not in the text, several tables in one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.store.importer import PlanError, read_plan
from tests.store import formats_writers as w
from tests.store.formats_sample import AFTER, EXPECTED, NOTICE, sheet, summary

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def spans_sheet() -> w.Sheet:
    """The sample laid out as many offices do: main tasks as rows across the table."""
    s = sheet(notice=NOTICE, after=AFTER)
    s.headers = ["序号", "工作任务", "具体事项", "牵头单位", "责任单位", "完成时限"]
    rows: list = []
    for row in s.rows:
        if row[1]:
            rows.append(w.Span(row[1]))
        rows.append([row[0]] + row[2:])
    s.rows = rows
    return s


def test_heading_rows_across_the_table_repeated_headers_notice_and_distribution_list(tmp_path: Path) -> None:
    path = w.write_docx(spans_sheet(), tmp_path / "plan.docx", repeat_header_every=3)
    result = read_plan(path, "p")
    assert summary(result) == EXPECTED
    assert result.plan.title == "某区2022年政务公开工作任务分解表"
    assert [m.label for m in result.plan.main_tasks] == ["一、深化重点领域信息公开", "二、加强政务公开平台建设"]


def test_a_header_cell_spanning_two_columns(tmp_path: Path) -> None:
    # 工作任务 over the main-task and work-task columns, as in plans that give both one header.
    s = sheet()
    path = w.write_docx(s, tmp_path / "plan.docx")
    document = docx.Document(path)
    table = document.tables[0]
    merged = table.cell(0, 1).merge(table.cell(0, 2))
    merged.text = "工作任务"
    document.save(path)
    assert summary(read_plan(path, "p")) == EXPECTED


def _numbering(document, abstract_id: int, num_id: int, fmt: str, text: str) -> None:
    part = document.part.numbering_part.element
    part.insert(0, parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'))
    part.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def _number(paragraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_automatic_list_numbers_are_put_back(tmp_path: Path) -> None:
    """Word keeps "一、" and "1." out of the text (w:numPr): the office sees them, so do we."""
    document = docx.Document()
    _numbering(document, 90, 901, "chineseCounting", "%1、")
    _numbering(document, 91, 902, "decimal", "%1")
    document.add_paragraph("某区2022年政务公开工作要点任务分解")
    table = document.add_table(rows=1, cols=4)
    for cell, head in zip(table.rows[0].cells, ["序号", "重点任务", "牵头单位", "完成时限"], strict=True):
        cell.text = head
    rows = [("main", "深化重点领域信息公开"), ("item", "公开区级部门预算和决算。", "区财政局", "6月底前"),
            ("item", "公开政府债务信息。", "区财政局", "年底前"), ("main", "加强平台建设"),
            ("item", "规范政府网站栏目。", "区政府办公室", "9月底前")]
    for kind, *values in rows:
        cells = table.add_row().cells
        if kind == "main":
            merged = cells[0].merge(cells[-1])
            merged.text = values[0]
            _number(merged.paragraphs[0], 901)
        else:
            _number(cells[0].paragraphs[0], 902)  # an empty numbered paragraph: the 序号 column
            for cell, value in zip(cells[1:], values, strict=True):
                cell.text = value
    path = tmp_path / "plan.docx"
    document.save(path)
    result = read_plan(path, "p")
    assert [m.label for m in result.plan.main_tasks] == ["一、深化重点领域信息公开", "二、加强平台建设"]
    assert [(i.number, i.text, i.deadline.due) for i in result.items] == [
        ("1", "公开区级部门预算和决算。", "2022-06-30"), ("2", "公开政府债务信息。", "2022-12-31"),
        ("3", "规范政府网站栏目。", "2022-09-30")]


def test_word_number_formats(tmp_path: Path) -> None:
    from duban.store.importer.readers.numbering import chinese, format_number

    assert [chinese(n) for n in (1, 10, 11, 20, 21, 99, 101)] == ["一", "十", "十一", "二十", "二十一", "九十九", "一百零一"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV"


def _plan_after_a_notice_table(path: Path) -> Path:
    s = sheet(notice=NOTICE)
    w.write_docx(s, path)
    document = docx.Document(path)
    notice = document.add_table(rows=2, cols=2)  # a sign-off table after the plan
    notice.cell(0, 0).text, notice.cell(0, 1).text = "发文单位", "某区人民政府办公室"
    notice.cell(1, 0).text, notice.cell(1, 1).text = "联系人", "张三"
    body = document.element.body
    body.insert(2, notice._tbl)  # put it before the plan's table
    document.save(path)
    return path


def test_several_tables_the_one_with_plan_words_is_the_plan(tmp_path: Path) -> None:
    path = _plan_after_a_notice_table(tmp_path / "plan.docx")
    result = read_plan(path, "p")
    assert summary(result) == EXPECTED
    assert result.where == "table 2"


def test_table_option_names_the_table(tmp_path: Path) -> None:
    path = _plan_after_a_notice_table(tmp_path / "plan.docx")
    assert summary(read_plan(path, "p", table=2)) == EXPECTED
    with pytest.raises(PlanError, match="no header row with plan words"):
        read_plan(path, "p", table=1)
    with pytest.raises(PlanError, match="there is no table 3: the file has 2"):
        read_plan(path, "p", table=3)


def test_a_file_without_a_plan_table_says_what_was_looked_for(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("会议纪要")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "电话"
    path = tmp_path / "minutes.docx"
    document.save(path)
    with pytest.raises(PlanError, match=r"no plan table found in 1 tables: .*牵头单位.*--table N"):
        read_plan(path, "p")


def test_a_damaged_word_file_is_a_clear_error(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(PlanError, match="cannot open this Word file"):
        read_plan(path, "p")


def test_a_plan_split_into_two_tables_is_one_table(tmp_path: Path) -> None:
    """A section break splits the table in two: the second part (with or without its
    header) carries the first on; a sign-off table after it does not."""
    path = w.write_docx(sheet(notice=NOTICE), tmp_path / "plan.docx")
    document = docx.Document(path)
    table = document.tables[0]
    second = document.add_table(rows=0, cols=len(table.columns))
    for tr in list(table._tbl.tr_lst)[5:]:  # rows 5–8 move to a table of their own
        second._tbl.append(tr)
    paragraph = document.add_paragraph("（续表）")
    table._tbl.addnext(paragraph._p)
    paragraph._p.addnext(second._tbl)
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text, sign.cell(0, 1).text = "联系人", "张三"
    document.save(path)
    result = read_plan(path, "p")
    assert summary(result) == EXPECTED


def test_a_two_row_header(tmp_path: Path) -> None:
    """工作任务 over 主要任务 | 具体任务, 责任单位 over 牵头 | 配合: the lower row names the columns."""
    document = docx.Document()
    document.add_paragraph("某区2022年政务公开工作任务分解表")
    table = document.add_table(rows=2, cols=5)
    top, low = table.rows[0].cells, table.rows[1].cells
    top[0].merge(low[0]).text = "序号"
    top[1].merge(top[2]).text = "工作任务"
    top[3].merge(top[4]).text = "责任单位"
    for cell, text in zip(low[1:], ["主要任务", "具体任务", "牵头单位", "配合单位"], strict=True):
        cell.text = text
    for row in [("1", "一、推进财政信息公开", "公开部门预算。", "区财政局", "区直各部门"),
                ("2", "", "公开部门决算。", "区财政局", "")]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    result = read_plan(path, "p")
    assert [(i.number, i.text, i.lead_units, i.units) for i in result.items] == [
        ("1", "公开部门预算。", ["区财政局"], ["区财政局", "区直各部门"]),
        ("2", "公开部门决算。", ["区财政局"], ["区财政局"])]
    assert [m.title for m in result.plan.main_tasks] == ["推进财政信息公开"]


def test_numbered_items_in_the_item_column_keep_their_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    _numbering(document, 92, 903, "decimal", "%1.")
    _numbering(document, 93, 904, "chineseCounting", "（%1）")
    document.add_paragraph("某区2022年政务公开工作任务表")
    table = document.add_table(rows=1, cols=3)
    for cell, head in zip(table.rows[0].cells, ["工作任务", "具体措施", "责任单位"], strict=True):
        cell.text = head
    rows = [("推进财政信息公开", "公开部门预算。", "区财政局"), ("", "公开部门决算。", "区财政局"),
            ("推进项目信息公开", "公开批准信息。", "区发展和改革局")]
    for work, text, unit in rows:
        cells = table.add_row().cells
        if work:
            cells[0].text = work
            _number(cells[0].paragraphs[0], 904)
        cells[1].text = text
        _number(cells[1].paragraphs[0], 903)
        cells[2].text = unit
    path = tmp_path / "plan.docx"
    document.save(path)
    result = read_plan(path, "p")
    assert [(i.number, i.text) for i in result.items] == [("1", "公开部门预算。"), ("2", "公开部门决算。"),
                                                          ("3", "公开批准信息。")]
    assert [n.label for n in result.plan.nodes if n.level == 2] == ["（一）推进财政信息公开", "（二）推进项目信息公开"]


def test_without_python_docx_installed_the_error_names_the_package(tmp_path: Path, monkeypatch) -> None:
    import sys

    path = w.write_docx(sheet(), tmp_path / "plan.docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # as if installed without its dependencies
    with pytest.raises(PlanError, match=r"needs the Python package 'python-docx' \(pip install python-docx\)"):
        read_plan(path, "p")


def test_a_plan_table_framed_inside_a_one_cell_table(tmp_path: Path) -> None:
    inner = w.write_docx(sheet(), tmp_path / "inner.docx")
    plan_table = docx.Document(inner).tables[0]._tbl
    document = docx.Document()
    document.add_paragraph("某区2022年政务公开工作任务分解表")
    frame = document.add_table(rows=1, cols=1)
    frame.cell(0, 0)._tc.append(plan_table)
    frame.cell(0, 0)._tc.append(frame.cell(0, 0).paragraphs[0]._p)  # a cell ends with a paragraph
    path = tmp_path / "framed.docx"
    document.save(path)
    assert summary(read_plan(path, "p")) == EXPECTED


@pytest.mark.parametrize("kind", ["application/vnd.ms-word.document.macroEnabled.main+xml",
                                  "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"])
def test_macro_enabled_documents_and_templates_are_read_too(kind: str, tmp_path: Path) -> None:
    import zipfile

    source = w.write_docx(sheet(), tmp_path / "plan.docx")
    path = tmp_path / "plan.docm"
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(path, "w") as out:
        for info in z.infolist():
            body = z.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                    kind.encode())
            out.writestr(info, body)
    assert summary(read_plan(path, "p")) == EXPECTED
