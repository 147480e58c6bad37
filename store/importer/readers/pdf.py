"""A PDF with a ruled table (the attachments government sites publish) → grids.

pdfplumber finds the ruled table on each page; a page's table is a grid of its own and
the chooser joins the pages' grids into one table, dropping the header repeated on
each page.  A cell covered by a merge comes back as None: empty here, as in Word's
text export.  Row numbers run on across pages.  A PDF with no text layer (a scan) has
nothing to read: say so.
"""

from __future__ import annotations

import io

from duban.store.importer.cells import Cell
from duban.store.importer.errors import PlanError
from duban.store.importer.readers import Grid
from duban.store.messages import Said
from duban.store.text import strip_controls

MAX_PAGES = 300


def read(data: bytes, name: str, fmt: str) -> list[Grid]:
    import pdfplumber  # only when a PDF is read

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise PlanError(name, 0, Said("bad_pdf", "cannot open this PDF ({error}); is it damaged?",
                                      error=type(exc).__name__)) from None
    grids: list[Grid] = []
    preamble: list[str] = []
    line = 0
    has_text = False
    with pdf:
        try:
            pages = pdf.pages[:MAX_PAGES]
        except Exception as exc:  # the page tree of a damaged file
            raise PlanError(name, 0, Said("bad_pdf", "cannot open this PDF ({error}); is it damaged?",
                                          error=type(exc).__name__)) from None
        for number, page in enumerate(pages, 1):
            try:
                has_text = has_text or bool(page.chars)
                tables = page.find_tables()
                if not grids:
                    top = min((t.bbox[1] for t in tables), default=page.height)
                    above = page.crop((0, 0, page.width, top)).extract_text() if top > 1 else ""
                    preamble += [strip_controls(s) for s in (above or "").split("\n")]
                for table in tables:
                    rows: list[list[Cell]] = []
                    spans: list[list[int]] = []
                    for raw in table.extract():
                        line += 1
                        rows.append([Cell(line, strip_controls(v or "").split("\n")) for v in raw])
                        widths = []
                        for c, value in enumerate(raw):
                            if value is None and c > 0:
                                widths.append(0)
                            else:
                                run = 1
                                while c + run < len(raw) and raw[c + run] is None:
                                    run += 1
                                widths.append(run)
                        spans.append(widths)
                    if rows:
                        grids.append(Grid("table", str(len(grids) + 1), rows, spans, list(preamble)))
            except Exception as exc:  # a page pdfminer cannot lay out
                raise PlanError(name, 0, Said("bad_pdf_page", "cannot read page {page} of this PDF ({error})",
                                              page=number, error=type(exc).__name__)) from None
    if not has_text:
        raise PlanError(name, 0, Said("scanned_pdf", "this PDF has no text layer (a scan): there is nothing to "
                                      "read; ask for the Word or Excel file, or run OCR on it first"))
    if not grids:
        raise PlanError(name, 0, Said("no_pdf_table", "no ruled table in this PDF: duban reads PDF tables drawn "
                                      "with lines; copy the text into a .txt file and import that"))
    return grids
