"""The format of a plan file, told by its content (magic bytes), not by its name.

Offices rename files and save web pages as .doc; the bytes say what a file is.  The
extension only settles what the bytes leave open (an OLE file is a Word or a WPS
document, or an Excel workbook).
"""

from __future__ import annotations

import io
import re
import zipfile

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_RE = re.compile(rb"<\s*(?:!doctype\s+html|html[\s>]|table[\s>]|body[\s>]|head[\s>]|meta\s)", re.I)


def _utf16_name(word: str) -> bytes:
    return word.encode("utf-16-le")


def _zip_format(data: bytes) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        return "doc"  # OpenDocument (.odt, .ods): LibreOffice converts it
    return None


def sniff(data: bytes, name: str = "") -> str:
    """'docx', 'xlsx', 'xls', 'doc' (Word 97, WPS, RTF, OpenDocument), 'pdf', 'html', 'mht', 'xmlss' or 'text'."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data) or "text"
    if head.startswith(_OLE):
        # OLE directory entries carry stream names in UTF-16: Word and WPS keep the
        # text in "WordDocument", Excel and WPS spreadsheets in "Workbook" / "Book".
        if _utf16_name("WordDocument") in data:
            return "doc"
        if _utf16_name("Workbook") in data or _utf16_name("Book") in data:
            return "xls"
        return "doc" if name.lower().endswith((".doc", ".wps", ".dot")) else "xls"
    if data.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return "doc"
    start = data[:4096]
    if b"multipart/related" in start.lower() and b"mime-version" in start.lower():
        return "mht"  # Word's and browsers' "single file web page" (.mht, .mhtml)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            start = data[:8192].decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return "text"
    stripped = start.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in start:
        return "xmlss"  # Excel 2003 XML, as office systems export "Excel"
    if stripped.startswith(b"<") and _HTML_RE.search(start):
        return "html"
    if _HTML_RE.search(start) and start.lower().count(b"<td") + start.lower().count(b"<p") >= 2:
        return "html"
    return "text"
