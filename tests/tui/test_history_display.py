"""The detail pane's history reads like `show`: an undo is marked as one, not shown as an
ordinary change, and times are local to the minute.  On our own sample plan."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from duban.store.importer import read_plan
from duban.store.repository import Repository
from duban.tui.app.app import make_app
from duban.tui.app.widgets.detail import DetailPane
from duban.tui.settings.config import load_settings
from tests.conftest import SAMPLE_PLAN


async def test_an_undo_reads_as_an_undo_in_the_detail_pane(isolated: Path) -> None:
    store = isolated / "store" / "store.json"
    Repository(store, user="import").import_plan(read_plan(SAMPLE_PLAN, "s"))
    app = make_app(load_settings(store=str(store)), today=date(2026, 7, 5))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        text = str(app.screen.query_one(DetailPane).body.render())
    history = text.split("记录", 1)[1]
    assert "↶ 撤销 已完成 → 未开始" in history
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d \S.*tester", history.strip(), re.M)
    assert "T" not in history and "+0" not in history
