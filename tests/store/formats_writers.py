"""Plan tables written as the files offices exchange, by the libraries that write them.

A `Sheet` is a plan table as an office lays it out: a header, rows of cells (a cell of
None is covered by the cell above it: a vertical merge), heading rows that are one cell
across the table (`Span`), a notice before the table and a distribution list after it.
Each writer renders it in one format: Word (python-docx), Excel (openpyxl, xlwt), a web
page (lxml), a ruled PDF (reportlab), CSV, TAB-separated rows and Word's text export.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Span:
    """A heading row: one cell across the whole table."""

    text: str


@dataclass
class Sheet:
    headers: list[str]
    rows: list[list[str | None] | Span]
    title: str = "某区2022年政务公开工作任务分解表"
    notice: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.headers)

    def runs(self) -> list[tuple[int, int, int]]:
        """(column, first row, last row) of each vertical merge, rows counted in `rows`."""
        out = []
        for c in range(self.width):
            r = 0
            while r < len(self.rows):
                row = self.rows[r]
                if isinstance(row, Span) or row[c] is None:
                    r += 1
                    continue
                end = r
                while end + 1 < len(self.rows) and not isinstance(self.rows[end + 1], Span) \
                        and self.rows[end + 1][c] is None:
                    end += 1
                if end > r:
                    out.append((c, r, end))
                r = end + 1
        return out


def write_docx(sheet: Sheet, path: Path, repeat_header_every: int = 0) -> Path:
    import docx

    document = docx.Document()
    for line in sheet.notice + [sheet.title]:
        document.add_paragraph(line)
    rows = list(sheet.rows)
    if repeat_header_every:  # a header row repeated inside the table, as pasted pages give it
        out: list = []
        for i, row in enumerate(rows):
            if i and i % repeat_header_every == 0:
                out.append(None)
            out.append(row)
        rows = out
    table = document.add_table(rows=1 + len(rows), cols=sheet.width)
    table.style = "Table Grid"
    for c, head in enumerate(sheet.headers):
        table.cell(0, c).text = head
    _repeat_as_header(table.rows[0])
    body_index = []
    for r, row in enumerate(rows, 1):
        if row is None:
            for c, head in enumerate(sheet.headers):
                table.cell(r, c).text = head
            continue
        body_index.append(r)
        if isinstance(row, Span):
            cell = table.cell(r, 0).merge(table.cell(r, sheet.width - 1))
            cell.text = row.text
            continue
        for c, value in enumerate(row):
            if value:
                _docx_cell(table.cell(r, c), value)
    for c, first, last in sheet.runs():
        text = sheet.rows[first][c]
        # A merge stops at a repeated header row: the part below starts empty, as Word splits it.
        pieces, start = [], first
        for k in range(first + 1, last + 1):
            if body_index[k] != body_index[k - 1] + 1:
                pieces.append((start, k - 1))
                start = k
        pieces.append((start, last))
        for a, b in pieces:
            if b > a:
                merged = table.cell(body_index[a], c).merge(table.cell(body_index[b], c))
                for p in list(merged.paragraphs)[1:]:
                    p._p.getparent().remove(p._p)
        _docx_cell(table.cell(body_index[first], c), text or "")
    for line in sheet.after:
        document.add_paragraph(line)
    document.save(path)
    return path


def _repeat_as_header(row) -> None:
    """Word's "repeat as header row at the top of each page" (w:tblHeader)."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _docx_cell(cell, value: str) -> None:
    lines = value.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def write_xlsx(sheet: Sheet, path: Path, sheet_name: str = "任务分解表", before: list[str] | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    if before:  # another sheet first: notes, a cover
        first.title = "填报说明"
        for line in before:
            first.append([line])
        ws = book.create_sheet(sheet_name)
    else:
        ws = first
        ws.title = sheet_name
    ws.append([sheet.title])
    ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=sheet.width)
    ws.append(sheet.headers)
    offset = 3  # the first body row's number
    for r, row in enumerate(sheet.rows):
        if isinstance(row, Span):
            ws.append([row.text])
            ws.merge_cells(start_row=r + offset, end_row=r + offset, start_column=1, end_column=sheet.width)
        else:
            ws.append([_excel_value(v) for v in row])
    for c, first_row, last in sheet.runs():
        ws.merge_cells(start_row=first_row + offset, end_row=last + offset, start_column=c + 1, end_column=c + 1)
    book.save(path)
    return path


def _excel_value(value: str | None) -> object:
    if value and value.isdigit():
        return int(value)  # a number column holds numbers
    return value


def write_xls(sheet: Sheet, path: Path) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("任务分解表")
    ws.write_merge(0, 0, 0, sheet.width - 1, sheet.title)
    for c, head in enumerate(sheet.headers):
        ws.write(1, c, head)
    merged = {(first, c): last for c, first, last in sheet.runs()}
    for r, row in enumerate(sheet.rows):
        if isinstance(row, Span):
            ws.write_merge(r + 2, r + 2, 0, sheet.width - 1, row.text)
            continue
        for c, value in enumerate(row):
            if (r, c) in merged:
                ws.write_merge(r + 2, merged[(r, c)] + 2, c, c, _excel_value(value))
            elif value is not None:
                ws.write(r + 2, c, _excel_value(value))
    book.save(str(path))
    return path


