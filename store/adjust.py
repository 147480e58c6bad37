"""Adjusting items during the year (调整, 延期, 撤销, 销号): each change a history entry
{field, old, new, reason, by, at}, so `show`, `log` and an undo see what was there.

Values are stored as the store holds them (lists of units, a deadline document, a
sign-off record), so undoing an entry is applying its `old` value again.  Every function
here runs inside a Repository transaction (store/repository.py, the one door).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from duban.store.author import local_minute
from duban.store.messages import Said
from duban.store.model import Deadline, HistoryEntry, Item, Plan
from duban.store.records import Change
from duban.store.text import strip_controls

if TYPE_CHECKING:
    from tinydb.table import Table

    from duban.store.repository import Repository

# What `duban edit` can change, in the order a history shows them.
EDITABLE = ("text", "lead", "responsible", "deadline")
FIELDS = (*EDITABLE, "withdrawn", "signoff", "added", "carried_to")


class AdjustError(ValueError):
    """A request the store refuses (a user mistake): carries a Said for the user's language."""


def put(table: Table, doc_id: int, item: Item) -> None:
    """Write the item's document whole: TinyDB's update merges keys, and a field put back
    to its default (a restored item, a cancelled sign-off) is a key that must go."""
    doc = item.to_doc()

    def replace(stored: dict) -> None:
        stored.clear()
        stored.update(doc)

    table.update(replace, doc_ids=[doc_id])


def clean(text: str | None) -> str | None:
    """Text typed by a user is data: no escape codes, no surrounding blanks."""
    return strip_controls(text).strip() if text is not None else None


def value_of(item: Item, field: str) -> Any:
    """A field's current value, as stored."""
    if field == "text":
        return item.text
    if field == "lead":
        return list(item.lead_units)
    if field == "responsible":
        return item.responsible
    if field == "deadline":
        return item.deadline.to_doc()
    if field == "withdrawn":
        return item.withdrawn
    if field == "signoff":
        return item.signoff
    if field == "added":
        return not item.withdrawn
    if field == "carried_to":
        return item.carried_to
    raise KeyError(field)


def apply(item: Item, field: str, value: Any) -> None:
    """Put `value` in `field` (the inverse of value_of)."""
    if field == "text":
        item.text = value
    elif field in ("lead", "responsible"):
        lead = list(value) if field == "lead" else item.lead_units
        rest = list(value) if field == "responsible" else item.responsible
        item.lead_units = lead
        item.units = list(dict.fromkeys([*lead, *rest]))
    elif field == "deadline":
        new = Deadline.from_doc(value)
        if item.original_deadline is None and new.due != item.deadline.due:
            item.original_deadline = item.deadline  # 延期: the deadline handed out stays on record
        item.deadline = new
        if item.original_deadline is not None and item.original_deadline.to_doc() == new.to_doc():
            item.original_deadline = None  # moved back where it was: no longer extended
    elif field in ("withdrawn", "added"):
        item.withdrawn = bool(value) if field == "withdrawn" else not value
    elif field == "signoff":
        item.signoff = value
    elif field == "carried_to":
        item.carried_to = value
    else:
        raise KeyError(field)


def record(repo: Repository, item: Item, field: str, new: Any, reason: str | None, at: str,
           undo: bool = False, note: str | None = None) -> Change:
    """Change one field and leave the entry that says so (status unchanged)."""
    old = value_of(item, field)
    apply(item, field, new)
    entry = HistoryEntry(at, repo.user, item.status, item.status, note, undo=undo, name=repo.name,
                         field=field, old=old, new=new, reason=reason)
    item.history.append(entry)
    return Change.of(item.id, len(item.history) - 1, entry)


def revert(repo: Repository, item: Item, entry: HistoryEntry, at: str) -> Change:
    """Undo an adjustment: its old value back, recorded as an undo entry."""
    return record(repo, item, entry.field or "", entry.old, entry.reason, at, undo=True)


