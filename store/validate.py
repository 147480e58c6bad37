"""Every document checked as it is read: a hand-edited or damaged store gets one line
naming the file, the plan or item and the field, never a traceback later on.

Cheap by design: a file's items are checked a column at a time (every loop in C: map,
itemgetter, set), and a file this user has checked before, unchanged since, is not
checked again (store/checked.py), so a quick `duban ls` on 50,000 items pays nothing.
Only a file that fails is looked at document by document, to say what is wrong
(store/doc_schema.py).  Strings that could drive a terminal are made safe here too,
once, for every face (store/text.safe).
"""

from __future__ import annotations

import os
from datetime import date
from itertools import chain, product
from operator import itemgetter, methodcaller
from pathlib import Path

from duban.store import loop_schema
from duban.store.checked import RECORD
from duban.store.doc_schema import (
    DEADLINE_FIELDS,
    ENTRY_FIELDS,
    ISO_DAY,
    ITEM_FIELDS,
    ITEM_OPTIONAL,
    KINDS,
    NODE_FIELDS,
    NONE,
    PLAN_FIELDS,
    STATUS_SET,
    Damaged,
    explain,
    found,
)
from duban.store.lazy import lazy
from duban.store.messages import Said
from duban.store.text import drop_zero_width, safe

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any


def _shapes(fields: tuple) -> frozenset[tuple[type, ...]]:
    return frozenset(product(*(types for _, types in fields)))


def _getter(fields: tuple) -> Any:
    return itemgetter(*(name for name, _ in fields))


_ITEM_SHAPES, _ITEM_GET = _shapes(ITEM_FIELDS), _getter(ITEM_FIELDS)
_DEADLINE_SHAPES, _DEADLINE_GET = _shapes(DEADLINE_FIELDS), _getter(DEADLINE_FIELDS)
_ENTRY_SHAPES, _ENTRY_GET = _shapes(ENTRY_FIELDS), _getter(ENTRY_FIELDS)
_PLAN_SHAPES, _PLAN_GET = _shapes(PLAN_FIELDS), _getter(PLAN_FIELDS)
_NODE_SHAPES, _NODE_GET = _shapes(NODE_FIELDS), _getter(NODE_FIELDS)

# What a file can hold that needs cleaning: a JSON \u escape (the only way a C0 control
# such as ESC or BEL can be in JSON text), a raw DEL, a raw C1 control (UTF-8 C2 80–9F).
# Raw bidi and zero-width characters too.  Found with memchr-speed searches (a 40 MB store
# costs ~30 ms; a regex costs 400), and only when a file is new to this user (checked.py).
_INVISIBLE = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_C1_RE = lazy(rb"\xc2[\x80-\x9f]")


def checked(data: dict[str, Any], raw: bytes, path: Path, st: os.stat_result | None) -> dict[str, Any]:
    """The file's data, checked (one line if a document is malformed) and terminal-safe.
    A file this user has checked before, unchanged since (`st`), is not checked again."""
    unclean = RECORD.seen(path, st)
    if unclean is None:
        check(data, path)
        unclean = needs_cleaning(raw)
        RECORD.remember(path, st, unclean)
    return clean_store(data) if unclean else data


def check(data: dict[str, Any], path: Path) -> None:
    """Raise StoreError (one line) if any document in the plans or items table is malformed."""
    from duban.store.storage import StoreDamaged

    try:
        for name in ("plans", "items"):
            table = data.get(name)
            if table is None:
                continue
            if not all(map(str.isdigit, table)):
                raise Damaged(f"{name} table", "document id", "a number", next(k for k in table if not k.isdigit()))
            (loop_schema.check_items if name == "items" else loop_schema.check_plans)(table)  # issue 10's fields
            if name == "items" and _items_ok(list(table.values())):
                continue
            doc_check = _plan_ok if name == "plans" else _item_ok
            for doc_id in [doc_id for doc_id, doc in table.items() if not doc_check(doc)]:
                explain(name, doc_id, table[doc_id])  # raises, unless only optional fields were absent
        if path.parent.name.endswith(".plans") and "items" in data:  # a plan's file: <key>.json
            docs = data["items"].values()
            if set(map(_PLAN_OF, docs)) - {path.stem}:
                _plan_mismatch(next(d for d in docs if d["plan"] != path.stem), path.stem, path)
    except Damaged as exc:
        raise StoreDamaged(Said(
            "bad_field", "{path}: {where}: field {field}: expected {expected}, found {found}; the file was left untouched",
            path=path, where=exc.where, field=exc.field, expected=exc.expected, found=found(exc.value))) from None


def plans_known(docs: list[dict], keys: set[str], path: Path) -> None:
    """Schema 1 (one file): every item names a plan of the index."""
    if set(map(_PLAN_OF, docs)) - keys:
        _plan_mismatch(next(d for d in docs if d["plan"] not in keys), " / ".join(sorted(keys)) or "a plan", path)


_PLAN_OF = itemgetter("plan")


def _plan_mismatch(doc: dict, expected: str, path: Path) -> None:
    from duban.store.storage import StoreDamaged

    raise StoreDamaged(Said(
        "bad_field", "{path}: {where}: field {field}: expected {expected}, found {found}; the file was left untouched",
        path=path, where=f"item {safe(doc['id'])}", field="plan", expected=expected, found=found(doc["plan"])))


def needs_cleaning(raw: bytes) -> bool:
    if b"\x7f" in raw or (b"\xc2" in raw and _C1_RE.search(raw)):
        return True
    i = raw.find(b"\\")
    while i != -1:  # backslashes are few (\n, \" in texts): look at each
        if raw[i + 1:i + 2] == b"u":
            return True
        i = raw.find(b"\\", i + 2)
    text = raw.decode("utf-8", "replace")  # bidi and zero-width characters: one fast find each
    return any(ch in text for ch in _INVISIBLE)


