"""The deadline calendar: a month grid, Monday first, today marked; each day with
deadlines shows how many and its worst traffic light.  All-year and implicit
deadlines are counted under the grid.  Enter on a day filters the hierarchy to it.
"""

from __future__ import annotations

import calendar as cal
from datetime import date, timedelta
from typing import ClassVar

from dateutil.relativedelta import relativedelta
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from duban.store.text import display_width
from duban.tui.app.bindings import bindings_for
from duban.tui.app.item_style import BOLD, LIGHTS
from duban.tui.app.state import DayCount
from duban.tui.settings.i18n import Labels

CELL = 6  # "30·120" fits, never cut; the grid is 7 × 6 = 42 cells wide
MAX_COUNT = 999


class DeadlineCalendar(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("calendar")  # keys: keymaps/*.toml
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"light--{tone}" for tone in LIGHTS}  # a day's worst light (app.tcss)

    cursor: reactive[date] = reactive(date.today)

    class DayPicked(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, labels: Labels, today: date, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.t = labels
        self.today = today
        self.days: dict[date, DayCount] = {}
        self.all_year = 0
        self.implicit = 0
        self.picked: date | None = None
        self.anchor: date | None = None  # the selected item's deadline, set by the screen
        self.set_reactive(DeadlineCalendar.cursor, today)

    def show(self, days: dict[date, DayCount], all_year: int, implicit: int, picked: date | None) -> None:
        self.days, self.all_year, self.implicit, self.picked = days, all_year, implicit, picked
        self.refresh()

    def open_at(self, day: date | None) -> None:
        """Opened: on the selected item's deadline, else on today (never on the store's earliest)."""
        self.cursor = day or self.today

    def _weeks(self) -> list[list[date]]:
        return cal.Calendar(firstweekday=0).monthdatescalendar(self.cursor.year, self.cursor.month)

    def render(self) -> Text:
        text = Text()
        count = self.days.get(self.cursor)
        # The cursor's day in words: the grid's "31·120" needs no guessing.
        title = self.t("app.month", year=self.cursor.year, month=self.cursor.month) + "  " + self.t(
            "app.day_line", day=self.cursor.day, count=count.items if count else 0)
        text.append(title.center(7 * CELL - display_width(title) + len(title)).rstrip() + "\n", style="bold")
        for name in self.t("app.weekdays").split():
            # Day numbers fill a cell's first two columns: so do the weekday names.
            text.append(name + " " * (CELL - display_width(name)), style="dim")
        text.append("\n")
        for week in self._weeks():
            for day in week:
                self._cell(text, day)
            text.append("\n")
        text.append(self.t("app.all_year_line", all_year=self.all_year, implicit=self.implicit), style="dim")
        return text

    def _cell(self, text: Text, day: date) -> None:
        count = self.days.get(day)
        shown = f"{min(count.items, MAX_COUNT)}" if count else ""
        label = f"{day.day:>2}" + (f"·{shown:<3}" if count else "")
        style = Style()
        if day.month != self.cursor.month:
            style = Style(dim=True)
        elif count:
            style = BOLD + self.get_component_rich_style(f"light--{count.worst}", partial=True)
        style += Style(underline=day == self.today or None, italic=day == self.picked or None,
                       reverse=day == self.cursor and self.has_focus or None)
        text.append(label[:CELL].ljust(CELL), style=style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    def action_move(self, days: int) -> None:
        self.cursor = self.cursor + timedelta(days=days)

    def action_month(self, months: int) -> None:
        self.cursor = self.cursor + relativedelta(months=months)

    def action_today(self) -> None:
        self.cursor = self.today

    def action_item_month(self) -> None:
        self.cursor = self.anchor or self.today

    def action_pick(self) -> None:
        self.post_message(self.DayPicked(self.cursor))

    def on_click(self, event: Click) -> None:
        row, col = event.y - 2, event.x // CELL
        weeks = self._weeks()
        if 0 <= row < len(weeks) and 0 <= col < 7:
            self.cursor = weeks[row][col]
            self.action_pick()
