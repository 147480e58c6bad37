"""Word .docx → grids: every table of the body in order, with the paragraphs before it.

Cells are read from the XML itself (python-docx opens the package): a cell spanning
grid columns (w:gridSpan) fills them, the cells under a vertical merge (w:vMerge) are
empty, each paragraph of a cell is a line, and automatic list numbers are put back in
front of their paragraphs.
"""

from __future__ import annotations

import io
from typing import Any

from duban.store.importer.cells import Cell
from duban.store.importer.errors import PlanError
from duban.store.importer.readers import Grid
from duban.store.importer.readers.numbering import W, labels
from duban.store.messages import Said
from duban.store.text import strip_controls

_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BREAKS = {W + "br", W + "cr"}
MAX_COLS = 63  # Word's own limit on a table's columns


def _text(el: Any, out: list[str]) -> None:
    """A paragraph's visible text: runs, tabs and line breaks; not deleted text, not the
    fallback copy of a drawing's text box."""
    for child in el:
        tag = child.tag
        if tag == W + "t":
            out.append(child.text or "")
        elif tag in _BREAKS:
            out.append("\n")
        elif tag == W + "tab":
            out.append(" ")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag in (W + "del", W + "pPr", W + "rPr", _FALLBACK, W + "instrText", W + "delText"):
            continue
        elif isinstance(tag, str):
            _text(child, out)


def paragraph(p: Any, numbers: dict[Any, str]) -> str:
    parts: list[str] = []
    _text(p, parts)
    text = strip_controls("".join(parts))
    label = numbers.get(p, "")
    if label and not text.strip():
        return label.rstrip(".．、")  # a numbered empty paragraph: the number column
    return label + text


def _unwrap(el: Any, tag: str) -> list[Any]:
    """Children of `el` with this tag, looking through content controls (w:sdt) and
    custom XML that can wrap rows, cells and tables."""
    out = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "smartTag"):
            out.extend(_unwrap(child, tag))
    return out


def _cell_lines(tc: Any, numbers: dict[Any, str]) -> list[str]:
    lines: list[str] = []
    for child in tc.iter(W + "p"):
        lines.extend(paragraph(child, numbers).split("\n"))
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _int(el: Any, tag: str, default: int) -> int:
    child = el.find(W + tag) if el is not None else None
    try:
        return int(child.get(W + "val")) if child is not None else default
    except (TypeError, ValueError):
        return default


def table_grid(tbl: Any, numbers: dict[Any, str], index: int, preamble: list[str]) -> Grid:
    rows: list[list[Cell]] = []
    spans: list[list[int]] = []
    for r, tr in enumerate(_unwrap(tbl, W + "tr"), 1):
        cells: list[Cell] = []
        widths: list[int] = []
        trpr = tr.find(W + "trPr")
        for _ in range(min(_int(trpr, "gridBefore", 0), MAX_COLS)):
            cells.append(Cell(r, [""]))
            widths.append(1)
        for tc in _unwrap(tr, W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = min(max(1, _int(tcpr, "gridSpan", 1)), MAX_COLS)
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(W + "val", "continue") != "restart"
            cells.append(Cell(r, [""] if continued else _cell_lines(tc, numbers) or [""]))
            widths.append(span)
            for _ in range(span - 1):
                cells.append(Cell(r, [""]))
                widths.append(0)
        rows.append(cells)
        spans.append(widths)
    width = max((len(r) for r in rows), default=0)
    for cells, widths in zip(rows, spans, strict=True):
        while len(cells) < width:
            cells.append(Cell(cells[0].line if cells else 0, [""]))
            widths.append(1)
    return Grid("table", str(index), rows, spans, list(preamble))


_DOCUMENT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_LIKE_DOCUMENT = (b"application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
                  b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
                  b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")  # .dotm


def _as_document(data: bytes) -> bytes:
    """A macro-enabled document or a template, relabelled as the document it also is
    (python-docx opens only that content type; the tables are the same)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml")
            if not any(kind in types for kind in _LIKE_DOCUMENT):
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
                for info in z.infolist():
                    body = z.read(info)
                    if info.filename == "[Content_Types].xml":
                        for kind in _LIKE_DOCUMENT:
                            body = body.replace(kind, _DOCUMENT)
                    new.writestr(info, body)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return data  # python-docx will say what is wrong with it


def read(data: bytes, name: str, fmt: str) -> list[Grid]:
    import docx  # python-docx: only when a Word file is read

    try:
        document = docx.Document(io.BytesIO(_as_document(data)))
    except Exception as exc:  # a damaged package: python-docx and zipfile raise kinds of their own
        raise PlanError(name, 0, Said("bad_docx", "cannot open this Word file ({error}); is it damaged?",
                                      error=type(exc).__name__)) from None
    if document.element.body is None:
        raise PlanError(name, 0, Said("bad_docx", "cannot open this Word file ({error}); is it damaged?",
                                      error="no body"))
    numbers = labels(document)
    grids: list[Grid] = []
    preamble: list[str] = []
    for child in _blocks(document.element.body):
        if child.tag == W + "p":
            preamble.extend(paragraph(child, numbers).split("\n"))
        else:
            grids.append(table_grid(child, numbers, len(grids) + 1, preamble))
            # A table inside a cell (a plan framed by a one-cell table) is a table too.
            for inner in child.iter(W + "tbl"):
                if inner is not child:
                    grids.append(table_grid(inner, numbers, len(grids) + 1, preamble))
    return grids


def _blocks(body: Any) -> list[Any]:
    """The body's paragraphs and tables in order (content controls looked through)."""
    out = []
    for child in body:
        if child.tag in (W + "p", W + "tbl"):
            out.append(child)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            out.extend(_blocks(child))
    return out
