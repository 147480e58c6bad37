"""A saved web page (.html/.htm) → grids, one per <table>.

The page is decoded from its BOM or its meta charset (GB2312 and GBK are read as their
superset GB18030), else UTF-8.  Each table's own rows (not those of a table nested in
it) are read with rowspan/colspan resolved; <p>, <br>, <div> and <li> inside a cell
make its lines.  Scripts, styles, navigation, headers and footers never make text.  The
page's text before a table is its preamble, where the title is.
"""

from __future__ import annotations

import re
from typing import Any

from duban.store.importer.cells import Cell
from duban.store.importer.errors import PlanError
from duban.store.importer.readers import Grid
from duban.store.messages import Said
from duban.store.text import strip_controls

_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
          "section", "article", "blockquote", "pre", "dd", "dt", "center"}
_SKIP = {"script", "style", "noscript", "template", "nav", "footer", "header", "head", "select", "button",
         "iframe", "object", "svg"}
_WIDE = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
         "big5": "big5hkscs"}
MAX_SPAN = 1000  # a rowspan of 100000 is an authoring slip, not a table
MAX_COLS = 60  # a plan has a dozen columns; cells past the 60th are not read


def decode_html(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    m = _META_RE.search(data[:8192])
    if m:
        enc = m.group(1).decode("ascii").lower()
        enc = _WIDE.get(enc, enc)
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _lines(el: Any, out: list[str]) -> None:
    """The element's text with its line structure: a block element starts a new line."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() in _SKIP:
        if el.tail:
            out[-1] += el.tail
        return
    block = tag.lower() in _BLOCK
    if block and out[-1].strip():
        out.append("")
    if el.text and tag:
        out[-1] += el.text
    for child in el:
        _lines(child, out)
    if block and out[-1].strip():
        out.append("")
    if el.tail:
        out[-1] += el.tail


def cell_lines(el: Any) -> list[str]:
    out = [""]
    _lines(el, out)
    lines = [strip_controls(_SPACE_RE.sub(" ", line)).strip() for line in out]
    return [line for line in lines if line] or [""]


def _own_rows(table: Any) -> list[Any]:
    rows = []
    for tr in table.iter("tr"):
        parent = tr.getparent()
        while parent is not None and parent.tag != "table":
            parent = parent.getparent()
        if parent is table:
            rows.append(tr)
    return rows


def _span(el: Any, attr: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(el.get(attr, "1")).strip() or 1)))
    except ValueError:
        return 1


def table_grid(table: Any, index: int, preamble: list[str]) -> Grid:
    taken: dict[tuple[int, int], bool] = {}  # (row, col) covered by a span from above or the left
    rows: list[list[Cell]] = []
    spans: list[list[int]] = []
    own = _own_rows(table)
    for r, tr in enumerate(own):
        cells: dict[int, tuple[Cell, int]] = {}
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                cells[c] = (Cell(r + 1, [""]), 1 if taken[(r, c)] else 0)
                c += 1
            if c >= MAX_COLS:
                break
            # A span past the table's last row or column means "to the end".
            rowspan, colspan = min(_span(td, "rowspan"), len(own) - r), min(_span(td, "colspan"), MAX_COLS - c)
            cells[c] = (Cell(r + 1, cell_lines(td)), colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    if (dr or dc) and (r + dr, c + dc) not in taken:
                        taken[(r + dr, c + dc)] = dc == 0  # True: under a vertical span's first column
            for dc in range(1, colspan):
                cells[c + dc] = (Cell(r + 1, [""]), 0)
            c += colspan
        while (r, c) in taken:
            cells[c] = (Cell(r + 1, [""]), 1 if taken[(r, c)] else 0)
            c += 1
        width = max(cells) + 1 if cells else 0
        row = [cells.get(k, (Cell(r + 1, [""]), 1)) for k in range(width)]
        rows.append([cell for cell, _ in row])
        spans.append([span for _, span in row])
    width = max((len(r) for r in rows), default=0)
    for r, (cells_, widths) in enumerate(zip(rows, spans, strict=True)):
        cells_ += [Cell(r + 1, [""])] * (width - len(cells_))
        widths += [1] * (width - len(widths))
    return Grid("table", str(index), rows, spans, preamble)


def html_of_archive(data: bytes, name: str) -> str:
    """The page inside a single-file web archive (.mht): its first text/html part."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = (part.get_content_charset() or "").lower()
            if charset:
                try:
                    return payload.decode(_WIDE.get(charset, charset))
                except (LookupError, UnicodeDecodeError):
                    pass
            return decode_html(payload, name)
    raise PlanError(name, 0, Said("bad_mht", "this web archive (.mht) holds no web page"))


def read(data: bytes, name: str, fmt: str) -> list[Grid]:
    import lxml.html  # only when a web page is read

    text = html_of_archive(data, name) if fmt == "mht" else decode_html(data, name)
    text = _XML_DECL.sub("", text)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml's parser errors (an empty or broken document)
        raise PlanError(name, 0, Said("bad_html", "cannot read this web page ({error})",
                                      error=type(exc).__name__)) from None
    title = " ".join((root.findtext(".//title") or "").split())
    lines, at = _page_lines(root)
    grids = []
    for i, table in enumerate(root.iter("table"), 1):
        around = set(table.iterancestors("table"))  # a layout table holding this one is not "another table"
        before = [line for line, inside in lines[: at.get(table, 0)] if inside <= around]
        grids.append(table_grid(table, i, ([title] if title else []) + before[-40:]))
    return grids


_TEXT_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "strong", "b", "font", "center", "td"}
_WRAPPERS = {"div", "span", "strong", "b", "font", "center", "td"}


def _page_lines(root: Any) -> tuple[list[tuple[str, set[Any]]], dict[Any, int]]:
    """The page's text lines in order, each with the tables it sits in, and where each
    table starts among them: one pass over the page, whatever its size."""
    lines: list[tuple[str, set[Any]]] = []
    at: dict[Any, int] = {}
    body = root.find("body")
    if body is None:
        return lines, at
    for el in body.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            at[el] = len(lines)
            continue
        if tag not in _TEXT_TAGS:
            continue
        ancestors = list(el.iterancestors())
        if any(a.tag in _SKIP or a.tag in ("p", "h1", "h2", "h3") for a in ancestors):
            continue
        if tag in _WRAPPERS and any(isinstance(k.tag, str) and k.tag in _BLOCK | _WRAPPERS for k in el):
            continue  # its children say it line by line
        line = " ".join("".join(el.itertext()).split())
        if line:
            lines.append((line, {a for a in ancestors if a.tag == "table"}))
    return lines, at
