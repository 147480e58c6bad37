"""The main screen's 督办 loop actions (issue 10): sign off the highlighted item (it must be
done; the evidence is asked in the prompt bar), edit it (`E`) and add an item under the
highlighted task (`A`) in a form.  Each writes through the Repository like the command
line, goes on the app's undo stack, and refreshes the panes it touched."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from duban.tui.app.screens.item_form import REFUSED as FORM_REFUSED
from duban.tui.app.screens.item_form import ItemForm
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.app.widgets.prompt import PromptBar
from duban.tui.text.history import entry_words

if TYPE_CHECKING:
    from duban.store.records import Change
    from duban.tui.app.screens.writes import Write, Written
    from duban.tui.app.state import Loaded

_SPLIT = re.compile(r"[、,，;；\s]+")


def _units(text: str) -> list[str]:
    return [u for u in _SPLIT.split(text.strip()) if u]


class LoopActions:
    """Mixed into MainScreen (which supplies state, t, say, write and refresh_all)."""

    def _record_changes(self, changes: list[Change]) -> list[Change]:
        self.state.recorded(changes, [c.item_id for c in changes])
        return changes

    def _current_item(self):  # noqa: ANN202 - Item | None
        ref = self.query_one(HierarchyTree).current
        return self.state.item(ref.id) if ref is not None and ref.kind == "item" else None

    def action_sign_off(self) -> None:
        item = self._current_item()
        if item is None:
            return
        if item.status != "done" or item.signed_off:
            key = "app.signoff_twice" if item.signed_off else "app.signoff_not_done"
            self.say(self.t(key, id=item.id), severity="warning", timeout=4)
            return
        self.query_one(PromptBar).open(f"signoff:{item.id}", self.t("app.signoff_prompt", id=item.id))

    def signoff_submitted(self, event: PromptBar.Submitted) -> None:
        """The evidence typed in the prompt bar (MainScreen passes the `signoff:ID` mode on)."""
        self.query_one(HierarchyTree).focus()
        evidence = event.value.strip()
        if evidence:
            item_id = event.mode.split(":", 1)[1]
            repo = self.state.repo
            self.write(lambda: repo.sign_off([item_id], evidence), [item_id])

    def action_edit_item(self) -> None:
        item = self._current_item()
        if item is None:
            return
        rest = item.responsible
        values = {"text": item.text, "lead": "、".join(item.lead_units), "units": "、".join(rest),
                  "deadline": item.deadline.raw}
        repo = self.state.repo

        def run_for(v: dict[str, str]) -> Callable[[], tuple[list[Change], None]]:
            if not v["reason"].strip():
                raise ValueError(self.t("msg.need_reason"))
            changes = {"text": v["text"], "lead": _units(v["lead"]), "responsible": _units(v["units"]),
                       "deadline": v["deadline"] if v["deadline"].strip() != item.deadline.raw else None}
            return lambda: (repo.edit(item.id, changes, v["reason"]), None)

        self._form(self.t("app.edit_title", id=item.id), values, run_for, [item.id])

    def action_add_item(self) -> None:
        tree = self.query_one(HierarchyTree)
        ref = tree.current
        if ref is None:
            return
        item = self.state.item(ref.id) if ref.kind == "item" else None
        plan, node = (item.plan, item.work or item.main) if item else self._node_of(ref)
        if plan is None or node is None:
            self.say(self.t("app.add_where"), severity="warning", timeout=4)
            return
        state = self.state

        def run_for(v: dict[str, str]) -> Callable[[], tuple[list[Change], Loaded]]:
            def run() -> tuple[list[Change], Loaded]:
                change = state.repo.add_item(plan, node, v["text"], _units(v["lead"]), _units(v["units"]),
                                             v["deadline"].strip() or None, v["reason"].strip() or None)
                return [change], state.read_fresh()  # a new item: the plan's shape changed
            return run

        self._form(self.t("app.add_title", plan=plan, node=node), {}, run_for, [])

    @staticmethod
    def _node_of(ref) -> tuple[str | None, str | None]:  # noqa: ANN001 - a hierarchy Ref
        return (ref.plan, ref.id) if ref.kind in ("main", "work") else (None, None)

    def _form(self, title: str, values: dict[str, str], run_for: Callable[[dict[str, str]], Callable[[], Any]],
              items: list[str]) -> None:
        """The form; enter asks for the write `run_for(values)` makes, in the write worker
        (after the writes asked before it), and the form stays open until it comes back."""
        asked: list[Write] = []

        def submit(v: dict[str, str], form: ItemForm) -> None:
            run = run_for(v)  # a ValueError: said in the form at once
            asked[:] = [self.write(run, items, refused=FORM_REFUSED, done=lambda event: self._form_written(form, event))]

        def closed(result: bool | None) -> None:
            if result is None and asked and self.pending(asked[0]) and not self.unwrite(asked[0]):
                self.say(self.t("app.form_still_saving"), timeout=6)  # waiting for the lock: it cannot be called back

        self.app.push_screen(ItemForm(self.t, title, values, submit), closed)

    def _form_written(self, form: ItemForm, event: Written) -> None:
        if event.error is not None:
            if not form.written(event.error):  # the form was closed meanwhile
                self.say(self.t("app.error", text=form.refusal(event.error)), severity="error", timeout=8)
            return
        changes, loaded = event.changes
        if loaded is not None:
            self.state.adopt(loaded)
        self._record_changes(changes)
        form.written(None)
        self._formed(changes)

    def _formed(self, changes: list[Change] | None) -> None:
        if not changes:
            return
        self.refresh_all(keep=changes[0].item_id)
        first = changes[0]
        self.say(self.t("app.adjusted", id=first.item_id,
                        what=entry_words(self.t, first).what), timeout=3)
