"""Issue 12 §3: `i` (and the palette) imports a file by path with the same review as
`duban import --dry-run`, confirmed with enter; escape, a bad path and an implausible
reading write nothing.  The real app on a real temp store, driven by Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from duban.store.importer import read_plan
from duban.store.repository import Repository
from duban.tui.app.app import make_app
from duban.tui.app.screens.import_file import ImportReviewScreen
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.settings.config import load_settings
from tests.tui.burst import burst
from tests.tui.conftest import TODAY
from tests.tui.waiting import palette_listed, until

FIRST = """序号,主要任务,工作任务,牵头单位,完成时限
1,一、推进决策公开,做好重大决策预公开工作,区政府办,2026年6月底前
2,,做好政策解读工作,区司法局,2026年10月底前
3,,做好政务新媒体管理,区融媒体中心,年底前
"""
SECOND = """序号,主要任务,工作任务,牵头单位,责任单位,完成时限
1,一、加强财政信息公开,推进预决算公开工作,区财政局,各街道,2026年8月底前
2,,做好政府债务信息公开,区财政局,区审计局,2026年9月底前
3,二、做好民生领域公开,推进教育领域信息公开,区教育局,各学校,年底前
4,,推进医疗卫生领域公开,区卫健委,,2026年11月30日前
"""
NO_UNITS = """序号,主要任务,工作任务,完成时限
1,一、推进公开,做好就业信息公开,2026年6月底前
2,,做好社保信息公开,2026年10月底前
3,,做好住房保障公开,年底前
4,,做好养老服务公开,年底前
"""


@pytest.fixture
def store(isolated: Path) -> Path:
    path = isolated / "store" / "store.json"
    first = isolated / "first.csv"
    first.write_text(FIRST, encoding="utf-8")
    Repository(path, user="import").import_plan(read_plan(first, "p1"))
    return path


@pytest.fixture
def app(store: Path):
    return make_app(load_settings(store=str(store)), today=TODAY)


def store_bytes(store: Path) -> dict[str, bytes]:
    """Every file of the store (its index and its plan files)."""
    return {str(p): p.read_bytes() for p in sorted(store.parent.rglob("*")) if p.is_file() and "backup" not in str(p)}


def plan_texts(store: Path) -> set[str]:
    return {i.text for i in Repository(store).load().items}


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_i_path_enter_shows_the_review_and_enter_imports(app, store: Path, isolated: Path) -> None:
    second = isolated / "second.csv"
    second.write_text(SECOND, encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "i", str(second), "enter")
        await until(pilot, lambda: isinstance(app.screen, ImportReviewScreen), "the review (the file is read in a thread)")
        review = str(app.screen.query_one("#import-review-text", Static).content)
        # the same review as --dry-run: the columns with their roles, the items with units and deadlines
        assert "牵头单位  →  牵头单位 (lead)" in review and "责任单位  →  责任单位 (responsible)" in review
        assert "推进预决算公开工作" in review and "牵头：区财政局 · 责任：各街道" in review
        assert "检查：通过" in review
        assert "新方案 p2" in screen_text(app)
        assert "推进预决算公开工作" not in plan_texts(store), "nothing written before enter"
        await burst(pilot, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ImportReviewScreen)
        tree = app.screen.query_one(HierarchyTree)
        # written in the main screen's write worker (tui/app/screens/writes.py), then shown
        await until(pilot, lambda: tree.current is not None and tree.current.id.startswith("p2."),
                    "the tree shows the new plan")
        assert any("p2" in t for t in toasts(app))
    texts = plan_texts(store)
    assert {"推进预决算公开工作", "推进医疗卫生领域公开", "做好政策解读工作"} <= texts
    plans = {p.key for p in Repository(store).load().plans}
    assert plans == {"p1", "p2"}


async def test_escape_writes_nothing(app, store: Path, isolated: Path) -> None:
    second = isolated / "second.csv"
    second.write_text(SECOND, encoding="utf-8")
    before = store_bytes(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "i", str(second), "enter")
        await until(pilot, lambda: isinstance(app.screen, ImportReviewScreen), "the review (the file is read in a thread)")
        await burst(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportReviewScreen)
        await burst(pilot, "i", str(isolated / "first.csv"), "enter")  # the same plan again: a re-import
        await until(pilot, lambda: isinstance(app.screen, ImportReviewScreen), "the review (the file is read in a thread)")
        assert "重新导入方案 p1" in screen_text(app)
        await burst(pilot, "escape")
    assert store_bytes(store) == before


async def test_bad_path_is_a_one_line_toast_and_writes_nothing(app, store: Path, isolated: Path) -> None:
    before = store_bytes(store)
    missing = isolated / "nowhere.docx"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "i", str(missing), "enter")
        await until(pilot, lambda: any(str(missing) in t for t in toasts(app)), "the file's error is said")
        assert not isinstance(app.screen, ImportReviewScreen)
        said = [t for t in toasts(app) if str(missing) in t]
        assert said and "\n" not in said[0] and said[0].startswith("无法导入")
    assert store_bytes(store) == before


async def test_implausible_reading_is_refused_unless_forced(app, store: Path, isolated: Path) -> None:
    bad = isolated / "no-units.csv"
    bad.write_text(NO_UNITS, encoding="utf-8")
    before = store_bytes(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "i", str(bad), "enter")
        await until(pilot, lambda: isinstance(app.screen, ImportReviewScreen), "the review (the file is read in a thread)")
        assert "按 ! 仍然导入" in screen_text(app), "the force key is labelled on screen"
        await burst(pilot, "enter")  # as `duban import` without --force: refused
        await pilot.pause()
        assert isinstance(app.screen, ImportReviewScreen)
        refused = [t for t in toasts(app) if t.startswith("导入结果不可信")]
        assert refused and "\n" not in refused[0]
        assert store_bytes(store) == before
        await burst(pilot, "!")
        await pilot.pause()
        assert not isinstance(app.screen, ImportReviewScreen)
        await until(pilot, lambda: "做好社保信息公开" in plan_texts(store), "the forced import is written")
    assert "做好社保信息公开" in plan_texts(store)


async def test_a_burst_lands_in_the_prompt(app, store: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "i/tmp/计划3.docx")
        box = app.screen.query_one("#prompt-input", Input)
        assert app.focused is box and box.value == "/tmp/计划3.docx"
        await burst(pilot, "escape")
        assert plan_texts(store) == {"做好重大决策预公开工作", "做好政策解读工作", "做好政务新媒体管理"}


async def test_the_palette_offers_the_import(app, store: Path, isolated: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "ctrl+p")
        await burst(pilot, "导入计划")
        await until(pilot, lambda: palette_listed(app), "the palette lists the import")
        await burst(pilot, "enter")
        await pilot.pause()
        box = app.screen.query_one("#prompt-input", Input)
        assert app.focused is box
        await burst(pilot, "escape")
