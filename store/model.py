"""The domain: a plan (工作方案 / 任务清单) of main tasks (主要任务) → work tasks (工作任务)
→ items (具体事项), each item with lead units (牵头单位), responsible units (责任单位),
a deadline (完成时限), a status, progress notes (进展情况) and a history.

Dataclasses with to_doc() / from_doc(); dates are ISO strings in the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

STATUSES = ("todo", "doing", "done", "blocked")
SIGNOFF_AFTER_DAYS = 5  # done this many days without a sign-off (销号): listed (store/summary.py)


def who(by: str, name: str | None) -> str:
    """The login, with the display name beside it (never instead): 'wang (王芳)'."""
    return f"{by} ({name})" if name else by


def lead_unit_of(lead_units: list[str], units: list[str]) -> tuple[str, int]:
    """The unit an item goes by in a one-line view (its first lead unit, else its first
    unit; "" when it names none) and how many more of those it names."""
    named = lead_units or units
    return (named[0], len(named) - 1) if named else ("", 0)


def next_status(status: str) -> str:
    """The status after this one in the cycle a key press steps through (blocked → todo)."""
    return STATUSES[(STATUSES.index(status) + 1) % len(STATUSES)]


@dataclass
class Deadline:
    """raw: the phrase as written; kind: date | all_year | recurring | relative | implicit; due: ISO date."""

    raw: str
    kind: str
    due: str
    phrases: list[str] = field(default_factory=list)

    @property  # not cached_property: its lock costs more than parsing an ISO date again
    def due_date(self) -> date:
        return date.fromisoformat(self.due)

    def to_doc(self) -> dict[str, Any]:  # not asdict: it deep-copies, a third of an import's time
        return {"raw": self.raw, "kind": self.kind, "due": self.due, "phrases": list(self.phrases)}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Deadline:
        return cls(doc["raw"], doc["kind"], doc["due"], list(doc.get("phrases", [])))


@dataclass
class HistoryEntry:
    """One change: a status change (from → to) or a progress note (from == to)."""

    at: str
    by: str
    from_: str | None
    to: str
    note: str | None = None
    undo: bool = False    # this entry reverts an earlier one
    undone: bool = False  # a later entry reverted this one
    name: str | None = None  # a display name shown beside `by` (the login), never instead
    # An adjustment (调整) rather than a status change: which field, its old and new
    # value (as stored, so an undo can put the old one back) and the reason given.
    field: str | None = None
    old: Any = None
    new: Any = None
    reason: str | None = None

    @property
    def who(self) -> str:
        return who(self.by, self.name)

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"at": self.at, "by": self.by, "from": self.from_, "to": self.to, "note": self.note}
        if self.undo:
            doc["undo"] = True
        if self.undone:
            doc["undone"] = True
        if self.name:
            doc["name"] = self.name
        if self.field:
            doc.update({"field": self.field, "old": self.old, "new": self.new, "reason": self.reason})
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> HistoryEntry:
        return cls(doc["at"], doc["by"], doc.get("from"), doc["to"], doc.get("note"),
                   bool(doc.get("undo")), bool(doc.get("undone")), doc.get("name"),
                   doc.get("field"), doc.get("old"), doc.get("new"), doc.get("reason"))


@dataclass
class Node:
    """A main task (level 1) or a work task (level 2): its own number as written and title."""

    id: str
    level: int
    number: str | None
    title: str
    parent: str | None = None

    def to_doc(self) -> dict[str, Any]:
        return {"id": self.id, "level": self.level, "number": self.number, "title": self.title, "parent": self.parent}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Node:
        return cls(doc["id"], doc["level"], doc.get("number"), doc["title"], doc.get("parent"))

    @property
    def label(self) -> str:
        if not self.number:
            return self.title
        sep = "" if self.number[-1] in ")）.、．" else "、"
        return f"{self.number}{sep}{self.title}"


@dataclass
class Item:
    """The unit of tracking: id `<plan key>.<n>`."""

    id: str
    plan: str
    n: int
    number: str | None
    main: str | None
    work: str | None
    text: str
    lead_units: list[str]
    units: list[str]
    units_raw: str
    deadline: Deadline
    status: str = "todo"
    history: list[HistoryEntry] = field(default_factory=list)
    line: int | None = None
    requirement: str = ""  # the detail under a numbered title (工作要求 / 具体要求 column)
    # The 督办 loop (issue 10).  Stored only when set, so older stores read as they were.
    original_deadline: Deadline | None = None  # the deadline before the first 延期
    withdrawn: bool = False                    # 撤销: kept with its history, out of counts
    signoff: dict[str, Any] | None = None      # 销号: {by, name, at, evidence}
    carried_from: str | None = None            # 上年未完成: the item this one continues
    carried_to: str | None = None              # the item next year's plan continues it as

    @property
    def signed_off(self) -> bool:
        """Signed off (已销号) counts while the item is done and was not reopened since:
        an item reopened after its sign-off needs a new one."""
        if self.signoff is None or self.status != "done":
            return False
        at = self.signoff.get("at", "")
        return not any(h.at > at and h.from_ == "done" and h.to != "done" for h in self.history)

    @property
    def responsible(self) -> list[str]:
        """The responsible units (责任单位) besides the lead ones: `units` holds both, leads first."""
        return [u for u in self.units if u not in self.lead_units]

    def lead_unit(self) -> tuple[str, int]:
        """The unit the item goes by in a one-line view: lead_unit_of its units."""
        return lead_unit_of(self.lead_units, self.units)

    @property
    def extension_days(self) -> int:
        """How far the deadline moved since the plan was handed out (0: never extended)."""
        if self.original_deadline is None:
            return 0
        return (self.deadline.due_date - self.original_deadline.due_date).days

    @property
    def note(self) -> str | None:
        """The latest progress note."""
        for entry in reversed(self.history):
            if entry.note and not entry.undone:
                return entry.note
        return None

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id, "plan": self.plan, "n": self.n, "number": self.number,
            "main": self.main, "work": self.work, "text": self.text,
            "lead_units": self.lead_units, "units": self.units, "units_raw": self.units_raw,
            "deadline": self.deadline.to_doc(), "status": self.status,
            "history": [h.to_doc() for h in self.history], "line": self.line,
        } | ({"requirement": self.requirement} if self.requirement else {}) | self._loop_doc()

    def _loop_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {}
        if self.original_deadline is not None:
            doc["original_deadline"] = self.original_deadline.to_doc()
        if self.withdrawn:
            doc["withdrawn"] = True
        for key in ("signoff", "carried_from", "carried_to"):
            if getattr(self, key) is not None:
                doc[key] = getattr(self, key)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Item:
        return cls(
            doc["id"], doc["plan"], doc["n"], doc.get("number"), doc.get("main"), doc.get("work"),
            doc["text"], list(doc["lead_units"]), list(doc["units"]), doc.get("units_raw", ""),
            Deadline.from_doc(doc["deadline"]), doc.get("status", "todo"),
            [HistoryEntry.from_doc(h) for h in doc.get("history", [])], doc.get("line"),
            doc.get("requirement", ""),
            Deadline.from_doc(doc["original_deadline"]) if doc.get("original_deadline") else None,
            doc.get("withdrawn") is True, doc.get("signoff") if isinstance(doc.get("signoff"), dict) else None,
            _text_or_none(doc.get("carried_from")), _text_or_none(doc.get("carried_to")),
        )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass
class Plan:
    """One imported plan (工作方案): key, title, region, year, source file, main and work tasks."""

    key: str
    title: str
    region: str | None
    year: int
    source: str
    layout: str
    imported_at: str
    nodes: list[Node] = field(default_factory=list)
    archived: bool = False  # a finished plan: out of default views, still reachable by key
    history: list[dict[str, Any]] = field(default_factory=list)  # renames: {at, by, field, old, new}

    def to_doc(self) -> dict[str, Any]:
        doc = {"key": self.key, "title": self.title, "region": self.region, "year": self.year, "source": self.source,
               "layout": self.layout, "imported_at": self.imported_at, "nodes": [n.to_doc() for n in self.nodes]}
        if self.archived:  # the 督办 loop's, stored only when set
            doc["archived"] = True
        if self.history:
            doc["history"] = self.history
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Plan:
        return cls(
            doc["key"], doc["title"], doc.get("region"), doc["year"], doc.get("source", ""),
            doc.get("layout", ""), doc.get("imported_at", ""),
            [Node.from_doc(n) for n in doc.get("nodes", [])], bool(doc.get("archived")),
            list(doc.get("history") or []),
        )

    def node(self, node_id: str | None) -> Node | None:
        for node in self.nodes:
            if node.id == node_id:
                return node
        return None

    @property
    def main_tasks(self) -> list[Node]:
        return [n for n in self.nodes if n.level == 1]


@dataclass
class ImportResult:
    """What the importer read from one file: the plan and its items, under a provisional
    key until the store says which plan this is (`with_key`)."""

    plan: Plan
    items: list[Item]
    warnings: list[tuple[int, str]] = field(default_factory=list)
    where: str = ""  # the sheet or table of the file that held the plan, for warnings

    def with_key(self, key: str) -> ImportResult:
        """The same plan under another key (ids follow)."""
        self.plan.key = key
        for item in self.items:
            item.plan, item.id = key, f"{key}.{item.n}"
        return self
