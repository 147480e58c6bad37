"""The main screen's 督办 loop actions (issue 10): sign off the highlighted item (it must be
done; the evidence is asked in the prompt bar), edit it (`E`) and add an item under the
highlighted task (`A`) in a form.  Each writes through the Repository like the command
line, goes on the app's undo stack, and refreshes the panes it touched."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from duban.tui.app.screens.item_form import ItemForm
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.app.widgets.prompt import PromptBar
from duban.tui.text.history import entry_words

if TYPE_CHECKING:
    from duban.store.records import Change

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

        def submit(v: dict[str, str]) -> list[Change]:
            if not v["reason"].strip():
                raise ValueError(self.t("msg.need_reason"))
            changes = {"text": v["text"], "lead": _units(v["lead"]), "responsible": _units(v["units"]),
                       "deadline": v["deadline"] if v["deadline"].strip() != item.deadline.raw else None}
            return self._record_changes(self.state.repo.edit(item.id, changes, v["reason"]))

        self.app.push_screen(ItemForm(self.t, self.t("app.edit_title", id=item.id), values, submit), self._formed)

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

        def submit(v: dict[str, str]) -> list[Change]:
            change = self.state.repo.add_item(plan, node, v["text"], _units(v["lead"]), _units(v["units"]),
                                              v["deadline"].strip() or None, v["reason"].strip() or None)
            self.state.reload()  # a new item: the plan's shape changed
            return self._record_changes([change])

        self.app.push_screen(ItemForm(self.t, self.t("app.add_title", plan=plan, node=node), {}, submit),
                             self._formed)

    @staticmethod
    def _node_of(ref) -> tuple[str | None, str | None]:  # noqa: ANN001 - a hierarchy Ref
        return (ref.plan, ref.id) if ref.kind in ("main", "work") else (None, None)

    def _formed(self, changes: list[Change] | None) -> None:
        if not changes:
            return
        self.refresh_all(keep=changes[0].item_id)
        first = changes[0]
        self.say(self.t("app.adjusted", id=first.item_id,
                        what=entry_words(self.t, first).what), timeout=3)