def clean(value: Any) -> Any:
    """Every string inside made terminal-safe (store/text.safe), zero-width characters gone
    (they make two spellings of one word); only called on a file that has something to clean."""
    if isinstance(value, str):
        return drop_zero_width(safe(value))
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    return value


def clean_store(data: dict[str, Any]) -> dict[str, Any]:
    """The file's tables with every string terminal-safe and unit names in one spelling."""
    from duban.store.unit_names import normalise_name, unique

    data = clean(data)
    for doc in data.get("items", {}).values():
        for name in ("lead_units", "units"):
            doc[name] = unique([normalise_name(u) for u in doc[name]])
    return data


# -- the quick checks: True when the document is well-formed


def _column_types(docs: list, name: str, optional: bool) -> set[type]:
    get = methodcaller("get", name, _ABSENT) if optional else itemgetter(name)
    return set(map(type, map(get, docs)))


def _items_ok(docs: list[Any]) -> bool:
    """All of a file's items at once, a column at a time: every loop runs in C (map,
    itemgetter, set), ~1 µs an item.  False sends each document to the slow checks."""
    try:
        if set(map(type, docs)) - {dict}:
            return False
        for name, types in ITEM_FIELDS:
            optional = name in ITEM_OPTIONAL
            if _column_types(docs, name, optional) - set(types) - ({_Absent} if optional else set()):
                return False
        if set(map(itemgetter("status"), docs)) - STATUS_SET:
            return False
        for name in ("lead_units", "units"):
            "".join(chain.from_iterable(map(itemgetter(name), docs)))  # TypeError: a unit that is not text
        deadlines = list(map(itemgetter("deadline"), docs))
        for name, types in DEADLINE_FIELDS:
            if _column_types(deadlines, name, False) - set(types):
                return False
        if set(map(itemgetter("kind"), deadlines)) - KINDS:
            return False
        dues = list(map(itemgetter("due"), deadlines))
        if set(map(len, dues)) - {10} or set(map(itemgetter(4), dues)) - {"-"} or set(map(itemgetter(7), dues)) - {"-"}:
            return False
        list(map(date.fromisoformat, dues))  # ValueError: no such day
        phrases = list(map(methodcaller("get", "phrases", []), deadlines))
        if set(map(type, phrases)) - {list}:
            return False
        "".join(chain.from_iterable(phrases))
        entries = list(chain.from_iterable(map(methodcaller("get", "history", []), docs)))
        if entries:
            if set(map(type, entries)) - {dict}:
                return False
            for name, types in ENTRY_FIELDS:
                if _column_types(entries, name, False) - set(types):
                    return False
            if set(map(itemgetter("to"), entries)) - STATUS_SET:
                return False
            if _column_types(entries, "from", True) - {str, NONE, _Absent}:
                return False
            if set(map(methodcaller("get", "from"), entries)) - STATUS_SET - {None}:
                return False
            if _column_types(entries, "note", True) - {str, NONE, _Absent}:
                return False
            for flag in ("undo", "undone"):
                if _column_types(entries, flag, True) - {bool, _Absent}:
                    return False
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return False
    return True


class _Absent:
    pass


_ABSENT = _Absent()


def _item_ok(doc: Any) -> bool:
    try:
        values = _ITEM_GET(doc)
    except (KeyError, TypeError):
        return False
    if tuple(map(type, values)) not in _ITEM_SHAPES:
        return False
    deadline, status, history = values[10], values[11], values[12]
    try:
        "".join(values[7])  # every unit name is text
        "".join(values[8])
    except TypeError:
        return False
    if status not in STATUS_SET or not _deadline_ok(deadline):
        return False
    return all(map(_entry_ok, history)) if history else True


def _deadline_ok(dl: dict) -> bool:
    try:
        values = _DEADLINE_GET(dl)
    except KeyError:
        return False
    if tuple(map(type, values)) not in _DEADLINE_SHAPES or values[1] not in KINDS:
        return False
    if not ISO_DAY.match(values[2]):
        return False
    try:
        date.fromisoformat(values[2])
    except ValueError:
        return False
    phrases = dl.get("phrases", ())
    if type(phrases) is not list:
        return False
    try:
        "".join(phrases)
    except TypeError:
        return False
    return True


def _entry_ok(entry: Any) -> bool:
    try:
        values = _ENTRY_GET(entry)
    except (KeyError, TypeError):
        return False
    if tuple(map(type, values)) not in _ENTRY_SHAPES or values[2] not in STATUS_SET:
        return False
    from_, note = entry.get("from"), entry.get("note")
    if from_ is not None and (type(from_) is not str or from_ not in STATUS_SET):
        return False
    if note is not None and type(note) is not str:
        return False
    return type(entry.get("undo", False)) is bool and type(entry.get("undone", False)) is bool


def _plan_ok(doc: Any) -> bool:
    try:
        values = _PLAN_GET(doc)
    except (KeyError, TypeError):
        return False
    if tuple(map(type, values)) not in _PLAN_SHAPES:
        return False
    for name in ("source", "layout", "imported_at"):
        if type(doc.get(name, "")) is not str:
            return False
    return all(map(_node_ok, values[4]))


def _node_ok(node: Any) -> bool:
    try:
        values = _NODE_GET(node)
    except (KeyError, TypeError):
        return False
    return tuple(map(type, values)) in _NODE_SHAPES and values[1] in (1, 2)
