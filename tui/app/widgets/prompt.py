"""A one-line input at the bottom: the search box and the progress-note box.

Enter submits, escape cancels; search also reports every keystroke."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Key
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label


class PromptBar(Horizontal):
    class Changed(Message):
        def __init__(self, mode: str, value: str) -> None:
            super().__init__()
            self.mode, self.value = mode, value

    class Submitted(Message):
        def __init__(self, mode: str, value: str) -> None:
            super().__init__()
            self.mode, self.value = mode, value

    class Cancelled(Message):
        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.mode = ""
        self._back: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="prompt-label")
        yield Input(id="prompt-input")

    def open(self, mode: str, label: str, value: str = "") -> None:
        self.mode = mode
        self.query_one("#prompt-label", Label).update(Text(label))
        box = self.query_one(Input)
        box.value = value
        self.display = True
        # Focus moves at once (Widget.focus waits its turn): with the app's keys handled
        # in order (tui/app/key_order.py), the keys typed right after are this box's text;
        # closing gives the focus back at once too.
        focused = self.screen.focused
        if focused is not box:
            self._back = focused
        self.screen.set_focus(box)

    def close(self) -> None:
        self.display = False
        self.mode = ""
        if self._back is not None and self._back.is_attached:
            self.screen.set_focus(self._back)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.mode:
            self.post_message(self.Changed(self.mode, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        mode = self.mode
        self.close()
        self.post_message(self.Submitted(mode, event.value))

    def on_key(self, event: Key) -> None:
        if event.key == "escape" and self.mode:
            event.stop()
            event.prevent_default()
            mode = self.mode
            self.close()
            self.post_message(self.Cancelled(mode))
