"""The monthly round (督办 collect): a sheet per unit out, the filled sheets back in.

Pure logic, no file formats (store/collect_files.py reads and writes .xlsx/.docx):
- `unit_sheet` builds what one unit is sent: its items and an empty 进展情况 column, with
  a stamp (when it was written, each item's history length) that travels in the file
  outside the cells a unit types in, so a re-typed cell cannot break it;
- `propose` turns the rows a unit sent back into proposals: old status → new, the note,
  or a conflict (the item changed in duban after the sheet was written);
- `apply` writes the proposals in one transaction, checking each conflict again under
  the lock (a colleague may have changed an item since the preview).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from duban.store.author import local_minute
from duban.store.importer.plan import status_from_progress
from duban.store.messages import Said
from duban.store.model import Item
from duban.store.queries import View
from duban.store.storage import StoreError
from duban.store.text import safe, strip_controls

# The columns of a sheet, in order: (key, header).  Headers are the office's words; the
# reader finds columns by these words, so a unit that moves a column loses nothing.
COLUMNS = [("id", "编号"), ("main", "主要任务"), ("text", "具体事项"), ("lead", "牵头单位"),
           ("units", "责任单位"), ("due", "完成时限"), ("status", "当前状态"), ("note", "最新进展"),
           ("progress", "进展情况")]
HEADERS = {key: header for key, header in COLUMNS}
ID_RE = re.compile(r"^\s*([A-Za-z0-9_-]{1,32}\.\d{1,6})\s*$")
NOTE_MARK = "【{unit}】"  # a unit's report in history: the unit named at the head of the note


@dataclass
class Stamp:
    """What the file carries besides its cells: who it is for, when, and each item's
    history length then (a longer history now means it changed after the file was sent)."""

    unit: str
    plan: str
    written_at: str
    items: dict[str, int]
    statuses: dict[str, str]

    def to_doc(self) -> dict:
        return {"duban_collect": 1, "unit": self.unit, "plan": self.plan, "written_at": self.written_at,
                "items": self.items, "statuses": self.statuses}

    @classmethod
    def from_doc(cls, doc: dict) -> Stamp:
        return cls(str(doc["unit"]), str(doc.get("plan", "")), str(doc["written_at"]),
                   {str(k): int(v) for k, v in doc["items"].items()},
                   {str(k): str(v) for k, v in doc.get("statuses", {}).items()})


@dataclass
class Sheet:
    title: str
    rows: list[list[str]]  # in COLUMNS order, progress empty
    stamp: Stamp


def units_of(items: list[Item]) -> list[str]:
    """Every unit named on these items (lead first), in order of first appearance."""
    seen: dict[str, None] = {}
    for item in items:
        for unit in [*item.lead_units, *item.units]:
            seen.setdefault(unit, None)
    return list(seen)


def unit_sheet(view: View, items: list[Item], unit: str, plan: str, title: str, status_word: Callable[[str], str],
               written_at: str) -> Sheet:
    mine = [i for i in items if unit in i.units or unit in i.lead_units]
    rows = [[i.id, view.node_label(i, 1), i.text, "、".join(i.lead_units), i.units_raw,
             i.deadline.raw or i.deadline.due, status_word(i.status), i.note or "", ""] for i in mine]
    stamp = Stamp(unit, plan, written_at, {i.id: len(i.history) for i in mine},
                  {i.id: status_word(i.status) for i in mine})
    return Sheet(title, rows, stamp)


def sheet_title(template: str, unit: str, year: int, as_of: date) -> str:
    return template.format(unit=unit, year=year, month=as_of.month)


@dataclass
class Proposal:
    item_id: str
    old: str
    new: str
    note: str
    conflict: str | None = None  # why it is not applied
    skip: str | None = None      # already imported


@dataclass
class Reading:
    path: str
    unit: str
    proposals: list[Proposal] = field(default_factory=list)
    ignored_rows: int = 0   # rows without an item id (a unit's explanation)
    unknown: list[str] = field(default_factory=list)  # ids not in the store


def header_columns(row: list[str]) -> dict[str, int] | None:
    """Each column's index, if this row is a header row (it names 编号 and 进展情况)."""
    cells = [re.sub(r"\s+", "", c) for c in row]
    where = {key: cells.index(header) for key, header in COLUMNS if header in cells}
    return where if "id" in where and "progress" in where else None


