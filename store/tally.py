"""Counting items: by status, overdue, all-year, signed off and extended, with the
completion rate — for a whole view, a main task or a unit.  One record (Tally, and a
unit's UnitTally) for the report, the bulletin, `duban units` and the app's panes, and one
order of units everywhere: worst first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from duban.store.model import Item
from duban.store.queries import is_overdue
from duban.store.units import is_collective


@dataclass
class Tally:
    """Items by status, overdue and all-year, with the completion rate."""

    items: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    overdue: int = 0
    all_year: int = 0
    signed_off: int = 0     # done and confirmed by the office (已销号)
    extended: int = 0       # deadline moved since the plan was handed out (延期)
    extended_days: int = 0  # by how long, all together

    def add(self, item: Item, as_of: date, late: bool | None = None, sign: int = 1) -> None:
        """Count the item in (sign -1: out again, for a count kept up to date by changes).
        `late`: whether it is overdue on `as_of`, where the caller knows already."""
        self.count(_facts(item, as_of, late), sign)

    def count(self, facts: tuple[str, bool, bool, bool, int], sign: int = 1) -> None:
        """Count `sign` items with these facts (see _facts): worked out once for an item
        that counts in several tallies (every unit it names)."""
        status, late, all_year, signed_off, extension = facts
        self.items += sign
        self.by_status[status] += sign
        if late:  # most items are none of these: a test is cheaper than an addition
            self.overdue += sign
        if all_year:
            self.all_year += sign
        if signed_off:
            self.signed_off += sign
        if extension:
            self.extended += sign
            self.extended_days += sign * extension

    @property
    def done(self) -> int:
        return self.by_status["done"]

    @property
    def rate(self) -> float:
        return self.done / self.items if self.items else 0.0

    def share(self, status: str) -> float:
        return self.by_status[status] / self.items if self.items else 0.0


@dataclass
class UnitTally(Tally):
    """A unit's tally: its name, whether the name is collective (各部门, 有关单位), and how
    many of its items it leads."""

    name: str = ""
    collective: bool = False
    lead: int = 0


def _facts(item: Item, as_of: date, late: bool | None = None) -> tuple[str, bool, bool, bool, int]:
    return (item.status, is_overdue(item, as_of) if late is None else late, item.deadline.kind == "all_year",
            item.signed_off, item.extension_days)


def facts(item: Item, as_of: date) -> tuple[str, bool, bool, bool, int]:
    """What a tally counts of an item (status, overdue, all-year, signed off, days
    extended): worked out once for an item that counts in several tallies."""
    return _facts(item, as_of)


def worst_first(t: UnitTally) -> tuple[bool, int, float, int, str]:
    """The order of units everywhere: named before collective, then most overdue, lowest
    completion, most items, and the name."""
    return (t.collective, -t.overdue, t.rate, -t.items, t.name)


def by_unit(items: list[Item], as_of: date, lead_only: bool = False,
            facts: list[tuple[str, bool, bool, bool, int]] | None = None) -> list[UnitTally]:
    """Every unit the items name (only their lead units with `lead_only`), worst first.
    `facts`: each item's, where the caller has them already (see `facts`)."""
    # Counted by distinct facts: a unit of thousands of items adds up a handful of kinds
    # (Tally.count(facts, n) is n items with those facts).
    groups: dict[str, dict[tuple[str, bool, bool, bool, int], int]] = {}
    leading: dict[str, int] = {}
    for n, item in enumerate(items):
        facts_of = facts[n] if facts is not None else _facts(item, as_of)  # once per item, not once per unit
        leads = item.lead_units
        for name in leads if lead_only else item.units:
            counts = groups.get(name)
            if counts is None:
                counts = groups[name] = {}
            counts[facts_of] = counts.get(facts_of, 0) + 1
            if name in leads:
                leading[name] = leading.get(name, 0) + 1
    tallies: dict[str, UnitTally] = {}
    for name, counts in groups.items():
        tally = tallies[name] = UnitTally(name=name, collective=is_collective(name), lead=leading.get(name, 0))
        for kind, many in counts.items():
            tally.count(kind, many)
    return sorted(tallies.values(), key=worst_first)
