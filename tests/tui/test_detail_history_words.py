"""The app's detail pane says a history entry in the words of `show` (tui/text/history.py):
an adjustment with what moved, by how long and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from duban.store.importer import read_plan
from duban.store.repository import Repository
from duban.tui.app.app import make_app
from duban.tui.app.widgets.detail import DetailPane
from duban.tui.settings.config import load_settings
from duban.tui.settings.i18n import Labels
from duban.tui.text.history import entry_words
from tests.conftest import SAMPLE_PLAN


async def test_the_detail_pane_says_an_extension_as_show_does(isolated: Path) -> None:
    store = isolated / "store" / "store.json"
    Repository(store, user="import").import_plan(read_plan(SAMPLE_PLAN, "s"))
    repo = Repository(store, user="clerk")
    first = repo.load().items[0].id
    repo.edit(first, {"deadline": "2026年8月15日前"}, "区政府常务会议同意延期")
    entry = repo.load().items[0].history[-1]
    words = entry_words(Labels("zh"), entry)
    assert words.what.endswith("延期 46 天") and words.why == "（理由：区政府常务会议同意延期）"
    app = make_app(load_settings(store=str(store)), today=date(2026, 7, 5))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one(DetailPane).body.render())
    history = text.split("记录", 1)[1]
    assert f"{words.at} clerk {words.what}{words.why}" in history
