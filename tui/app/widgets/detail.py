"""The detail pane: the highlighted item in full, its units, deadline, status, and its
history and progress notes newest first.  Everything imported is shown as plain Text."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from duban.store.model import STATUSES, Item
from duban.store.queries import View, is_overdue
from duban.store.tally import by_unit
from duban.tui.app.item_style import BOLD, STYLE_CLASSES, ItemStyle
from duban.tui.settings.i18n import Labels
from duban.tui.text.adjust import loop_fields
from duban.tui.text.day_note import deadline_line
from duban.tui.text.history import entry_words
from duban.tui.text.marks import GLYPH, MARK

UNITS_SHOWN = 30  # a plan names a hundred units: the pane shows the busiest


class DetailPane(VerticalScroll, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = STYLE_CLASSES  # coloured in app.tcss

    def __init__(self, labels: Labels, style: ItemStyle, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.t = labels
        self.style_ = style.drawn_by(self)
        self._shown: tuple = ()  # what show / show_group was last given: drawn again in another theme
        self.body = Static(Text(labels("app.no_item"), style="dim"), id="detail-body")

    def compose(self):  # noqa: ANN201
        yield self.body

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._recolour)

    def _recolour(self, _theme: object) -> None:
        if self._shown:
            self._shown[0](*self._shown[1:])

    def show(self, item: Item | None, view: View | None) -> None:
        self._shown = (self.show, item, view)
        if item is None or view is None:
            self.body.update(Text(self.t("app.no_item"), style="dim"))
            return
        t = self.t
        tone = self.style_.light(item)
        text = Text()
        text.append(f"{GLYPH[item.status]} {item.id}  ", style="bold")
        text.append(t.status(item.status), style=self.style_.status_style(item.status))
        text.append(f"  {t('light.' + tone)}\n", style=self.style_.light_style(tone))
        for level in (1, 2):
            label = view.node_label(item, level)
            if label:
                text.append(t('show.main' if level == 1 else 'show.work') + t("app.colon"), style="dim")
                text.append(label + "\n")
        text.append("\n")
        text.append(item.text + "\n\n")
        if item.requirement:
            self._field(text, t("show.requirement"), item.requirement)
            text.append("\n")
        responsible = item.responsible
        sep = t("app.list_sep")
        self._field(text, t("show.lead"), sep.join(item.lead_units) or t("show.none"))
        self._field(text, t("show.responsible"), sep.join(responsible) or t("show.none"))
        self._field(text, t("show.raw"), item.units_raw or t("show.none"), dim=True)
        # the phrase, the day, and days left or late (a holiday deadline said so), as `show` says it
        self._field(text, t("show.deadline"), deadline_line(t, item, self.style_.today))
        for label, value in loop_fields(t, item, view.item, view.plans):  # 延期, 销号, 撤销, 结转 (issue 10)
            self._field(text, label, value)
        if item.history:
            text.append(f"\n{t('show.history')}\n", style="bold")
            for h in reversed(item.history):  # the words of `show` (tui/text/history.py), with styles
                words = entry_words(t, h)
                text.append(f"{words.at} {words.who} ", style="dim")
                # an undo is not an ordinary change (↶ 撤销 已完成 → 未开始); a reverted one is struck
                text.append(words.change, style="dim" if words.undo else "strike" if words.undone else "")
                if words.note:
                    text.append(f" {words.note}", style="strike dim" if words.undone else "")
                text.append("\n")
        self.body.update(text)

    def show_group(self, heading: str, items: list[Item]) -> None:
        """A plan, main task or work task: its counts by status, overdue, and its units."""
        self._shown = (self.show_group, heading, items)
        t, today = self.t, self.style_.today
        text = Text()
        text.append(heading + "\n\n", style="bold")
        text.append(t("app.group_total", count=len(items)) + "\n")
        by_status = Counter(i.status for i in items)
        for status in STATUSES:
            text.append(f"  {GLYPH[status]} ", style=self.style_.status_style(status))
            text.append(f"{t.status(status)} {by_status[status]}\n")
        late = sum(1 for i in items if is_overdue(i, today))
        if late:
            text.append(f"  {MARK['red']} " + t("app.group_overdue", count=late) + "\n",
                        style=BOLD + self.style_.light_style("red"))
        rows = by_unit(items, today)
        if rows:
            text.append("\n" + t("app.group_units", count=len(rows)) + "\n", style="dim")
            for row in rows[:UNITS_SHOWN]:
                text.append(f"  {row.name}  {row.items}")
                if row.overdue:
                    text.append(f"  {MARK['red']}{row.overdue}", style=self.style_.light_style("red"))
                text.append("\n")
            if len(rows) > UNITS_SHOWN:
                text.append("  " + t("app.group_more", count=len(rows) - UNITS_SHOWN) + "\n", style="dim")
        self.body.update(text)

    def _field(self, text: Text, label: str, value: str, dim: bool = False) -> None:
        text.append(label + self.t("app.colon"), style="dim")
        text.append(value + "\n", style="dim" if dim else "")
