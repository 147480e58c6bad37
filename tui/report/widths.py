"""How wide each column of a report table is on a page of a given width: text columns
shrink first, number columns only fold their headers; no column is ever dropped."""

from __future__ import annotations

from duban.store.text import display_width
from duban.tui.report.blocks import Block, TableBlock

FLEX_MIN = 4  # cells a text column keeps however narrow the page: two CJK characters
FIXED_MIN = 2  # cells a number column's header may fold to (one CJK character)
FLEX_COMFORT = 12  # a text column narrower than this reads badly: fold headers first


def _longest(block: TableBlock, n: int, header: bool = True) -> int:
    cells = [display_width(block.columns[n].header)] if header else [0]
    return max(cells + [max((display_width(line) for line in row[n].split("\n")), default=0)
                        for row in block.rows])


def _floor(block: TableBlock, n: int) -> int:
    """The fewest cells column n can have: a text column folds to FLEX_MIN; any other
    column keeps its widest cell, and only its header folds."""
    if block.columns[n].ratio:
        return FLEX_MIN
    return max(_longest(block, n, header=False), FIXED_MIN)


def table_floor(block: TableBlock) -> int:
    """The narrowest page this table fits on, rules and padding included."""
    return 3 * len(block.columns) + 1 + sum(_floor(block, n) for n in range(len(block.columns)))


def narrowest_page(blocks: list[Block]) -> int:
    """The narrowest page every table of the report fits on (no column is ever dropped)."""
    return max((table_floor(b) for b in blocks if isinstance(b, TableBlock)), default=0)


def column_widths(block: TableBlock, page: int) -> list[int]:
    """Each column's width in cells for a page `page` cells wide: what its longest cell
    needs, the text columns (those with a ratio) shrunk to fit, then, on a page narrower
    still, the other columns' headers folded; never a column dropped.  Set on the Rich
    columns so Rich need not measure every cell (a tenth of a second per thousand rows)."""
    # A full-width table's text columns take their share of the page whatever they hold:
    # only the other columns are measured (a 50,000-item detail table has nothing else).
    natural = [col.min_width or 1 if block.full_width and col.ratio else max(_longest(block, n), col.min_width or 1)
               for n, col in enumerate(block.columns)]
    room = page - (3 * len(block.columns) + 1)  # padding and rules
    flexible = [n for n, c in enumerate(block.columns) if c.ratio]
    fixed = sum(w for n, w in enumerate(natural) if n not in flexible)
    if block.full_width and flexible:
        spare = max(len(flexible) * FLEX_MIN, room - fixed)
        total_ratio = sum(block.columns[n].ratio or 1 for n in flexible)
        for n in flexible:
            natural[n] = max(block.columns[n].min_width or FLEX_MIN, spare * (block.columns[n].ratio or 1) // total_ratio)
    # Too wide: take cells where it hurts least first.  Text columns down to a
    # comfortable width, then number columns' headers folded to two CJK characters, then
    # text down to FLEX_MIN, then headers to one character.
    fixed_cols = [n for n in range(len(natural)) if n not in flexible]
    data = {n: _floor(block, n) for n in fixed_cols}
    over = sum(natural) - room
    for cols, floor in ((flexible, lambda n: FLEX_COMFORT), (fixed_cols, lambda n: max(data[n], 4)),
                        (flexible, lambda n: FLEX_MIN), (fixed_cols, lambda n: data[n])):
        if over <= 0:
            break
        over = _squeeze(natural, cols, over, floor)
    return natural


def _squeeze(widths: list[int], cols: list[int], over: int, floor) -> int:  # noqa: ANN001
    """Take up to `over` cells from these columns, widest first, none below floor(n);
    what is still over."""
    while over > 0:
        room = [n for n in cols if widths[n] > floor(n)]
        if not room:
            break
        widest = max(widths[n] for n in room)
        for n in room:
            if widths[n] == widest and over > 0:
                widths[n] -= 1
                over -= 1
    return over
