"""The report as a Word document (python-docx), from the same blocks as every format:
headings, real tables (header rows repeated on each page, the hierarchy of the detail
table as merged cells), 宋体/仿宋 as eastAsia fonts, A4 with the usual margins."""

from __future__ import annotations

import io

from duban.tui.report.blocks import Block, Heading, Lines, TableBlock

RED = (0xB3, 0x26, 0x1E)


def _is_group_row(block: TableBlock, n: int) -> bool:
    """A row that names a level of the hierarchy (a main task): its first cell only."""
    style = block.styles[n] if n < len(block.styles) else None
    return style == "bold" and not any(block.rows[n][1:])


def _table(doc, block: TableBlock) -> None:  # noqa: ANN001 - a docx Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    from duban.store.docx_style import repeat_header

    if block.title:
        doc.add_paragraph(block.title).runs[0].italic = True
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = "Table Grid"
    right = [c.justify == "right" for c in block.columns]
    for cell, col in zip(table.rows[0].cells, block.columns):
        cell.text = col.header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    repeat_header(table.rows[0])
    for n, row in enumerate(block.rows):
        cells = table.rows[n + 1].cells
        style = block.styles[n] if n < len(block.styles) else None
        for k, text in enumerate(row):
            cells[k].text = text
            para = cells[k].paragraphs[0]
            if right[k]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in para.runs:
                run.font.size = Pt(10.5)
                run.bold = style == "bold"
                if style == "red":
                    run.font.color.rgb = RGBColor(*RED)
    _merge_hierarchy(table, block)


def _merge_hierarchy(table, block: TableBlock) -> None:  # noqa: ANN001
    """A main task's row spans the table; a work task's cell spans the rows of its items."""
    if not block.full_width:
        return
    start = None
    for n in range(len(block.rows)):
        if _is_group_row(block, n):
            row = table.rows[n + 1]
            text = block.rows[n][0]
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = text
            merged.paragraphs[0].runs[0].bold = True
            start = None
            continue
        if block.rows[n][0]:
            start = n
        elif start is not None:
            top = table.cell(start + 1, 0)
            keep = top.text
            top.merge(table.cell(n + 1, 0)).text = keep


def to_docx(blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.shared import Pt, RGBColor

    from duban.store.docx_style import a4, cjk_fonts

    doc = Document()
    a4(doc.sections[0])
    cjk_fonts(doc)
    doc.styles["Normal"].font.size = Pt(12)
    for block in blocks:
        if isinstance(block, Heading):
            head = doc.add_heading(block.text, level=min(block.level, 3) if block.level > 1 else 0)
            for run in head.runs:
                run.font.color.rgb = RGBColor(0, 0, 0)
            if block.level == 1:
                doc.core_properties.title = block.text
        elif isinstance(block, Lines):
            for line in block.lines:
                doc.add_paragraph(line)
        else:
            _table(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
