"""A plain grid table as a Rich renderable, for reports of thousands of rows.

rich.table.Table measures and wraps every cell through several layers (about 40 µs a
cell): a 10,000-item report spent over a second there.  This draws the same box
table from widths decided beforehand, folding cells by display width and the Chinese line-breaking rules
(tui/report/linebreak.py), and yields Segments straight to the console.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rich.box import Box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from duban.store.text import display_width
from duban.tui.report.linebreak import fold_measured

FOLD_CACHE = 4096  # folded cells kept per table (then forgotten, so memory stays flat)


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
    _folded: dict[tuple[int, str], list[str]] = field(default_factory=dict, repr=False, compare=False)

    def _rule(self, left: str, mid: str, right: str, line: str) -> str:
        return left + mid.join(line * (w + 2) for w in self.widths) + right

    def _cell_lines(self, cells: list[str]) -> list[list[str]] | list[tuple[str, ...]]:
        """The row's physical lines, each a list of its cells padded to their widths."""
        columns = []
        limits = self.max_lines or [None] * len(self.widths)
        folded = self._folded
        for n, (cell, w, how, most) in enumerate(zip(cells, self.widths, self.justify, limits)):
            fit = display_width(cell) if "\n" not in cell else w + 1
            if fit <= w:  # one line, measured once
                gap = " " * (w - fit)
                columns.append([f" {gap}{cell} " if how == "right" else f" {cell}{gap} "])
                continue
            # Folded by the Chinese line-breaking rules (tui/report/linebreak.py).  Units, work
            # tasks, deadlines and notes repeat down a long table: each is folded once.
            lines = folded.get((n, cell))
            if lines is None:
                if len(folded) >= FOLD_CACHE:
                    folded.clear()
                if how == "right":
                    lines = [f" {' ' * (w - used)}{line} " for line, used in fold_measured(cell, max(1, w), most)]
                else:
                    lines = [f" {line}{' ' * (w - used)} " for line, used in fold_measured(cell, max(1, w), most)]
                folded[(n, cell)] = lines
            columns.append(lines)
        height = max(map(len, columns))
        if height == 1:
            return [[c[0] for c in columns]]
        blanks = [" " * (max(0, w) + 2) for w in self.widths]
        return list(zip(*[c if len(c) == height else c + [blank] * (height - len(c))
                          for c, blank in zip(columns, blanks)]))

    def _row(self, cells: list[str], style: Style | None, whole_lines: bool) -> Iterable[Segment]:
        assert self.box is not None
        b = self.box
        last = len(self.widths) - 1
        for parts in self._cell_lines(cells):
            if style is None and whole_lines:  # one segment per line: Rich's cost is per segment
                yield Segment(b.mid_left + b.mid_vertical.join(parts) + b.mid_right)
            else:
                yield Segment(b.mid_left)
                for k, part in enumerate(parts):
                    yield Segment(part, style)
                    yield Segment(b.mid_vertical if k < last else b.mid_right)
            yield Segment.line()

    def plain_lines(self) -> Iterator[str]:
        """The table as lines of plain text (no styles, no line ends): what the text format
        prints, without Rich splitting and measuring every line of a long table."""
        assert self.box is not None
        b = self.box
        if self.title:
            yield self.title
        yield self._rule(b.top_left, b.top_divider, b.top_right, b.top)
        for parts in self._cell_lines(self.headers):
            yield b.mid_left + b.mid_vertical.join(parts) + b.mid_right
        yield self._rule(b.head_row_left, b.head_row_cross, b.head_row_right, b.head_row_horizontal)
        between = self._rule(b.row_left, b.row_cross, b.row_right, b.row_horizontal)
        for n, cells in enumerate(self.rows):
            if n and self.rules_between_rows:
                yield between
            for parts in self._cell_lines(cells):
                yield b.mid_left + b.mid_vertical.join(parts) + b.mid_right
        yield self._rule(b.bottom_left, b.bottom_divider, b.bottom_right, b.bottom)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        assert self.box is not None
        b = self.box
        if self.title:
            yield Segment(self.title, Style(italic=True))
            yield Segment.line()
        yield Segment(self._rule(b.top_left, b.top_divider, b.top_right, b.top))
        yield Segment.line()
        # SVG places each segment at its cell: a whole line would be laid out by the font's
        # own glyph widths, so a recording console gets a segment per cell.
        whole_lines = not console.record
        yield from self._row(self.headers, Style(bold=True), whole_lines)
        yield Segment(self._rule(b.head_row_left, b.head_row_cross, b.head_row_right, b.head_row_horizontal))
        yield Segment.line()
        styles = {name: console.get_style(name) for name in set(self.styles) if name}
        between = self._rule(b.row_left, b.row_cross, b.row_right, b.row_horizontal)
        for n, cells in enumerate(self.rows):
            if n and self.rules_between_rows:
                yield Segment(between)
                yield Segment.line()
            style = self.styles[n] if n < len(self.styles) else None
            yield from self._row(cells, styles.get(style) if style else None, whole_lines)
        yield Segment(self._rule(b.bottom_left, b.bottom_divider, b.bottom_right, b.bottom))
        yield Segment.line()
