"""How an item looks in a line: status glyph, traffic light, id, text, deadline, lead.

Colours come from the theme's variables ($status-*, $light-*); the glyphs and the
! / ~ marks carry the same meaning without colour (monochrome theme, NO_COLOR).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.text import Text

from store.model import Item
from store.queries import light
from store.text import cut, display_width
from tui.i18n import Labels
from tui.marks import GLYPH, MARK

LEAD_WIDTH = 12


@dataclass
class ItemStyle:
    labels: Labels
    today: date
    soon_days: int = 7
    colours: dict[str, str] = field(default_factory=dict)  # theme variables

    def light(self, item: Item) -> str:
        return light(item, self.today, self.soon_days)

    def light_style(self, tone: str) -> str:
        return self.colours.get(f"light-{tone}", "")

    def status_style(self, status: str) -> str:
        return self.colours.get(f"status-{status}", "")

    def due(self, item: Item) -> str:
        if item.deadline.kind == "all_year":
            return self.labels("kind.all_year")
        return f"{item.deadline.due_date:%m-%d}"

    def item_line(self, item: Item, width: int) -> Text:
        """One line of at most `width` cells; the text is cut, never half a character."""
        tone = self.light(item)
        lead = cut((item.lead_units or item.units or [""])[0], LEAD_WIDTH)
        due = self.due(item)
        head = f"{GLYPH[item.status]}{MARK[tone]} {item.id} "
        tail = f" {due} {lead}".rstrip()
        room = max(4, width - display_width(head) - display_width(tail))
        body = cut(item.text.split("\n")[0], room)
        line = Text()
        line.append(GLYPH[item.status], style=self.status_style(item.status))
        line.append(MARK[tone], style=f"bold {self.light_style(tone)}")
        line.append(f" {item.id} ", style="dim")
        line.append(body, style="dim" if item.status == "done" else "")
        line.append(" " * (room - display_width(body)))
        line.append(f" {due}", style=self.light_style(tone))
        if lead:
            line.append(f" {lead}", style="italic")
        return line
