"""The command palette in the user's language: Textual's palette with our placeholder and
"no matches" line, offering duban's commands and duban's themes only."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandPalette
from textual.widgets.option_list import Option

from duban.tui.app.widgets.whole_chars import WholeCharCompositor


class LocalPalette(CommandPalette):
    def __init__(self, no_matches: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._compositor = WholeCharCompositor()  # overlays keep wide characters whole
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own says "No matches found" in English, whatever the user reads.
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                from textual.command import CommandList

                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.no_matches, style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)
