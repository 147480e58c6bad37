"""The detail pane: the highlighted item in full, its units, deadline, status, and its
history and progress notes newest first.  Everything imported is shown as plain Text."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.model import Item
from store.queries import View
from tui.adjust_text import describe_change, loop_fields
from tui.i18n import Labels
from tui.item_style import ItemStyle
from tui.marks import GLYPH


class DetailPane(VerticalScroll, can_focus=True):
    def __init__(self, labels: Labels, style: ItemStyle, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.t = labels
        self.style_ = style
        self.body = Static(Text(labels("app.no_item"), style="dim"), id="detail-body")

    def compose(self):  # noqa: ANN201
        yield self.body

    def show(self, item: Item | None, view: View | None) -> None:
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
                text.append(f"{t('show.main' if level == 1 else 'show.work')}：", style="dim")
                text.append(label + "\n")
        text.append("\n")
        text.append(item.text + "\n\n")
        responsible = [u for u in item.units if u not in item.lead_units]
        self._field(text, t("show.lead"), "、".join(item.lead_units) or t("show.none"))
        self._field(text, t("show.responsible"), "、".join(responsible) or t("show.none"))
        self._field(text, t("show.raw"), item.units_raw or t("show.none"), dim=True)
        kind = t("kind." + item.deadline.kind)
        self._field(text, t("show.deadline"), f"{item.deadline.raw or '—'} → {item.deadline.due} ({kind})")
        for label, value in loop_fields(t, item, view.item, view.plans):  # 延期, 销号, 撤销, 结转 (issue 10)
            self._field(text, label, value)
        if item.history:
            text.append(f"\n{t('show.history')}\n", style="bold")
            for h in reversed(item.history):
                when = h.at[:16].replace("T", " ")
                text.append(f"{when} {h.who} ", style="dim")
                if h.field:  # an adjustment: what, old → new, why
                    text.append(describe_change(t, h.field, h.old, h.new, h.undo) + (f"（{h.reason}）" if h.reason else ""),
                                style="strike" if h.undone else "")
                elif h.from_ and h.from_ != h.to:
                    text.append(f"{t.status(h.from_)} → {t.status(h.to)}", style="strike" if h.undone else "")
                elif h.undo:
                    text.append("↶", style="dim")
                elif not h.note:
                    text.append(t.status(h.to))
                if h.note:
                    text.append(f" {h.note}", style="strike dim" if h.undone else "")
                text.append("\n")
        self.body.update(text)

    @staticmethod
    def _field(text: Text, label: str, value: str, dim: bool = False) -> None:
        text.append(f"{label}：", style="dim")
        text.append(value + "\n", style="dim" if dim else "")
