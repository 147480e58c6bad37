"""An item as `ls --json` and `show --json` give it: the contract scripts rely on (the
README's JSON section)."""

from __future__ import annotations

from datetime import date

from duban.store import workdays
from duban.store.model import Item
from duban.store.queries import View, is_overdue, light

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any


def item_json(view: View, item: Item, as_of: date, soon: int) -> dict[str, Any]:
    return {
        "id": item.id, "plan": item.plan, "number": item.number if item.number else str(item.n),
        "main_task": view.node_label(item, 1) or None, "work_task": view.node_label(item, 2) or None,
        "text": item.text, "lead_units": item.lead_units, "units": item.units,
        "units_raw": item.units_raw,
        "deadline": {"raw": item.deadline.raw, "kind": item.deadline.kind, "due": item.deadline.due,
                     "implicit": item.deadline.kind == "implicit"},
        "status": item.status, "overdue": is_overdue(item, as_of), "light": light(item, as_of, soon),
        "note": item.note,
        # Always working days (the field's name), whatever the config counts days in; none once done.
        "workdays_left": None if item.status == "done" else workdays.between(as_of, item.deadline.due_date, "working"),
    } | ({"requirement": item.requirement} if item.requirement else {}) | loop_json(item)


def loop_json(item: Item) -> dict[str, Any]:
    """The 督办 loop's fields (issue 10): sign-off, 延期, withdrawn, carry-over links."""
    signoff = {k: item.signoff.get(k) for k in ("by", "name", "at", "evidence")} if item.signed_off else None
    original = item.original_deadline
    return {"signoff": signoff, "withdrawn": item.withdrawn,
            "original_deadline": {"raw": original.raw, "due": original.due} if original else None,
            "extended_days": item.extension_days, "carried_from": item.carried_from, "carried_to": item.carried_to}
