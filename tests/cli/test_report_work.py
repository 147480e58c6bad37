"""The summary does each item's work once, and its tallies still count what a recount does.

A report of 50,000 items judged every item overdue four times and added it to each of
its groups one field at a time (a third of `duban report`).  Now each item's facts are
taken once and a group adds up its distinct facts; these tests hold the tallies to the
plain item-by-item count, on a store with every kind of fact (statuses, overdue, all-year,
signed off, extended)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from duban.store import summary as summary_module
from duban.store import tally as tally_module
from duban.store.queries import View
from duban.store.repository import Repository
from duban.store.summary import Tally, summarise
from tests.conftest import InProcess

AS_OF = date(2026, 11, 1)


@pytest.fixture
def varied(sample: InProcess) -> InProcess:
    """The sample plan with items done, signed off, extended, blocked and in progress."""
    sample("set", "s.1", "done")
    sample("set", "s.2", "done")
    sample("signoff", "s.2", "--evidence", "青财〔2026〕3号")
    sample("set", "s.4", "doing")
    sample("set", "s.5", "blocked")
    sample("edit", "s.6", "--deadline", "2026-12-15", "--reason", "延期")
    sample("edit", "s.7", "--deadline", "2027-01-20", "--reason", "延期")
    return sample


def _recount(items, as_of: date) -> Tally:  # noqa: ANN001
    tally = Tally()
    for item in items:
        tally.add(item, as_of)
    return tally


def _counts(t: Tally) -> tuple:
    return (t.items, dict(t.by_status), t.overdue, t.all_year, t.signed_off, t.extended, t.extended_days)


def test_tallies_equal_an_item_by_item_recount(varied: InProcess, store_path: Path) -> None:
    view = View(Repository(store_path).load())
    items = view.items
    s = summarise(view, items, AS_OF)
    assert _counts(s.overview) == _counts(_recount(items, AS_OF))
    assert s.overview.signed_off == 1 and s.overview.extended == 2 and s.overview.overdue
    for lead, rows in ((True, s.by_lead_unit), (False, s.by_any_unit)):
        assert rows
        for row in rows:
            members = [i for i in items if row.name in (i.lead_units if lead else i.units)]
            assert _counts(getattr(row, "tally", row)) == _counts(_recount(members, AS_OF)), row.name
    by_main = Counter()
    for row in s.by_main_task:
        by_main[row.label] += row.tally.items
    assert sum(by_main.values()) == len(items)


def test_summary_judges_each_item_overdue_once(varied: InProcess, store_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = tally_module.is_overdue

    def counting(item, as_of):  # noqa: ANN001, ANN202
        calls.append(item.id)
        return real(item, as_of)

    monkeypatch.setattr(tally_module, "is_overdue", counting)  # where an item's facts are taken
    if hasattr(summary_module, "is_overdue"):
        monkeypatch.setattr(summary_module, "is_overdue", counting)
    view = View(Repository(store_path).load())
    summarise(view, view.items, AS_OF)
    assert len(calls) == len(view.items), f"{len(calls)} overdue checks for {len(view.items)} items"
