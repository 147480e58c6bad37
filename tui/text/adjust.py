"""One renderer of an adjustment (store/adjust.py) as a line: "完成时限 年底前 (2021-12-31) →
2021年12月15日前 (2021-12-15)，延期 …", used by `show`, `log`, `edit` and the app's detail pane."""

from __future__ import annotations

from datetime import date

from duban.store.model import Item, who
from duban.tui.settings.i18n import Labels
from duban.tui.text.when import local_minute

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any


def _value(t: Labels, field: str, value: Any) -> str:
    if value is None or value == [] or value == "":
        return t("show.none")
    if field in ("lead", "responsible"):
        return "、".join(value)
    if field == "deadline":
        return f"{value.get('raw') or t('kind.' + value.get('kind', 'implicit'))} ({value.get('due')})"
    return str(value)


def _moved(t: Labels, old: dict, new: dict) -> str:
    try:
        days = (date.fromisoformat(new["due"]) - date.fromisoformat(old["due"])).days
    except (KeyError, TypeError, ValueError):
        return ""
    if days > 0:
        return t("field.extension", days=days)
    return t("field.advanced", days=-days) if days < 0 else ""


def describe_change(t: Labels, field: str, old: Any, new: Any, undo: bool = False) -> str:
    """What an adjustment did, in the user's language ("↶ " first when it undid one)."""
    mark = "↶ " if undo else ""
    if field == "withdrawn":
        return mark + t("field.withdrawn" if new else "field.restored")
    if field == "added":
        return mark + t("field.added" if new else "field.added_undone")
    if field == "signoff":
        if new:
            return mark + f"{t('field.signoff')}：{new.get('evidence') or t('show.none')}"
        return mark + t("field.signoff_cancel")
    if field == "carried_to":
        return mark + (f"{t('field.carried_to')} {new}" if new else t("field.carried_back"))
    label = t(f"field.{field}") if field in ("text", "lead", "responsible", "deadline", "title", "region",
                                             "year", "archived") else field
    text = f"{label}：{_value(t, field, old)} → {_value(t, field, new)}"
    if field == "deadline" and isinstance(old, dict) and isinstance(new, dict):
        text += _moved(t, old, new)
    return mark + text


def original_deadline_text(t: Labels, original: dict, current: dict) -> str:
    """show's line for an extended item: the deadline handed out, and how far it moved."""
    return _value(t, "deadline", original) + _moved(t, original, current)


def signoff_text(t: Labels, signoff: dict | None) -> str:
    if not signoff:
        return t("show.signoff_none")
    by = who(signoff.get("by", ""), signoff.get("name"))
    return f"{local_minute(signoff.get('at', ''))}  {by}  {signoff.get('evidence') or ''}".rstrip()


def loop_fields(t: Labels, item: Item, lookup=None, plans: dict | None = None) -> list[tuple[str, str]]:  # noqa: ANN001
    """Lines for `show` and the detail pane: withdrawn, original deadline, sign-off, carry-over
    (`lookup` finds the linked item, to name its plan)."""
    out = []
    if item.withdrawn:
        out.append((t("show.withdrawn"), "✓"))
    if item.original_deadline is not None:
        out.append((t("show.original_deadline"),
                    original_deadline_text(t, item.original_deadline.to_doc(), item.deadline.to_doc())))
    if item.status == "done" or item.signoff:
        out.append((t("show.signoff"), signoff_text(t, item.signoff if item.signed_off else None)))
    for key, target in (("show.carried_from", item.carried_from), ("show.carried_to", item.carried_to)):
        if target:
            other = lookup(target) if lookup else None
            plan = (plans or {}).get(other.plan) if other else None
            out.append((t(key), f"{target}  {plan.title}" if plan else target))
    return out
