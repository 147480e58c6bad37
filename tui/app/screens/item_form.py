"""The edit / add form (`E`, `A`): the same fields as `duban edit` and `duban add` (text,
lead units, responsible units, deadline, reason), checked by the same store code; a
refusal is shown in the form, which stays open with what was typed.

Enter asks the main screen for the write, which runs in its write worker
(tui/app/screens/writes.py): the form says it is saving and stays open, answering keys,
until the outcome comes back through `written` (closed on success, the refusal shown)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from duban.store.adjust import AdjustError
from duban.store.repository import UnknownItem
from duban.store.storage import StoreError
from duban.tui.settings.i18n import Labels

FIELDS = ("text", "lead", "units", "deadline", "reason")
REFUSED = (AdjustError, StoreError, UnknownItem, ValueError)  # the store's refusals, said in the form


class ItemForm(ModalScreen[bool | None]):
    """`submit(values, form)` checks what is cheap to check on the spot (a ValueError says
    what is missing) and asks for the write, whose outcome it passes to `form.written`.
    Dismissed with True once written, None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, labels: Labels, title: str, values: dict[str, str],
                 submit: Callable[[dict[str, str], ItemForm], None]) -> None:
        super().__init__()
        self.t, self.title_, self.values, self.submit = labels, title, values, submit
        self.saving = False  # a write asked for and not come back yet
        self.closed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="item-form"):
            yield Label(Text(self.title_), id="item-form-title")
            for name in FIELDS:
                yield Label(Text(self.t(f"form.{name}")))
                yield Input(self.values.get(name, ""), id=f"form-{name}")
            yield Label(Text(self.t("form.hint")), id="item-form-hint")

    def on_mount(self) -> None:
        self.query_one("#form-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.saving:  # asked already: its outcome is on its way
            return
        values = {name: self.query_one(f"#form-{name}", Input).value for name in FIELDS}
        try:
            self.submit(values, self)
        except ValueError as exc:  # a missing field, said by the caller
            self._error(str(exc))
            return
        self.saving = True
        self._hint(self.t("form.saving"), error=False)

    def written(self, error: Exception | None) -> bool:
        """The write's outcome: the form closes, or says the refusal and stays open.
        False when the form was closed meanwhile (the caller says it instead)."""
        self.saving = False
        if self.closed:
            return False
        if error is None:
            self.closed = True
            if self.is_active:
                self.dismiss(True)
            # else another screen (the palette, help) is over the form: it closes when shown again
        else:
            self._error(self.refusal(error))
        return True

    def refusal(self, exc: Exception) -> str:
        if isinstance(exc, UnknownItem):
            return self.t("msg.unknown_id", id=exc.args[0])
        if isinstance(exc, (AdjustError, StoreError)):
            return self.t.say(exc.args[0])
        return str(exc)

    def _error(self, text: str) -> None:
        self._hint(text, error=True)

    def _hint(self, text: str, error: bool) -> None:
        hint = self.query_one("#item-form-hint", Label)
        hint.update(Text(text))
        hint.set_class(error, "error")

    def on_screen_resume(self) -> None:
        if self.closed and not self.saving:  # written while another screen was over it
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.closed = True
        self.dismiss(None)
