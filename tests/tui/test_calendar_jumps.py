"""Issue 9.12: the calendar opens at the selected item's month (else today), moves by
month and year, jumps back, and shows counts whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from duban.tui.app.widgets.calendar import DeadlineCalendar
from duban.tui.app.widgets.hierarchy import HierarchyTree
from tests.tui.burst import burst
from tests.tui.conftest import TODAY, stored


async def test_calendar_opens_at_the_selected_items_month_and_jumps(app, store: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "/向乡村", "enter")  # p1.44, due 11-30: another month than today's
        tree = app.screen.query_one(HierarchyTree)
        item = stored(store, tree.current.id)
        assert item.deadline.kind == "date" and item.deadline.due_date.month != TODAY.month
        await pilot.press("c")
        cal = app.screen.query_one(DeadlineCalendar)
        assert app.focused is cal
        due = item.deadline.due_date
        assert (cal.cursor.year, cal.cursor.month) == (due.year, due.month)
        await burst(pilot, "}")
        assert (cal.cursor.year, cal.cursor.month) == (due.year + 1, due.month)
        await burst(pilot, "{{]")
        assert cal.cursor.year == due.year - 1 and cal.cursor.month == due.month % 12 + 1
        await burst(pilot, ".")
        assert cal.cursor == TODAY
        await burst(pilot, "g")
        assert cal.cursor == due


async def test_counts_are_never_cut(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        cal = app.screen.query_one(DeadlineCalendar)
        from duban.tui.app.state import DayCount

        day = date(2021, 12, 31)
        cal.show({day: DayCount(items=123)}, 0, 0, None)
        cal.open_at(day)
        await pilot.pause()
        text = str(cal.render())
        assert "31·123" in text and "31日：123 项" in text
        region = cal.content_region
        assert max(len(line) for line in text.splitlines()[1:-1]) <= region.width
