"""The units pane: every unit with its item and overdue counts, collective units apart.

Several units can be chosen at once (space / enter); the hierarchy then shows their
items.  A switch narrows to the units' lead (牵头) role.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from duban.store.tally import UnitTally
from duban.store.text import cut
from duban.tui.app.bindings import bindings_for
from duban.tui.app.item_style import BOLD
from duban.tui.settings.i18n import Labels

SEPARATOR = "\x00collective"


class UnitTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("units")  # keys: keymaps/*.toml

    class Toggled(Message):
        """Space / enter on a row: choose that unit, or drop it."""

        def __init__(self, unit: str | None) -> None:
            super().__init__()
            self.unit = unit  # the row the key was pressed on (keys after it may move the cursor)

    def action_toggle_unit(self) -> None:
        self.post_message(self.Toggled(self.current_unit()))

    def current_unit(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key == SEPARATOR else key

    def action_toggle_lead(self) -> None:
        self.post_message(LeadSwitch.Flipped())


class LeadSwitch(Static):
    """A one-line switch: "[✓] 仅牵头"; a click flips it, as t does."""

    value: reactive[bool] = reactive(False)

    class Flipped(Message):
        """The lead-only switch asked to flip (t, or a click)."""

    def __init__(self, label: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.label = label

    def render(self) -> Text:
        return Text(f"[{'✓' if self.value else ' '}] {self.label}")

    def on_click(self) -> None:
        self.post_message(self.Flipped())


class UnitsPane(Vertical):
    class UnitsChosen(Message):
        def __init__(self, units: frozenset[str], lead_only: bool) -> None:
            super().__init__()
            self.units = units
            self.lead_only = lead_only

    COMPONENT_CLASSES: ClassVar[set[str]] = {"light--red"}  # the overdue counts (app.tcss)

    def __init__(self, labels: Labels, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.t = labels
        self.chosen: set[str] = set()
        self.lead_only = False
        self._rows: list[UnitTally] = []
        self._order: list[str] = []
        self._shown: dict[str, tuple[int, int, bool]] = {}
        self.name_filter = ""  # typed in the prompt (/ with this pane focused): text or pinyin initials

    def compose(self) -> ComposeResult:
        yield LeadSwitch(self.t("app.lead_only"), id="lead-switch")
        yield UnitTable(cursor_type="row", zebra_stripes=False, id="unit-table")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._recolour)
        table = self.query_one(UnitTable)
        table.add_column(" ", key="mark", width=1)
        table.add_column(self.t("col.unit"), key="name")
        table.add_column(self.t("col.items"), key="items")
        table.add_column("!", key="overdue")

    def filter_names(self, text: str) -> None:
        self.name_filter = text.strip().lower()
        self._order = []
        self.show(self._rows)

    def _wanted(self, rows: list[UnitTally]) -> list[UnitTally]:
        needle = self.name_filter
        if not needle:
            return rows
        from duban.store.pinyin import initials

        by_initials = needle.isascii() and needle.isalpha()
        return [r for r in rows if needle in r.name.lower() or (by_initials and needle in initials(r.name))]

    def show(self, rows: list[UnitTally]) -> None:
        table = self.query_one(UnitTable)
        keep = table.cursor_row
        self._rows = rows
        rows = self._wanted(rows)
        shown = {r.name: (r.items, r.overdue, r.name in self.chosen) for r in rows}
        if [r.name for r in rows] == self._order:
            # Same units in the same order (a status change): touch only what changed.
            for row in rows:
                if self._shown.get(row.name) != shown[row.name]:
                    for column, cell in zip(("mark", "name", "items", "overdue"), self._cells(row)):
                        table.update_cell(row.name, column, cell)
            self._shown = shown
            return
        self._order, self._shown = [r.name for r in rows], shown
        table.clear()
        named = [r for r in rows if not r.collective]
        collective = [r for r in rows if r.collective]
        for row in named:
            table.add_row(*self._cells(row), key=row.name)
        if collective:
            table.add_row(Text(""), Text(self.t("app.collective"), style="dim italic"), Text(""), Text(""),
                          key=SEPARATOR)
            for row in collective:
                table.add_row(*self._cells(row), key=row.name)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _cells(self, row: UnitTally) -> list[Text]:
        mark = Text("✓", style="bold") if row.name in self.chosen else Text(" ")
        late = Text(str(row.overdue), style=BOLD + self.get_component_rich_style("light--red", partial=True)) \
            if row.overdue else Text("")
        return [mark, Text(cut(row.name, 24)), Text(str(row.items), justify="right"), late]

    def _recolour(self, _theme: object) -> None:
        self._order = []  # every row drawn again, in the new theme's colours
        self.show(self._rows)

    def take_focus(self) -> None:
        """Focus the unit list at once (not after the keys already typed: tui/app/key_order.py)."""
        self.screen.set_focus(self.query_one(UnitTable))

    @on(UnitTable.Toggled)
    def _toggled(self, event: UnitTable.Toggled) -> None:
        event.stop()
        self.toggle(event.unit)

    def toggle(self, unit: str | None) -> None:
        if unit is None:
            return
        self.chosen.symmetric_difference_update({unit})
        self.query_one(UnitTable).update_cell(unit, "mark", Text("✓", style="bold") if unit in self.chosen else Text(" "))
        self._announce()

    @on(LeadSwitch.Flipped)
    def toggle_lead(self, event: LeadSwitch.Flipped) -> None:
        event.stop()
        self.lead_only = not self.lead_only
        self.query_one(LeadSwitch).value = self.lead_only
        self._announce()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # A mouse click on a row chooses it, as space does.
        event.stop()
        self.toggle(self.query_one(UnitTable).current_unit())

    def clear_choice(self) -> None:
        self.chosen.clear()
        self._order = []
        self.show(self._rows)

    def _announce(self) -> None:
        self.post_message(self.UnitsChosen(frozenset(self.chosen), self.lead_only))
