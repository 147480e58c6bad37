"""The line above the panes: the title, how many items are shown of how many, and
which filters are on (a filtered view says so, whatever pane is showing)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from duban.tui.app.state import Filters
from duban.tui.settings.i18n import Labels


class TopBar(Static):
    def __init__(self, labels: Labels, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.t = labels

    def show(self, f: Filters, shown: int, total: int) -> None:
        t = self.t
        parts = []
        if f.units:
            parts.append(t("app.filter_units", n=len(f.units)) + ("·" + t("app.filter_lead") if f.lead_only else ""))
        if f.overdue_only:
            parts.append(t("app.filter_overdue"))
        if f.day:
            parts.append(t("app.filter_day", day=f.day.isoformat()))
        if f.search:
            parts.append(t("app.filter_search", text=f.search))
        text = f" {t('app.title')}  " + t("app.count", shown=shown, total=total)
        if parts:
            text += "  " + t("app.filters") + t("app.filter_sep").join(parts)
        if not total:
            text += "  " + t("app.empty")
        self.update(Text(text))  # imported text (a search) is never read as markup
