"""Plain tables for the command line, aligned by display width (CJK = 2 cells).

Rich would do this too, but costs ~55 ms of import on every quick check; this does
what `duban ls` needs: one flexible column cut to fit the width, never through a
wide character, and optional colour by cell.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from store.text import cut, display_width, pad

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
    widths = []
    for i, col in enumerate(columns):
        w = max([display_width(col.header)] + [display_width(r[i]) for r in rows])
        widths.append(min(w, col.max_width) if col.max_width else w)
    total = sum(widths) + len(GAP) * (len(columns) - 1)
    if total > width:
        for i, col in enumerate(columns):
            if col.flex:
                widths[i] = max(display_width(col.header), widths[i] - (total - width), 6)
    # Still too wide: the other capped text columns (units) give way too, down to 2 CJK characters.
    over = sum(widths) + len(GAP) * (len(columns) - 1) - width
    for i, col in enumerate(columns):
        if over > 0 and col.max_width:
            give = min(over, widths[i] - max(4, display_width(col.header)))
            if give > 0:
                widths[i] -= give
                over -= give
    lines = [_line(columns, [c.header for c in columns], widths, None, color and "bold")]
    lines.append(rule * min(width, sum(widths) + len(GAP) * (len(columns) - 1)))
    for r, row in enumerate(rows):
        lines.append(_line(columns, row, widths, styles[r] if styles else None, color))
    return lines


def _line(columns: list[Column], cells: list[str], widths: list[int], styles: list[str | None] | None,
          color: bool | str) -> str:
    parts = []
    last = len(columns) - 1
    for i, (col, cell, w) in enumerate(zip(columns, cells, widths)):
        text = cut(cell.replace("\n", " "), w)
        text = pad(text, w, col.align) if i < last or col.align == "right" else text
        style = color if isinstance(color, str) else (styles[i] if styles and color else None)
        if style:
            text = ANSI[style] + text + RESET
        parts.append(text)
    return GAP.join(parts).rstrip()


def narrowest(columns: list[Column], rows: list[list[str]]) -> int:
    """The fewest cells `render` can fit this table into: text columns at their floor."""
    need = len(GAP) * (len(columns) - 1)
    for i, col in enumerate(columns):
        natural = max([display_width(col.header)] + [display_width(r[i]) for r in rows])
        if col.flex:
            need += min(natural, max(display_width(col.header), 6))
        elif col.max_width:
            need += min(natural, max(4, display_width(col.header)))
        else:
            need += natural
    return need
