"""How an item looks in a line: status glyph, traffic light, id, text, deadline, lead.

Colours are Textual's: a pane that draws items declares STYLE_CLASSES as component
classes, app.tcss colours them with the theme's variables ($status-done, $light-red …),
and the pane hands its own ItemStyle (drawn_by) its component styles.  The glyphs and
the ! / ~ marks carry the same meaning without colour (monochrome theme, NO_COLOR).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from rich.style import Style
from rich.text import Text

from duban.store.model import STATUSES, Item
from duban.store.queries import light
from duban.store.text import cut, display_width
from duban.tui.settings.i18n import Labels
from duban.tui.text.marks import GLYPH, MARK, unit_cell

DUE_WIDTH = 6  # "10-30*", "全年"
UNIT_SHARE, UNIT_MIN, UNIT_MAX = 4, 10, 32  # the unit column: a quarter of the line, within bounds
LIGHTS = ("red", "yellow", "green")
STYLE_CLASSES = {*(f"status--{s}" for s in STATUSES), *(f"light--{t}" for t in LIGHTS)}
BOLD = Style(bold=True)


@dataclass
class ItemStyle:
    labels: Labels
    today: date
    soon_days: int = 7
    look: Callable[[str], Style] | None = None  # a component class's style in the widget drawing

    def drawn_by(self, widget) -> ItemStyle:  # noqa: ANN001 - a Widget with STYLE_CLASSES
        """This style, coloured as the widget's component classes are (the theme's colours)."""
        return replace(self, look=lambda name: widget.get_component_rich_style(name, partial=True))

    def light(self, item: Item) -> str:
        return light(item, self.today, self.soon_days)

    def light_style(self, tone: str) -> Style:
        return self.look(f"light--{tone}") if self.look else Style()

    def status_style(self, status: str) -> Style:
        return self.look(f"status--{status}") if self.look else Style()

    def due(self, item: Item) -> str:
        if item.deadline.kind == "all_year":
            return self.labels("kind.all_year")
        # * : no deadline written, the plan's year end is assumed (as `duban ls` marks it)
        return f"{item.deadline.due_date:%m-%d}" + ("*" if item.deadline.kind == "implicit" else "")

    def item_line(self, item: Item, width: int) -> Text:
        """One line of `width` cells: the deadline and unit columns at fixed places (every
        line of a pane ends at its right edge), the text cut, never half a character."""
        tone = self.light(item)
        unit_room = max(UNIT_MIN, min(UNIT_MAX, width // UNIT_SHARE))
        lead = unit_cell(item, unit_room)
        due = self.due(item)
        head = f"{GLYPH[item.status]}{MARK[tone]} {item.id} "
        tail = f" {pad(due, DUE_WIDTH)} {pad(lead, unit_room)}"
        room = max(4, width - display_width(head) - display_width(tail))
        body = cut(item.text.split("\n")[0], room)
        line = Text()
        line.append(GLYPH[item.status], style=self.status_style(item.status))
        line.append(MARK[tone], style=BOLD + self.light_style(tone))
        line.append(f" {item.id} ", style="dim")
        line.append(body, style="dim" if item.status == "done" else "")
        line.append(" " * (room - display_width(body)))
        line.append(f" {pad(due, DUE_WIDTH)}", style=self.light_style(tone))
        line.append(f" {pad(lead, unit_room)}", style="italic")
        return line


def pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - display_width(text))
