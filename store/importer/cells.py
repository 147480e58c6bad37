"""Raw plan text → cells, for the encodings offices produce.

- TAB-led (text saved from Word): a line that begins with a TAB (after optional spaces)
  starts a cell; lines without one continue it, blank lines included.
- one cell per line (text copied from a web page): cells separated by blank lines.
- one row per line (a copy from a spreadsheet or a browser table, and .csv): cells
  separated by TABs or commas, quoted cells may hold line breaks.

Bytes are read as UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from duban.store import vocab
from duban.store.importer.errors import PlanError
from duban.store.messages import Said
from duban.store.text import BLANKS, compact, is_blank, strip_controls


@dataclass
class Cell:
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def flat(self) -> str:
        return _flat(self.text)

    @property
    def empty(self) -> bool:
        return not self.flat


@lru_cache(maxsize=1 << 16)
def _flat(text: str) -> str:
    return compact(text)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The file's text with LF line ends, and the encoding it was read in."""
    if not data.strip():
        raise PlanError(name, 0, Said("empty", "the file is empty; expected a plan table"))
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = data.decode("utf-16", errors="replace"), "utf-16"  # an odd last byte is not a crash
    elif b"\x00" in data[:4096]:
        raise PlanError(name, 0, Said("binary", "this is a binary file, not plan text (expected UTF-8 or GB18030 text)"))
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise PlanError(name, line, Said("encoding", "cannot read the text: expected UTF-8 or GB18030")) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_controls(text), enc


_TAB_LED = re.compile(r"^ *\t")


def is_table_end(line: str) -> bool:
    """A rule line or a distribution list (抄送 …) closes the table."""
    data = vocab.load("headers")
    stripped = line.strip(BLANKS)
    if stripped and all(ch in data["rule_chars"] for ch in stripped):
        return len(stripped) >= 3
    return any(stripped.startswith(word) for word in data["table_end"])


def tab_led_count(lines: list[str]) -> int:
    return sum(1 for line in lines if _TAB_LED.match(line))


def tab_led_cells(lines: list[str]) -> list[Cell]:
    """Cells of TAB-led text; continuation lines after a table end are dropped."""
    cells: list[Cell] = []
    ended = False
    for no, line in enumerate(lines, 1):
        m = _TAB_LED.match(line)
        if m:
            ended = False
            cells.append(Cell(no, [line[m.end():]]))
        elif cells and not ended:
            if is_table_end(line):
                ended = True
            else:
                cells[-1].lines.append(line)
    return cells


def line_cells(lines: list[str]) -> list[Cell]:
    """Cells of web-page text: runs of non-blank lines, separated by blank lines."""
    cells: list[Cell] = []
    open_cell = False
    for no, line in enumerate(lines, 1):
        if is_blank(line):
            open_cell = False
        elif open_cell:
            cells[-1].lines.append(line)
        else:
            cells.append(Cell(no, [line]))
            open_cell = True
    return cells


def _quoted(lines: list[str], delimiter: str) -> bool:
    """Whether quotes wrap whole cells: every field that opens with a quote is closed by
    one at a field's end (on its line or a later one)."""
    opened = closed = 0
    for line in lines:
        for field in line.split(delimiter):
            opened += field.startswith('"')
            closed += len(field) > 1 and field.endswith('"') and not field.endswith('""')
    return opened > 0 and opened == closed


def delimited_rows(lines: list[str], delimiter: str, first: int) -> list[list[Cell]]:
    """Rows of a TAB- or comma-separated table starting at line index `first`."""
    text = "\n".join(lines[first:])
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # a long cell is text, not an error (default: 128 KB)
    # A browser's copy quotes nothing, so a cell may start with an ASCII quote ("双随机"…);
    # a spreadsheet's copy quotes a cell that holds line breaks: "line 1 … line 2".
    quoting = csv.QUOTE_MINIMAL if delimiter == "," or _quoted(lines[first:], delimiter) else csv.QUOTE_NONE
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting)
    rows: list[list[Cell]] = []
    for fields in reader:
        no = first + reader.line_num
        rows.append([Cell(no, f.split("\n")) for f in fields])
    return rows
