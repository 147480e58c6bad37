"""The edit / add form (`E`, `A`): the same fields as `duban edit` and `duban add` (text,
lead units, responsible units, deadline, reason), checked by the same store code; a
refusal is shown in the form, which stays open with what was typed."""

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
from duban.store.records import Change
from duban.store.repository import UnknownItem
from duban.store.storage import StoreError
from duban.tui.settings.i18n import Labels

FIELDS = ("text", "lead", "units", "deadline", "reason")


class ItemForm(ModalScreen[list[Change] | None]):
    """`submit(values)` writes through the Repository and returns its changes, or raises a
    refusal whose message is shown here."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, labels: Labels, title: str, values: dict[str, str],
                 submit: Callable[[dict[str, str]], list[Change]]) -> None:
        super().__init__()
        self.t, self.title_, self.values, self.submit = labels, title, values, submit

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
        values = {name: self.query_one(f"#form-{name}", Input).value for name in FIELDS}
        try:
            changes = self.submit(values)
        except (AdjustError, StoreError) as exc:
            self._error(self.t.say(exc.args[0]))
            return
        except UnknownItem as exc:
            self._error(self.t("msg.unknown_id", id=exc.args[0]))
            return
        except ValueError as exc:  # a missing field, said by the caller
            self._error(str(exc))
            return
        self.dismiss(changes)

    def _error(self, text: str) -> None:
        hint = self.query_one("#item-form-hint", Label)
        hint.update(Text(text))
        hint.add_class("error")

    def action_cancel(self) -> None:
        self.dismiss(None)