def find_columns(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The header row (the first that names 编号 and 进展情况) and each column's index."""
    for n, row in enumerate(rows):
        where = header_columns(row)
        if where is not None:
            return n, where
    raise LookupError("header")


def unit_notes(item: Item, since: int) -> list[tuple[str, str]]:
    """The (unit, text) of units' reports recorded after history position `since`."""
    out = []
    for entry in item.history[since:]:
        m = re.match(r"^【([^】]+)】(.*)$", entry.note or "", re.S)
        if m and not entry.undone:
            out.append((m.group(1), m.group(2)))
    return out


def propose(view: View, path: str, rows: list[list[str]], stamp: Stamp,
            read_status: Callable[[str], str | None]) -> Reading:
    """What applying this unit's sheet would do, item by item."""
    reading = Reading(path, stamp.unit)
    start, where = find_columns(rows)
    sent = {key.lower(): key for key in stamp.items}
    for row in rows[start + 1:]:
        again = header_columns(row)  # a second table (or a header repeated): its own columns
        if again is not None:
            where = again
            continue

        def cell(key: str) -> str:
            n = where.get(key)
            return row[n].strip() if n is not None and n < len(row) else ""

        m = ID_RE.match(unicodedata.normalize("NFKC", cell("id")))  # ｐ１．５ re-typed on a Chinese keyboard
        if not m:
            reading.ignored_rows += any(c.strip() for c in row)
            continue
        item_id = sent.get(m.group(1).lower(), m.group(1))
        item = view.item(item_id)
        if item is None:
            reading.unknown.append(item_id)
            continue
        progress = strip_controls(safe(cell("progress"))).strip()
        status_cell = cell("status")
        sent_status = stamp.statuses.get(item_id)
        typed = read_status(status_cell) if status_cell and status_cell != sent_status else None
        if not progress and typed is None:
            continue  # nothing reported for this item
        new = typed or (status_from_progress(progress) if progress else item.status)
        said = progress or f"{HEADERS['status']}：{status_cell}"  # a status alone is still the unit's word
        proposal = Proposal(item_id, item.status, new, NOTE_MARK.format(unit=stamp.unit) + said)
        proposal.conflict, proposal.skip = _check(item, stamp, said)
        reading.proposals.append(proposal)
    return reading


def _check(item: Item, stamp: Stamp, progress: str) -> tuple[str | None, str | None]:
    """(conflict, skip): a change in duban after the sheet was written is a conflict,
    except other units' reports from the same round; the same report twice is skipped."""
    if item.id not in stamp.items:
        return "not_sent", None
    since = stamp.items[item.id]
    if len(item.history) < since:
        return "history_shorter", None
    reports = unit_notes(item, since)
    if (stamp.unit, progress) in reports:
        return None, "already"
    others = [h for h in item.history[since:] if not re.match(r"^【[^】]+】", h.note or "") and not h.undone]
    if others:
        last = others[-1]
        return f"{last.by} {local_minute(last.at)}", None
    return None, None


def apply(repo, readings: list[Reading], stamps: dict[str, Stamp]) -> int:  # noqa: ANN001 - a Repository
    """Write every proposal without a conflict, all in one transaction; conflicts are
    checked again under the lock.  Returns the number of items changed."""
    changed = 0
    with repo.transaction() as tx:
        for reading in readings:
            stamp = stamps[reading.path]
            for p in reading.proposals:
                if p.conflict or p.skip:
                    continue
                table, doc_id, item = repo._get(tx, p.item_id)
                conflict, skip = _check(item, stamp, p.note[len(NOTE_MARK.format(unit=stamp.unit)):])
                if conflict:
                    raise StoreError(Said("collect_changed", "{id}: changed by {who} while you read the files; "
                                          "nothing was written (read them again)", id=item.id, who=conflict))
                if skip:
                    continue
                repo._record(item, p.new, p.note)
                table.update(item.to_doc(), doc_ids=[doc_id])
                changed += 1
    return changed
