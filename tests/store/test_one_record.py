"""One record and one rule per concept (issue 11 §4): the rule itself, checked on items
of our own."""

from __future__ import annotations

from duban.store.model import STATUSES, Deadline, Item, next_status
from duban.tui.text.marks import unit_cell


def _item(lead: list[str], units: list[str]) -> Item:
    return Item("p1.1", "p1", 1, "1", None, None, "事项", lead, units, "、".join(units),
                Deadline("年底前", "date", "2026-12-31"))


def test_the_status_cycle_steps_through_every_status_and_back() -> None:
    seen, status = [], "todo"
    for _ in STATUSES:
        seen.append(status)
        status = next_status(status)
    assert seen == list(STATUSES) and status == "todo"


def test_an_item_goes_by_its_first_lead_unit_else_its_first_unit() -> None:
    assert _item(["区财政局", "区审计局"], ["区财政局", "区审计局", "区统计局"]).lead_unit() == ("区财政局", 1)
    assert _item([], ["区统计局", "区审计局"]).lead_unit() == ("区统计局", 1)
    assert _item([], []).lead_unit() == ("", 0)


def test_the_unit_cell_keeps_its_plus_n_when_cut() -> None:
    item = _item(["区人力资源和社会保障局", "区审计局"], ["区人力资源和社会保障局", "区审计局"])
    assert unit_cell(item) == "区人力资源和社会保障局 +1"
    cell = unit_cell(item, 12)
    assert cell.endswith(" +1") and cell.startswith("区人力") and len(cell) < len(unit_cell(item))
    assert unit_cell(_item([], [])) == ""


def test_a_tally_counts_an_item_out_as_it_counted_it_in() -> None:
    from datetime import date

    from duban.store.tally import UnitTally

    item = _item(["区财政局"], ["区财政局"])
    item.status, item.original_deadline = "done", Deadline("6月底前", "date", "2026-06-30")
    item.signoff = {"by": "clerk", "at": "2026-12-01T10:00:00+08:00", "evidence": "文号"}
    tally = UnitTally(name="区财政局")
    tally.add(item, date(2026, 12, 5))
    assert (tally.items, tally.done, tally.signed_off, tally.extended, tally.extended_days) == (1, 1, 1, 1, 184)
    tally.add(item, date(2026, 12, 5), sign=-1)  # the app keeps its unit counts by changes
    assert tally == UnitTally(name="区财政局")


def test_a_sign_off_time_is_read_in_the_readers_zone_as_history_is(monkeypatch) -> None:  # noqa: ANN001
    import time

    from duban.store.model import HistoryEntry
    from duban.tui.settings.i18n import Labels
    from duban.tui.text.adjust import signoff_text
    from duban.tui.text.history import entry_words

    at = "2026-12-01T02:00:00.000+00:00"  # signed on a server on UTC, read in Beijing
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        said = signoff_text(Labels("zh"), {"by": "clerk", "name": "王芳", "at": at, "evidence": "文号"})
        entry = entry_words(Labels("zh"), HistoryEntry(at, "clerk", "done", "done", name="王芳"))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert said == "2026-12-01 10:00  clerk (王芳)  文号"
    assert said.startswith(f"{entry.at}  {entry.who}")


def test_the_responsible_units_are_the_units_besides_the_leads() -> None:
    item = _item(["区财政局"], ["区财政局", "区审计局", "区统计局"])
    assert item.responsible == ["区审计局", "区统计局"]


def test_the_stores_messages_give_times_in_the_readers_zone(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import time

    import pytest

    from duban.store import author
    from duban.store.importer import read_plan
    from duban.store.repository import Repository, UndoRefused
    from tests.conftest import SAMPLE_PLAN

    store = tmp_path / "store.json"
    Repository(store, user="import").import_plan(read_plan(SAMPLE_PLAN, "s"))
    first = Repository(store).load().items[0].id
    mine = Repository(store, user="me").set_status([first], "done")
    monkeypatch.setattr(author, "now", lambda: "2026-03-02T01:00:00.000+00:00")  # a server on UTC
    Repository(store, user="colleague").set_status([first], "doing")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        with pytest.raises(UndoRefused) as refused:
            Repository(store, user="me").undo(mine)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert refused.value.args[0].fields["at"] == "2026-03-02 09:00"  # as `show` and `log` say it


def test_log_and_report_judge_since_by_the_readers_day(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import time
    from datetime import date

    from duban.store import author, history
    from duban.store.importer import read_plan
    from duban.store.queries import View
    from duban.store.repository import Repository
    from duban.store.summary import done_on, summarise
    from tests.conftest import SAMPLE_PLAN

    store = tmp_path / "store.json"
    Repository(store, user="import").import_plan(read_plan(SAMPLE_PLAN, "s"))
    first = Repository(store).load().items[0].id
    monkeypatch.setattr(author, "now", lambda: "2026-03-01T20:00:00.000+00:00")  # 3月2日 04:00 in Beijing
    Repository(store, user="clerk").set_status([first], "done")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        view = View(Repository(store).load())
        logged = history.log(view.items, since="2026-03-02")
        report = summarise(view, view.items, date(2026, 3, 10), since=date(2026, 3, 2)).changes
        done = done_on(view.item(first))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [c.item_id for c in logged] == [c.item_id for c in report] == [first]
    assert done == date(2026, 3, 2)
