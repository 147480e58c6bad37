"""The 督办 loop in the app (issue 10): `S` signs off a done item (the evidence asked in
the prompt bar), `E` edits the highlighted item in a form, `A` adds an item under its
task; each is in the store file, in the detail pane, and undone by `u`."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.store.importer import read_plan
from duban.store.repository import Repository
from duban.tui.app.app import make_app
from duban.tui.app.screens.item_form import ItemForm
from duban.tui.app.widgets.detail import DetailPane
from duban.tui.settings.config import load_settings
from tests.conftest import ROOT
from tests.tui.screen import shown_ids, tree_lines
from tests.tui.waiting import until

SAMPLE = ROOT / "tui" / "cli" / "sample_plan.txt"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("DUBAN_STORE", "DUBAN_CONFIG", "DUBAN_LANG", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "store" / "store.json"
    Repository(path, user="import").import_plan(read_plan(SAMPLE, "p1"))
    return path


def stored(store: Path, item_id: str):  # noqa: ANN201 - Item
    return next(i for i in Repository(store).load().items if i.id == item_id)


def detail_text(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one(DetailPane).body.render())


async def test_sign_off_edit_and_add_from_the_keyboard(store: Path) -> None:
    app = make_app(load_settings(store=str(store)))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert "p1.1" in shown_ids(app) and "p1.1" in detail_text(app)
        await pilot.press("S")  # p1.1 is not done: refused, nothing asked
        await pilot.pause()
        assert stored(store, "p1.1").signoff is None and app.screen.query_one("#prompt").display is False
        await pilot.press("3", "S")
        await pilot.pause()
        assert app.screen.query_one("#prompt").display is True
        app.screen.query_one("#prompt-input").value = "青司〔2026〕1号"  # CJK is typed through an input method
        await pilot.press("enter")
        await pilot.pause()
        item = stored(store, "p1.1")
        assert item.signed_off and item.signoff["evidence"] == "青司〔2026〕1号"
        assert "青司〔2026〕1号" in detail_text(app)

        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        app.screen.query_one("#form-deadline").value = "2026年8月31日前"
        app.screen.query_one("#form-reason").focus()
        await pilot.press("enter")  # no reason: refused in the form, which stays open
        await pilot.pause()
        assert isinstance(app.screen, ItemForm) and "--reason" in str(app.screen.query_one("#item-form-hint").render())
        app.screen.query_one("#form-reason").value = "会议同意延期"
        await pilot.press("enter")  # written in the write worker: the form closes when it is in the store
        await until(pilot, lambda: not isinstance(app.screen, ItemForm), "the form closes once written")
        item = stored(store, "p1.1")
        assert item.deadline.due == "2026-08-31" and item.original_deadline.due == "2026-06-30"
        assert "延期 62 天" in detail_text(app) and "会议同意延期" in detail_text(app)
        await pilot.press("u")
        await until(pilot, lambda: stored(store, "p1.1").deadline.due == "2026-06-30", "undo takes the edit back")

        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        app.screen.query_one("#form-text").value = "开通政策咨询热线"
        app.screen.query_one("#form-lead").value = "区政务服务局"
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ItemForm), "the form closes once written")
        new = stored(store, "p1.26")
        assert new.text == "开通政策咨询热线" and new.lead_units == ["区政务服务局"] and new.work == "m1.1"
        assert "p1.26" in shown_ids(app) and "开通政策咨询热线" in "\n".join(tree_lines(app))
