"""Plain tables for the command line, aligned by display width (CJK = 2 cells).

Rich would do this too, but costs ~55 ms of import on every quick check; this does
what `duban ls` needs: one flexible column cut to fit the width, never through a
wide character, and optional colour by cell.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from itertools import repeat

from duban.store.text import cut, display_width

ANSI = {"red": "\x1b[31m", "yellow": "\x1b[33m", "green": "\x1b[32m", "dim": "\x1b[2m", "bold": "\x1b[1m"}
RESET = "\x1b[0m"
GAP = "  "


@dataclass
class Column:
    """A column of a command-line table: its header, alignment, whether it shrinks to fit, its widest."""

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
    """The table's lines: header, rule, rows; the flex column shrinks to fit `width`.

    Done a column at a time: a column of plain ASCII (ids, dates) is measured by length
    and padded by str.ljust; in the others each distinct cell is measured, cut and padded
    once (statuses, units and texts repeat down a column): 50,000 rows are a moment."""
    cells_by_column = list(zip(*rows)) or [() for _ in columns]
    plain = [_plain(cells) for cells in cells_by_column]
    sizes = [{} if plain[i] else {cell: display_width(cell) for cell in set(cells)}
             for i, cells in enumerate(cells_by_column)]
    widths = []
    for i, col in enumerate(columns):
        natural = max(map(len, cells_by_column[i]), default=0) if plain[i] else max(sizes[i].values(), default=0)
        w = max(display_width(col.header), natural)
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
    last = len(columns) - 1
    header = [_fit(c.header, display_width(c.header), widths[i], c.align, i < last) for i, c in enumerate(columns)]
    if color:
        header = [ANSI["bold"] + text + RESET for text in header]
    lines = [GAP.join(header).rstrip()]
    lines.append(rule * min(width, sum(widths) + len(GAP) * (len(columns) - 1)))
    body = []
    for i, col in enumerate(columns):
        texts = _column(cells_by_column[i], sizes[i] if not plain[i] else None, widths[i], col.align, i < last)
        if color and styles:
            texts = [ANSI[style[i]] + text + RESET if style[i] else text for text, style in zip(texts, styles)]
        body.append(texts)
    joined = map(GAP.join, zip(*body))
    # A line ends in blanks only where its last cell does (or is empty): strip only then.
    ragged = any(not text or text[-1].isspace() for text in set(body[-1])) if body else False
    lines += [line.rstrip() for line in joined] if ragged else list(joined)
    return lines


def _plain(cells: tuple[str, ...]) -> bool:
    """ASCII on one line: a cell's width is its length."""
    return all(map(str.isascii, cells)) and "\n" not in "".join(cells)  # a text column stops at its first cell


def _column(cells: tuple[str, ...], sizes: dict[str, int] | None, w: int, align: str, padded: bool) -> list[str]:
    """A column's cells fitted to `w` cells (sizes: each distinct cell's width; None for a plain column)."""
    if sizes is None:
        if max(map(len, cells), default=0) <= w:
            if align == "right" or padded:
                return list(map(str.rjust if align == "right" else str.ljust, cells, repeat(w, len(cells))))
            return list(cells)
        sizes = {cell: len(cell) for cell in set(cells)}
    pad = [" " * n for n in range(w + 1)]
    if align == "left" and padded:  # most cells fit as they are: padded here, _fit for the rest
        fitted = {cell: cell + pad[w - used] if used <= w and "\n" not in cell else _fit(cell, used, w, "left", True)
                  for cell, used in sizes.items()}
    else:
        fitted = {cell: _fit(cell, used, w, align, padded) for cell, used in sizes.items()}
    return list(map(fitted.__getitem__, cells))


def _fit(cell: str, used: int, w: int, align: str, padded: bool) -> str:
    """One cell cut to `w` cells and padded to them (the last column only when right-aligned)."""
    text = cell.replace("\n", " ")  # the same width: a line break counts one cell, as a space
    if used > w:
        text = cut(text, w)
        used = display_width(text)
    if padded or align == "right":
        gap = " " * max(0, w - used)
        text = gap + text if align == "right" else text + gap
    return text


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
