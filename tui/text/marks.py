"""The characters that say an item's status and urgency without colour, and its unit
cell, shared by the command line and the app (no rich or textual here: the command line
imports it)."""

from __future__ import annotations

from duban.store.model import Item, lead_unit_of
from duban.store.text import cut, display_width

GLYPH = {"todo": "○", "doing": "◐", "done": "●", "blocked": "✕"}
MARK = {"red": "!", "yellow": "~", "green": " "}


def unit_cell(item: Item, room: int | None = None) -> str:
    """The unit the item goes by (Item.lead_unit) and "+N" for the others, cut to `room`
    cells when given (never the "+N": it says there is more)."""
    return unit_cell_of(item.lead_units, item.units, room)


def unit_cell_of(lead_units: list[str], units: list[str], room: int | None = None) -> str:
    """unit_cell of an item's units as stored (after the aliases)."""
    name, more = lead_unit_of(lead_units, units)
    if not name:
        return ""
    tail = f" +{more}" if more else ""
    if room is not None:
        name = cut(name, max(2, room - display_width(tail)))
    return name + tail
