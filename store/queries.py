"""Filters over items and what depends on the as-of date: overdue and the traffic light.

The command line, the app and the report all read through here, so they agree on what
"overdue" and "due soon" mean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from duban.store import workdays
from duban.store.model import Item, Node, Plan
from duban.store.records import Snapshot
from duban.store.text import search_key
from duban.store.unit_names import Aliases, normalise_name

DUE_SOON_DAYS = 7
def is_overdue(item: Item, as_of: date) -> bool:
    return item.status != "done" and item.deadline.due_date < as_of


def light(item: Item, as_of: date, soon_days: int = DUE_SOON_DAYS) -> str:
    """red: overdue; yellow: due within `soon_days` working days (store/workdays: the
    config's `days`); green otherwise (and when done)."""
    return _lights(as_of, soon_days, workdays.mode()).of(item.status, item.deadline.due)


@lru_cache(maxsize=16)
def _lights(as_of: date, soon_days: int, mode: str) -> Lights:  # noqa: ARG001 - mode: a new one when it changes
    return Lights(as_of, soon_days)


class Lights:
    """The traffic light of any number of items on one day: the day's limits worked out
    once, each item then a comparison of ISO dates (a listing of 50,000 is a moment)."""

    def __init__(self, as_of: date, soon_days: int = DUE_SOON_DAYS) -> None:
        self.as_of, self.soon_days = as_of, soon_days
        self.today = as_of.isoformat()
        self.near = (as_of + timedelta(days=soon_days)).isoformat()  # n working days span at least n days
        self.far = (as_of + timedelta(days=2 * soon_days + 14)).isoformat()  # … and at most this
        self._horizon: str | None = None  # the n-th working day, looked up only when needed

    def of(self, status: str, due: str) -> str:
        if status == "done":
            return "green"
        if due < self.today:
            return "red"
        if due <= self.near:
            return "yellow"
        if due > self.far:
            return "green"
        if self._horizon is None:
            self._horizon = workdays.shift(self.as_of, self.soon_days).isoformat()
        return "yellow" if due <= self._horizon else "green"


@dataclass
class Filter:
    """What a listing asks for; every field left empty lets every item through."""

    plans: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # plans of these years only
    units: list[str] = field(default_factory=list)
    lead_only: bool = False
    statuses: list[str] = field(default_factory=list)
    overdue: bool = False
    due_within: int | None = None
    search: str | None = None
    as_of: date = field(default_factory=date.today)
    withdrawn: bool = False  # include withdrawn items (撤销), left out by default
    archived: bool = False   # include archived plans' items (a plan asked for by key always is)

    def narrows(self) -> bool:
        """Whether it asks for anything but the plain listing (every counted item)."""
        return bool(self.plans or self.years or self.units or self.lead_only or self.statuses or self.overdue
                    or self.due_within is not None or self.search or self.withdrawn or self.archived)


def search_text(item_id: str, text: str, units_raw: str, units: list[str], note: str | None,
                initials: bool = True, requirement: str = "") -> str:
    """What a search looks in: id, text and requirement, units as written and named, the latest
    note, and (unless asked not to) their pinyin initials (czj finds 财政局; store/pinyin.py)."""
    plain = " ".join([item_id, text, requirement, units_raw, *units, note or ""]).lower()
    if not initials:
        return plain
    from duban.store.pinyin import initials as pinyin_initials

    return plain + "\n" + pinyin_initials(" ".join([text, requirement, *units, note or ""]))


def _doc_note(doc: dict) -> str | None:
    for entry in reversed(doc.get("history", ())):
        if entry.get("note") and not entry.get("undone"):
            return entry["note"]
    return None


class View:
    """A snapshot seen through the user's aliases, with lookups the faces need.

    Filters run on the stored documents and build Item objects only for what they
    return: a quick `duban ls --unit X` on 10,000 items builds a few hundred."""

    def __init__(self, snapshot: Snapshot, aliases: Aliases | None = None) -> None:
        self.snapshot = snapshot
        self.aliases = aliases or Aliases()
        self.plans: dict[str, Plan] = {p.key: p for p in snapshot.plans}
        self._nodes: dict[tuple[str, str], Node] | None = None  # built on first use: a table of ids needs none
        self.archived = {p.key for p in snapshot.plans if p.archived}
        self._built: dict[str, Item] = {}
        self._all: list[Item] | None = None
        self._pos: dict[str, int] | None = None
        self._unit_names: set[str] | None = None
        self._fold = False  # whether a search needs the text folded (see select)

    def _item(self, doc: dict) -> Item:
        item = self._built.get(doc["id"])
        if item is None:
            item = self._built[doc["id"]] = Item.from_doc(doc)
            item.units = self.aliases.apply(item.units)
            item.lead_units = self.aliases.apply(item.lead_units)
        return item

    @property
    def items(self) -> list[Item]:
        if self._all is None:
            self._all = [self._item(d) for d in self.counted_docs()]
        return self._all

    def counts(self, doc: dict) -> bool:
        """Whether an item is in the default views and the counts: not withdrawn, and its
        plan not archived."""
        return not doc.get("withdrawn") and doc["plan"] not in self.archived

    def counted_docs(self) -> list[dict]:
        """The documents `counts` lets through, in order: its rule written inline, as a call
        per document is a third of a 50,000-item listing."""
        archived = self.archived
        return [d for d in self.snapshot.docs if not d.get("withdrawn") and d["plan"] not in archived]

    def plan_items(self, keys: list[str]) -> list[Item]:
        """The items of these plans (archived or not), withdrawn ones left out."""
        return [self._item(d) for d in self.snapshot.docs if d["plan"] in keys and not d.get("withdrawn")]

    def replace_docs(self, docs: list[dict]) -> list[Item]:
        """Put newer versions of some documents in place (after a write to one plan)."""
        if self._pos is None:
            self._pos = {d["id"]: n for n, d in enumerate(self.snapshot.docs)}
        fresh = {d["id"]: d for d in docs}
        self._unit_names = None
        for item_id, doc in fresh.items():
            self.snapshot.docs[self._pos[item_id]] = doc
            self._built.pop(item_id, None)
        items = [self._item(d) for d in docs]
        if self._all is not None:
            self._all = [self._built[i.id] if i.id in fresh else i for i in self._all]
            if any(not self.counts(d) for d in docs):  # withdrawn meanwhile: out of the list
                self._all = None
        return items

    def node_label(self, item: Item, level: int) -> str:
        if self._nodes is None:
            self._nodes = {(p.key, n.id): n for p in self.snapshot.plans for n in p.nodes}
        node = self._nodes.get((item.plan, item.main if level == 1 else item.work))
        return node.label if node else ""

    def item(self, item_id: str) -> Item | None:
        if self._pos is None:
            self._pos = {d["id"]: n for n, d in enumerate(self.snapshot.docs)}
        pos = self._pos.get(item_id)
        return self._item(self.snapshot.docs[pos]) if pos is not None else None

    def unit_names(self) -> set[str]:
        if self._unit_names is None:  # asked twice by a quick check (the name's check, the filter)
            self._unit_names = {self._canonical(u) for u in self._raw_names("units")}
        return self._unit_names

    def _raw_names(self, *fields: str) -> set[str]:
        """Every unit name as stored in these fields (aliases map a name alone: resolving the
        few distinct names is the same as resolving every document's list)."""
        names: set[str] = set()
        for d in self.snapshot.docs:
            for name in fields:
                names.update(d[name])
        return names

    def _canonical(self, name: str) -> str:
        return self.aliases.apply([name])[0]

    def resolve_unit(self, name: str) -> set[str]:
        """The units a user's word names, by one rule everywhere (ls, report, the app): the
        unit of that name (or alias) if there is one, else every unit whose name contains
        the word (区财政 → 区财政局; 财政 → every unit with 财政 in its name), else every unit whose
        pinyin initials contain a Latin word (czj → 区财政局)."""
        canonical = self.aliases.canonical(name)
        names = self.unit_names()
        if canonical in names:
            return {canonical}
        key = normalise_name(name)  # a zero-width joiner or full-width letters name the same unit
        found = {u for u in names if key in u}
        if not found and key.isascii() and key.isalpha():
            # czj → 区财政局, fgw → 区发改委: pinyin initials, as any Chinese search box takes them
            from duban.store.pinyin import initials
            word = key.lower()
            found = {u for u in names if word in initials(u)}
        return found

    def select(self, f: Filter) -> list[Item]:
        if not f.narrows():
            return list(self.items)  # built once and kept (the app asks again after each write)
        return [self._item(d) for d in self.select_docs(f)]

    def select_docs(self, f: Filter) -> list[dict]:
        """The stored documents a filter lets through, in order (as stored: units not yet
        read through the aliases); for a listing that needs no Item objects."""
        if not f.narrows():
            return self.counted_docs()
        wanted_units: set[str] = set()
        for u in f.units:
            wanted_units |= self.resolve_unit(u)
        needle = search_key(f.search) if f.search else None
        # Folding every item's text costs ~10 µs: only a needle with characters that have
        # full-width twins (ASCII) needs the text folded to match.
        self._fold = bool(needle) and any(c < "\x80" for c in needle)
        today = f.as_of.isoformat()
        horizon = workdays.shift(f.as_of, f.due_within).isoformat() if f.due_within is not None else None
        if f.units:  # the stored names that resolve to a wanted unit: no alias lookup per document
            field_name = "lead_units" if f.lead_only else "units"
            wanted_raw = {n for n in self._raw_names(field_name) if self._canonical(n) in wanted_units}
        out = []
        for doc in self.snapshot.docs:
            if f.plans and doc["plan"] not in f.plans:
                continue
            if f.years and self.plans[doc["plan"]].year not in f.years:
                continue
            if (doc.get("withdrawn") and not f.withdrawn) or (
                    doc["plan"] in self.archived and not f.archived and doc["plan"] not in f.plans):
                continue
            if f.statuses and doc["status"] not in f.statuses:
                continue
            if f.units:
                if wanted_raw.isdisjoint(doc[field_name]):
                    continue
            elif f.lead_only and not doc["lead_units"]:
                continue
            due = doc["deadline"]["due"]  # is_overdue on a stored document: ISO dates compare as text
            if f.overdue and (doc["status"] == "done" or due >= today):
                continue
            if horizon is not None and (doc["status"] == "done" or due > horizon):
                continue
            if needle and not self._matches(doc, needle):
                continue
            out.append(doc)
        return out

    def _matches(self, doc: dict, needle: str) -> bool:
        hay = search_text(doc["id"], doc["text"], doc.get("units_raw", ""), self.aliases.apply(doc["units"]),
                          _doc_note(doc), initials=needle.isascii() and needle.isalpha(),  # czj: pinyin
                          requirement=doc.get("requirement", ""))
        return needle in (search_key(hay) if self._fold and not hay.isascii() else hay)
