"""Plain tables for the command line, aligned by display width (CJK = 2 cells).

Rich would do this too, but costs ~55 ms of import on every quick check; this does
what `duban ls` needs: one flexible column cut to fit the width, never through a
wide character, and optional colour by cell.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from store.text import cut, display_width

ANSI = {"red": "\x1b[31m", "yellow": "\x1b[33m", "green": "\x1b[32m", "dim": "\x1b[2m", "bold": "\x1b[1m"}
RESET = "\x1b[0m"
GAP = "  "


@dataclass
class Column:
    header: str
    align: str = "left"
    flex: bool = False
    max_width: int | None = None


def use_color(stream: object = None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def output_width(explicit: int | None = None, stream: object = None) -> int:
    """--width, else the terminal's width on a terminal, else $COLUMNS, else 100."""
    if explicit:
        return explicit
    stream = stream or sys.stdout
    if getattr(stream, "isatty", lambda: False)():
        try:
            return os.get_terminal_size(stream.fileno()).columns  # type: ignore[attr-defined]
        except (OSError, AttributeError, ValueError):
            pass
    try:
        return int(os.environ.get("COLUMNS", "")) or 100
    except ValueError:
        return 100


def render(
    columns: list[Column],
    rows: list[list[str]],
    width: int,
    styles: list[list[str | None]] | None = None,
    color: bool = False,
    rule: str = "─",
) -> list[str]:
    """The table's lines: header, rule, rows; the flex column shrinks to fit `width`."""
    sizes: dict[str, int] = {}  # measured once (statuses, units and dates repeat down a column)
    measured = [[sizes[cell] if cell in sizes else sizes.setdefault(cell, display_width(cell)) for cell in row]
                for row in rows]
    widths = []
    for i, col in enumerate(columns):
        w = max([display_width(col.header)] + [m[i] for m in measured])
        widths.append(min(w, col.max_width) if col.max_width else w)
    total = sum(widths) + len(GAP) * (len(columns) - 1)
    if total > width:
        for i, col in enumerate(columns):
            if col.flex:
                widths[i] = max(display_width(col.header), widths[i] - (total - width), 6)
    headers = [c.header for c in columns]
    lines = [_line(columns, headers, [display_width(h) for h in headers], widths, None, color and "bold")]
    lines.append(rule * min(width, sum(widths) + len(GAP) * (len(columns) - 1)))
    for r, row in enumerate(rows):
        lines.append(_line(columns, row, measured[r], widths, styles[r] if styles else None, color))
    return lines


def _line(columns: list[Column], cells: list[str], measured: list[int], widths: list[int],
          styles: list[str | None] | None, color: bool | str) -> str:
    parts = []
    last = len(columns) - 1
    for i, (col, cell, used, w) in enumerate(zip(columns, cells, measured, widths)):
        text = cell.replace("\n", " ")  # the same width: a line break counts one cell, as a space
        if used > w:
            text = cut(text, w)
            used = display_width(text)
        if i < last or col.align == "right":
            gap = " " * max(0, w - used)
            text = gap + text if col.align == "right" else text + gap
        style = color if isinstance(color, str) else (styles[i] if styles and color else None)
        if style:
            text = ANSI[style] + text + RESET
        parts.append(text)
    return GAP.join(parts).rstrip()
