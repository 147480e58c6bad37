"""What each stored document holds, field by field, and the one-line explanation of
a document that does not (store/validate.py finds it; this says what is wrong)."""

from __future__ import annotations

from datetime import date

from duban.store.lazy import lazy
from duban.store.model import STATUSES
from duban.store.text import safe

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

NONE = type(None)
KINDS = frozenset({"date", "all_year", "recurring", "relative", "implicit"})
STATUS_SET = frozenset(STATUSES)

# Item fields in a fixed order, and the types each may have.
ITEM_FIELDS = (("id", (str,)), ("plan", (str,)), ("n", (int,)), ("number", (str, NONE)), ("main", (str, NONE)),
               ("work", (str, NONE)), ("text", (str,)), ("lead_units", (list,)), ("units", (list,)),
               ("units_raw", (str,)), ("deadline", (dict,)), ("status", (str,)), ("history", (list,)),
               ("line", (int, NONE)))
ITEM_OPTIONAL = {"number": None, "main": None, "work": None, "units_raw": "", "line": None, "history": []}
DEADLINE_FIELDS = (("raw", (str,)), ("kind", (str,)), ("due", (str,)))
ENTRY_FIELDS = (("at", (str,)), ("by", (str,)), ("to", (str,)))
PLAN_FIELDS = (("key", (str,)), ("title", (str,)), ("region", (str, NONE)), ("year", (int,)), ("nodes", (list,)))
_PLAN_OPTIONAL = {"region": None, "nodes": []}
NODE_FIELDS = (("id", (str,)), ("level", (int,)), ("number", (str, NONE)), ("title", (str,)), ("parent", (str, NONE)))
_NODE_OPTIONAL = {"number": None, "parent": None}

ISO_DAY = lazy(r"\d{4}-\d{2}-\d{2}\Z")


class Damaged(Exception):
    """One field of one document is not what duban wrote: where, and what was expected."""

    def __init__(self, where: str, field: str, expected: str, value: Any) -> None:
        super().__init__(where, field, expected, value)
        self.where, self.field, self.expected, self.value = where, field, expected, value


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def found(value: Any) -> str:
    if value is _MISSING:
        return "nothing"
    shown = repr(value) if isinstance(value, (str, int, float, bool)) and not isinstance(value, str) else None
    if isinstance(value, str):
        shown = '"' + safe(value)[:24] + ('…"' if len(value) > 24 else '"')
    return f"{_kind_of(value)} {shown}" if shown else _kind_of(value)


# -- the slow explanation, for the one document that failed


def explain(table: str, doc_id: str, doc: Any) -> None:
    if table == "plans":
        where = f"plan {_label(doc, 'key', doc_id)}"
        _fields(where, doc, PLAN_FIELDS, _PLAN_OPTIONAL)
        for name in ("source", "layout", "imported_at"):
            if type(doc.get(name, "")) is not str:
                raise Damaged(where, name, "text", doc[name])
        for i, node in enumerate(doc.get("nodes", [])):
            node_where = f"{where} node {i + 1}"
            _fields(node_where, node, NODE_FIELDS, _NODE_OPTIONAL)
            if node["level"] not in (1, 2):
                raise Damaged(node_where, "level", "1 or 2", node["level"])
        return
    where = f"item {_label(doc, 'id', doc_id)}"
    _fields(where, doc, ITEM_FIELDS, ITEM_OPTIONAL)
    for name in ("lead_units", "units"):
        for unit in doc[name]:
            if type(unit) is not str:
                raise Damaged(where, name, "a list of unit names", unit)
    if doc["status"] not in STATUS_SET:
        raise Damaged(where, "status", " / ".join(STATUSES), doc["status"])
    explain_deadline(where, doc["deadline"])
    for i, entry in enumerate(doc.get("history", [])):
        _explain_entry(f"{where} history {i + 1}", entry)


def explain_deadline(where: str, dl: dict) -> None:
    _fields(where, dl, DEADLINE_FIELDS, {}, prefix="deadline.")
    if dl["kind"] not in KINDS:
        raise Damaged(where, "deadline.kind", " / ".join(sorted(KINDS)), dl["kind"])
    try:
        if not ISO_DAY.match(dl["due"]):
            raise ValueError
        date.fromisoformat(dl["due"])
    except ValueError:
        raise Damaged(where, "deadline.due", "a date YYYY-MM-DD", dl["due"]) from None
    phrases = dl.get("phrases", [])
    if type(phrases) is not list or not all(type(p) is str for p in phrases):
        raise Damaged(where, "deadline.phrases", "a list of text", phrases)


def _explain_entry(where: str, entry: Any) -> None:
    _fields(where, entry, ENTRY_FIELDS, {})
    if entry["to"] not in STATUS_SET:
        raise Damaged(where, "to", " / ".join(STATUSES), entry["to"])
    from_ = entry.get("from")
    if from_ is not None and (type(from_) is not str or from_ not in STATUS_SET):
        raise Damaged(where, "from", " / ".join(STATUSES) + " or null", from_)
    if entry.get("note") is not None and type(entry["note"]) is not str:
        raise Damaged(where, "note", "text or null", entry["note"])
    for flag in ("undo", "undone"):
        if type(entry.get(flag, False)) is not bool:
            raise Damaged(where, flag, "true or false", entry[flag])


def _fields(where: str, doc: Any, fields: tuple, optional: dict[str, Any], prefix: str = "") -> None:
    if type(doc) is not dict:
        raise Damaged(where, prefix.rstrip(".") or "document", "an object", doc)
    for name, types in fields:
        if name not in doc:
            if name in optional:
                continue
            raise Damaged(where, prefix + name, _expected(types), _MISSING)
        if type(doc[name]) not in types:
            raise Damaged(where, prefix + name, _expected(types), doc[name])


class _Missing:
    def __repr__(self) -> str:
        return "nothing"


_MISSING = _Missing()
_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "an object", NONE: "null"}


def _expected(types: tuple[type, ...]) -> str:
    return " or ".join(_NAMES[t] for t in types)


def _label(doc: Any, field: str, doc_id: str) -> str:
    value = doc.get(field) if isinstance(doc, dict) else None
    return safe(value)[:40] if isinstance(value, str) and value else f"#{doc_id}"
