"""催办 notices as a Word document for the OA (python-docx, imported only here).

The layout follows the usual 公文 habits (GB/T 9704): A4, margins 37/35/28/26 mm, the
title in 宋体 二号 bold, the body in 仿宋 三号; each notice on its own page.  Word picks
a Chinese font from the eastAsia attribute of w:rFonts, which python-docx's font.name
does not set: it is set here.
"""

from __future__ import annotations

from pathlib import Path

from duban.store.docx_style import east_asia
from duban.store.text import xml_safe
from duban.tui.report.remind_text import Letter

TITLE_FONT, BODY_FONT = "宋体", "仿宋"


def _font(run, name: str, size: float, bold: bool = False) -> None:  # noqa: ANN001 - a docx Run
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    east_asia(run, name, latin=None)


def _para(doc, text: str, size: float = 16, font: str = BODY_FONT, bold: bool = False,  # noqa: ANN001
          align: str | None = None, indent: bool = False):  # noqa: ANN202
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)  # 首行缩进两字
    _font(p.add_run(xml_safe(text)), font, size, bold)
    return p


def write_letters(path: Path, letters: list[Letter], quiet_line: str | None) -> None:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    _font_style(normal)
    for n, letter in enumerate(letters):
        if n:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        _para(doc, letter.title, 22, TITLE_FONT, bold=True, align="center")
        _para(doc, letter.salutation)
        _para(doc, letter.body, indent=True)
        for s in letter.sections:
            _para(doc, s.heading, bold=True, font="黑体" if s.level == 1 else BODY_FONT)
            for line in s.lines:
                _para(doc, line, indent=True)
        _para(doc, letter.office, align="right")
        _para(doc, letter.dated, align="right")
    if quiet_line:
        _para(doc, quiet_line)
    _save(doc, path)


def _font_style(style) -> None:  # noqa: ANN001 - the Normal style: what Word falls back to
    from docx.shared import Pt

    style.font.name = BODY_FONT
    style.font.size = Pt(16)
    east_asia(style, BODY_FONT, latin=None)


def _save(doc, path: Path) -> None:  # noqa: ANN001
    """Whole or not at all: a half-written .docx is worse than none (duban.store.atomic)."""
    import io

    from duban.store.atomic import make_dir, write_file

    buffer = io.BytesIO()
    doc.save(buffer)
    make_dir(path.parent)
    write_file(path, buffer.getvalue())
