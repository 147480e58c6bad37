"""A plain grid table as a Rich renderable, for reports of thousands of rows.

rich.table.Table measures and wraps every cell through several layers (about 40 µs a
cell): a 10,000-item report spent over a second there.  This draws the same box
table from widths decided beforehand, folding cells by display width and the Chinese line-breaking rules
(tui/linebreak.py), and yields Segments straight to the console.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.box import Box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from store.text import pad
from tui.linebreak import fold


@dataclass
class GridTable:
    headers: list[str]
    widths: list[int]
    justify: list[str]
    rows: list[list[str]] = field(default_factory=list)
    styles: list[str | None] = field(default_factory=list)
    box: Box | None = None
    title: str | None = None
    rules_between_rows: bool = False
    max_lines: list[int | None] | None = None  # per column: fold to at most this many lines

    def _rule(self, left: str, mid: str, right: str, line: str) -> str:
        return left + mid.join(line * (w + 2) for w in self.widths) + right

    def _row(self, cells: list[str], style: Style | None) -> Iterable[Segment]:
        assert self.box is not None
        b = self.box
        limits = self.max_lines or [None] * len(self.widths)
        columns = [fold(cell, max(1, w), most) if cell else [""] for cell, w, most in zip(cells, self.widths, limits)]
        height = max(len(c) for c in columns)
        for n in range(height):
            yield Segment(b.mid_left)
            for k, (lines, w) in enumerate(zip(columns, self.widths)):
                text = lines[n] if n < len(lines) else ""
                yield Segment(" " + pad(text, w, "right" if self.justify[k] == "right" else "left") + " ", style)
                yield Segment(b.mid_vertical if k < len(self.widths) - 1 else b.mid_right)
            yield Segment.line()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        assert self.box is not None
        b = self.box
        if self.title:
            yield Segment(self.title, Style(italic=True))
            yield Segment.line()
        yield Segment(self._rule(b.top_left, b.top_divider, b.top_right, b.top))
        yield Segment.line()
        yield from self._row(self.headers, Style(bold=True))
        yield Segment(self._rule(b.head_row_left, b.head_row_cross, b.head_row_right, b.head_row_horizontal))
        yield Segment.line()
        styles = {name: console.get_style(name) for name in set(self.styles) if name}
        for n, cells in enumerate(self.rows):
            if n and self.rules_between_rows:
                yield Segment(self._rule(b.row_left, b.row_cross, b.row_right, b.row_horizontal))
                yield Segment.line()
            style = self.styles[n] if n < len(self.styles) else None
            yield from self._row(cells, styles.get(style) if style else None)
        yield Segment(self._rule(b.bottom_left, b.bottom_divider, b.bottom_right, b.bottom))
        yield Segment.line()