def edit(repo: Repository, item: Item, changes: dict[str, Any], reason: str, at: str,
         plan_year: int) -> list[Change]:
    """Apply `changes` ({text, lead, responsible: values; deadline: a phrase}); a field
    given its current value is left alone.  Refused, changing nothing, on a bad value."""
    if item.withdrawn:
        raise AdjustError(Said("adj_edit_withdrawn", "{id}: withdrawn; restore it first (duban rm --undo {id})",
                               id=item.id))
    wanted: dict[str, Any] = {}
    for field in EDITABLE:
        if field not in changes or changes[field] is None:
            continue
        value = changes[field]
        if field == "text":
            value = clean(value)
            if not value:
                raise AdjustError(Said("adj_empty_text", "{id}: the item's text cannot be empty", id=item.id))
        elif field == "deadline":
            value = parse_deadline(value, plan_year).to_doc()
        else:
            value = list(dict.fromkeys(u for u in (clean(v) for v in value) if u))
        if value != value_of(item, field):
            wanted[field] = value
    return [record(repo, item, field, value, reason, at) for field, value in wanted.items()]


def parse_deadline(phrase: str, plan_year: int) -> Deadline:
    """A deadline as a user types it: a phrase of the plans' vocabulary or an ISO date."""
    from datetime import date

    from duban.store import deadlines

    phrase = clean(phrase) or ""
    try:
        return Deadline(phrase, "date", date.fromisoformat(phrase).isoformat(), [phrase])
    except ValueError:
        pass
    parsed, understood = deadlines.parse(phrase, plan_year)
    if not phrase or not understood:
        raise AdjustError(Said("adj_bad_deadline", "deadline '{phrase}': not understood; expected a phrase "
                               "such as 2021年10月30日前, 9月底前, 年底前 or 2021-10-30", phrase=phrase))
    return parsed


def withdraw(repo: Repository, item: Item, reason: str, at: str, back: bool = False) -> Change | None:
    """撤销 (or, with `back`, restore) an item; None when it already is."""
    if item.withdrawn != back:
        return None
    return record(repo, item, "withdrawn", not back, reason, at)


def sign_off(repo: Repository, item: Item, evidence: str, at: str) -> Change:
    if item.withdrawn:
        raise AdjustError(Said("adj_signoff_withdrawn", "{id}: withdrawn; nothing to sign off", id=item.id))
    if item.status != "done":
        raise AdjustError(Said("adj_signoff_not_done", "{id}: not done yet (it is {status}); only an item a unit "
                               "reported done can be signed off", id=item.id, status=item.status))
    if item.signed_off:
        raise AdjustError(Said("adj_signoff_twice", "{id}: already signed off by {by} at {at}", id=item.id,
                               by=item.signoff["by"], at=local_minute(item.signoff["at"])))
    stamp = {"by": repo.user, "name": repo.name, "at": at, "evidence": evidence}
    return record(repo, item, "signoff", stamp, None, at, note=None)


def cancel_signoff(repo: Repository, item: Item, reason: str, at: str) -> Change:
    if item.signoff is None:
        raise AdjustError(Said("adj_signoff_none", "{id}: not signed off; nothing to cancel", id=item.id))
    return record(repo, item, "signoff", None, reason, at)


def keep_on_reimport(prev: Item, item: Item) -> None:
    """A re-import of the plan file keeps what the office did in duban: withdrawn, signed
    off, carried over, and an extended deadline (the file still has the one handed out)."""
    item.withdrawn, item.signoff = prev.withdrawn, prev.signoff
    item.carried_from, item.carried_to = prev.carried_from, prev.carried_to
    if prev.original_deadline is not None:
        item.deadline, item.original_deadline = prev.deadline, prev.original_deadline


def added_here(item: Item) -> bool:
    """An item added in duban (duban add, a carry-over), not read from the plan file."""
    return bool(item.history) and item.history[0].field == "added"


def keep_plan_on_reimport(prev: Plan, plan: Plan, extra: list[Item]) -> None:
    """The plan as re-read keeps its archive flag, its renames' record, and the tasks
    added in duban that items added in duban sit under."""
    plan.archived, plan.history = prev.archived, prev.history
    have = {n.id for n in plan.nodes}
    need = {i.main for i in extra} | {i.work for i in extra}
    plan.nodes += [n for n in prev.nodes if n.id in need and n.id not in have]
