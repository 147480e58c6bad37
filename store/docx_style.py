"""Small python-docx helpers every Word file duban writes shares: CJK fonts set as the
eastAsia font (Word otherwise falls back to a Latin font's idea of Chinese), A4 page
with the usual margins, header rows repeated on each page.  python-docx is imported by
the caller; these only touch its objects."""

from __future__ import annotations

BODY_FONT = "仿宋"   # body text of official documents
HEADING_FONT = "宋体"
LATIN_FONT = "Times New Roman"


def east_asia(style_or_run, font: str, latin: str | None = LATIN_FONT) -> None:  # noqa: ANN001 - a docx style or run
    """Set the Chinese (eastAsia) font, which python-docx's font.name does not; and the
    Latin font unless `latin` is None (then left as it is)."""
    from docx.oxml.ns import qn

    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)
    if latin is not None:
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)


def cjk_fonts(doc, body: str = BODY_FONT, heading: str = HEADING_FONT) -> None:  # noqa: ANN001
    """仿宋 for body and tables, 宋体 for titles and headings, as eastAsia fonts."""
    for style in doc.styles:
        if getattr(style, "type", None) != 1:  # paragraph styles only
            continue
        name = style.name or ""
        east_asia(style, heading if name.startswith(("Heading", "Title")) else body)


def a4(section, portrait: bool = True) -> None:  # noqa: ANN001 - a docx section
    """A4 with Word's usual margins for it (2.54 cm top and bottom, 3.17 cm left and right)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    long, short = Cm(29.7), Cm(21)
    section.orientation = WD_ORIENT.PORTRAIT if portrait else WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = (short, long) if portrait else (long, short)
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(3.17)


def repeat_header(row) -> None:  # noqa: ANN001 - a docx table row
    """Mark a table row as a header row, repeated at the top of every page."""
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    flag = trpr.makeelement(qn("w:tblHeader"), {})
    flag.set(qn("w:val"), "true")
    trpr.append(flag)
