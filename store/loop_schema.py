"""The 督办 loop's fields (issue 10), checked as a store is read like every other field
(store/validate.py): an item's original deadline, withdrawn flag, sign-off and carry-over
links, a history entry's field / reason, a plan's archive flag and rename record.  All are
optional (a store written before has none); the check looks only at documents that have one."""

from __future__ import annotations

from duban.store.doc_schema import Damaged, explain_deadline

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

_FIELDS = frozenset({"text", "lead", "responsible", "deadline", "withdrawn", "signoff", "added", "carried_to",
                     "title", "region", "year", "archived"})


def check_items(table: dict[str, Any]) -> None:
    """Raise Damaged for the first item whose loop fields are not what duban writes."""
    for doc_id, doc in table.items():
        if type(doc) is not dict:
            continue  # the item checks say so (store/validate.py)
        if "original_deadline" in doc or "withdrawn" in doc or "signoff" in doc or "carried_from" in doc \
                or "carried_to" in doc or any(type(h) is dict and "field" in h for h in _history(doc)):
            _item(f"item {doc.get('id') or '#' + doc_id}", doc)


def _item(where: str, doc: dict) -> None:
    if "original_deadline" in doc:
        if type(doc["original_deadline"]) is not dict:
            raise Damaged(where, "original_deadline", "an object", doc["original_deadline"])
        explain_deadline(f"{where} original", doc["original_deadline"])
    if type(doc.get("withdrawn", False)) is not bool:
        raise Damaged(where, "withdrawn", "true or false", doc["withdrawn"])
    signoff = doc.get("signoff")
    if signoff is not None:
        if type(signoff) is not dict:
            raise Damaged(where, "signoff", "an object or null", signoff)
        for name in ("by", "at", "evidence"):
            if type(signoff.get(name)) is not str:
                raise Damaged(where, f"signoff.{name}", "text", signoff.get(name))
    for name in ("carried_from", "carried_to"):
        if doc.get(name) is not None and type(doc[name]) is not str:
            raise Damaged(where, name, "an item id or null", doc[name])
    for i, h in enumerate(_history(doc)):
        if type(h) is not dict or "field" not in h:
            continue
        if h["field"] not in _FIELDS:
            raise Damaged(f"{where} history {i + 1}", "field", " / ".join(sorted(_FIELDS)), h["field"])
        if h.get("reason") is not None and type(h["reason"]) is not str:
            raise Damaged(f"{where} history {i + 1}", "reason", "text or null", h["reason"])


def _history(doc: dict) -> list:
    history = doc.get("history")
    return history if type(history) is list else []  # a wrong type is the item checks' to say


def check_plans(table: dict[str, Any]) -> None:
    for doc_id, doc in table.items():
        if type(doc) is not dict:
            continue
        where = f"plan {doc.get('key') or '#' + doc_id}"
        if type(doc.get("archived", False)) is not bool:
            raise Damaged(where, "archived", "true or false", doc["archived"])
        history = doc.get("history", [])
        if type(history) is not list or not all(type(h) is dict and type(h.get("field")) is str for h in history):
            raise Damaged(where, "history", "a list of changes", history)