def html_text(sheet: Sheet) -> str:
    from lxml import etree
    from lxml.html import builder as E

    table = E.TABLE(border="1")
    table.append(E.TR(*[E.TH(h) for h in sheet.headers]))
    spans = {(first, c): last - first + 1 for c, first, last in sheet.runs()}
    for r, row in enumerate(sheet.rows):
        tr = E.TR()
        if isinstance(row, Span):
            tr.append(E.TD(row.text, colspan=str(sheet.width)))
        else:
            for c, value in enumerate(row):
                if value is None:
                    continue  # covered by a rowspan from above
                td = E.TD()
                lines = value.split("\n")
                if len(lines) > 1:
                    for line in lines:
                        td.append(E.P(line))
                else:
                    td.text = value
                if (r, c) in spans:
                    td.set("rowspan", str(spans[(r, c)]))
                tr.append(td)
        table.append(tr)
    page = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.TITLE("某区人民政府网")),
        E.BODY(E.E.nav("首页 政务公开 通知公告 2021年12月31日"), E.DIV("当前位置：首页 > 政务公开"),
               *[E.P(line) for line in sheet.notice], E.H1(sheet.title), table,
               *[E.P(line) for line in sheet.after], E.E.footer("版权所有 某区人民政府 2019年")),
    )
    return etree.tostring(page, encoding="unicode", method="html", doctype="<!DOCTYPE html>")


def write_html(sheet: Sheet, path: Path, encoding: str = "utf-8") -> Path:
    text = html_text(sheet).replace('charset="utf-8"', f'charset="{encoding}"')
    path.write_bytes(text.encode("gb18030" if encoding.lower() in ("gbk", "gb2312") else encoding))
    return path


def _filled_rows(sheet: Sheet) -> list[list[str]]:
    """Rows as text exports give them: a merged cell's text in its first row, empty below."""
    return [[row.text] + [""] * (sheet.width - 1) if isinstance(row, Span) else [v or "" for v in row]
            for row in sheet.rows]


def write_csv(sheet: Sheet, path: Path, delimiter: str = ",") -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    buf.write(sheet.title + "\n")
    writer.writerow(sheet.headers)
    writer.writerows(_filled_rows(sheet))
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def write_word_text(sheet: Sheet, path: Path) -> Path:
    """Word's "save as plain text" of a table: each cell starts on a line with a TAB."""
    lines = list(sheet.notice) + [sheet.title]
    for row in [sheet.headers] + _filled_rows(sheet):
        for value in row:
            first, *rest = value.split("\n")
            lines.append("\t" + first)
            lines.extend(rest)
    lines += sheet.after
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_pdf(sheet: Sheet, path: Path) -> Path:
    """A ruled table drawn with reportlab's built-in Chinese font, header repeated on each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    para = lambda text: Paragraph((text or "").replace("\n", "<br/>"), style)  # noqa: E731
    data = [[para(h) for h in sheet.headers]]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for r, row in enumerate(sheet.rows, 1):
        if isinstance(row, Span):
            data.append([para(row.text)] + [""] * (sheet.width - 1))
            commands.append(("SPAN", (0, r), (-1, r)))
        else:
            data.append([para(v) if v else "" for v in row])
    width = A4[0] - 72
    weights = [1 if len(h) <= 2 else 3 for h in sheet.headers]
    table = Table(data, repeatRows=1, colWidths=[width * w / sum(weights) for w in weights])
    table.setStyle(TableStyle(commands))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=36, rightMargin=36)
    doc.build([Paragraph(sheet.title, style), table])
    return path


def write_xmlss(sheet: Sheet, path: Path) -> Path:
    """Excel 2003 XML (SpreadsheetML), as office systems export "Excel": merges as
    ss:MergeAcross / ss:MergeDown, covered cells left out (later cells say ss:Index)."""
    from lxml import etree

    ss = "urn:schemas-microsoft-com:office:spreadsheet"
    q = lambda tag: f"{{{ss}}}{tag}"  # noqa: E731
    book = etree.Element(q("Workbook"), nsmap={None: ss, "ss": ss})
    ws = etree.SubElement(book, q("Worksheet"), {q("Name"): "任务分解表"})
    table = etree.SubElement(ws, q("Table"))

    def cell(row, value: str, index: int | None = None, **merge: int):
        attrs = {q("Index"): str(index)} if index else {}
        attrs.update({q(k): str(v) for k, v in merge.items()})
        el = etree.SubElement(row, q("Cell"), attrs)
        data = etree.SubElement(el, q("Data"), {q("Type"): "Number" if value.isdigit() else "String"})
        data.text = value

    title = etree.SubElement(table, q("Row"))
    cell(title, sheet.title, MergeAcross=sheet.width - 1)
    head = etree.SubElement(table, q("Row"))
    for h in sheet.headers:
        cell(head, h)
    downs = {(first, c): last - first for c, first, last in sheet.runs()}
    for r, row in enumerate(sheet.rows):
        tr = etree.SubElement(table, q("Row"))
        if isinstance(row, Span):
            cell(tr, row.text, MergeAcross=sheet.width - 1)
            continue
        skipped = False
        for c, value in enumerate(row):
            if value is None:
                skipped = True
                continue
            merge = {"MergeDown": downs[(r, c)]} if (r, c) in downs else {}
            cell(tr, value, c + 1 if skipped else None, **merge)
            skipped = False
    path.write_bytes(b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                     + etree.tostring(book, encoding="utf-8"))
    return path
