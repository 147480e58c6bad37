"""Issue 11 §3: the edit / add form and the import confirmation write in the main screen's
write worker (tui/app/screens/writes.py), as the status keys do: while a colleague's
process holds the store's lock the screen answers keys, and once the lock is free the
change is in the store file and shown; a refusal still comes back to the form.  The
import's file is read in a thread too.  The real app on a real temp store, with the lock
held from the test (filelock's locks are the thread's that took them: released here)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from filelock import FileLock

from duban.store.repository import Repository
from duban.tui.app.app import make_app
from duban.tui.app.screens import import_file
from duban.tui.app.screens.import_file import ImportReviewScreen
from duban.tui.app.screens.item_form import ItemForm
from duban.tui.app.widgets.detail import DetailPane
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.settings.config import load_settings
from tests.tui.burst import burst
from tests.tui.conftest import TODAY, stored, write_config
from tests.tui.test_app_import import SECOND
from tests.tui.waiting import until

ANSWERS = 8.0  # s: a key answered while the lock is held (a lock wait on the UI thread takes lock_timeout, 20 s)


def _app(store: Path, isolated: Path):  # noqa: ANN202 - DubanApp
    write_config(isolated, "lock_timeout = 20\n")
    return make_app(load_settings(store=str(store)), today=TODAY)


def _hint(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#item-form-hint").render())


def _current(app) -> str | None:  # noqa: ANN001
    ref = app.screen.query_one(HierarchyTree).current
    return ref.id if ref is not None else None


def _toasts(app) -> list[str]:  # noqa: ANN001
    return [str(n.message) for n in app._notifications]


async def test_the_edit_form_saves_while_a_colleague_holds_the_lock(store: Path, isolated: Path) -> None:
    app = _app(store, isolated)
    before = stored(store, "p1.1").deadline.due
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert _current(app) == "p1.1"
        await pilot.press("E")
        assert isinstance(app.screen, ItemForm)
        app.screen.query_one("#form-deadline").value = "2021年12月20日前"
        app.screen.query_one("#form-reason").value = "会议同意延期"
        app.screen.query_one("#form-reason").focus()
        colleague = FileLock(str(store) + ".lock")
        colleague.acquire()
        try:
            started = time.monotonic()
            await pilot.press("enter")  # saved in the worker: it waits for the lock
            await pilot.press("tab")  # the form still answers keys
            assert time.monotonic() - started < ANSWERS, "enter waited for the lock on the UI thread"
            assert isinstance(app.screen, ItemForm), "the form stays open until the write comes back"
            assert app.focused is not None and app.focused.id == "form-text"
            assert "正在保存" in _hint(app)
            assert stored(store, "p1.1").deadline.due == before
        finally:
            colleague.release()
        await until(pilot, lambda: not isinstance(app.screen, ItemForm), "the form closes once written")
        assert stored(store, "p1.1").deadline.due == "2021-12-20"
        assert "会议同意延期" in str(app.screen.query_one(DetailPane).body.render()), "the detail shows the edit"
        await pilot.press("u")
        await until(pilot, lambda: stored(store, "p1.1").deadline.due == before, "u takes the edit back")


async def test_a_refused_write_comes_back_to_the_form(store: Path, isolated: Path) -> None:
    app = _app(store, isolated)
    count = len(Repository(store).load().items)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("A")
        assert isinstance(app.screen, ItemForm)
        app.screen.query_one("#form-lead").value = "区政府办"  # no text: the store refuses it
        colleague = FileLock(str(store) + ".lock")
        colleague.acquire()
        try:
            started = time.monotonic()
            await pilot.press("enter")
            await pilot.press("tab")
            assert time.monotonic() - started < ANSWERS, "enter waited for the lock on the UI thread"
            assert app.focused is not None and app.focused.id == "form-lead"
            assert "正在保存" in _hint(app)
        finally:
            colleague.release()
        await until(pilot, lambda: "不能为空" in _hint(app), "the store's refusal is said in the form")
        assert isinstance(app.screen, ItemForm), "a refused form stays open with what was typed"
        assert app.screen.query_one("#form-lead").value == "区政府办"
        app.screen.query_one("#form-text").value = "开通政策咨询热线"
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ItemForm), "the form closes once written")
    added = [i for i in Repository(store).load().items if i.text == "开通政策咨询热线"]
    assert len(added) == 1 and added[0].lead_units == ["区政府办"]
    assert len(Repository(store).load().items) == count + 1


async def test_escape_takes_back_a_form_write_still_queued(store: Path, isolated: Path) -> None:
    app = _app(store, isolated)
    before = stored(store, "p1.1").deadline.due
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        colleague = FileLock(str(store) + ".lock")
        colleague.acquire()
        try:
            started = time.monotonic()
            await pilot.press("3")  # done: waits for the lock
            await pilot.press("E")
            app.screen.query_one("#form-reason").value = "不必了"
            app.screen.query_one("#form-deadline").value = "2021年12月20日前"
            app.screen.query_one("#form-reason").focus()
            await pilot.press("enter")  # queued behind the status change
            await pilot.press("escape")  # its turn has not come: nothing of it is written
            assert time.monotonic() - started < ANSWERS, "a key waited for the lock on the UI thread"
            assert not isinstance(app.screen, ItemForm)
        finally:
            colleague.release()
        await until(pilot, lambda: stored(store, "p1.1").status == "done", "the status change is written")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert stored(store, "p1.1").deadline.due == before, "escape took the queued edit back"


async def test_escape_while_the_form_write_waits_for_the_lock(store: Path, isolated: Path) -> None:
    app = _app(store, isolated)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        colleague = FileLock(str(store) + ".lock")
        colleague.acquire()
        try:
            await pilot.press("E")
            app.screen.query_one("#form-reason").value = "会议同意延期"
            app.screen.query_one("#form-deadline").value = "2021年12月20日前"
            app.screen.query_one("#form-reason").focus()
            await pilot.press("enter")  # its turn has come: it waits for the lock and cannot be called back
            await pilot.press("escape")
            assert not isinstance(app.screen, ItemForm)
            assert any("正在等待写入" in t for t in _toasts(app)), "the user is told it will still be written"
        finally:
            colleague.release()
        await until(pilot, lambda: stored(store, "p1.1").deadline.due == "2021-12-20", "the edit is written")
        await until(pilot, lambda: "会议同意延期" in str(app.screen.query_one(DetailPane).body.render()), "and shown")


async def test_the_import_is_written_while_a_colleague_holds_the_lock(store: Path, isolated: Path) -> None:
    second = isolated / "second.csv"
    second.write_text(SECOND, encoding="utf-8")
    app = _app(store, isolated)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await burst(pilot, "i", str(second), "enter")
        await until(pilot, lambda: isinstance(app.screen, ImportReviewScreen), "the review")
        colleague = FileLock(str(store) + ".lock")
        colleague.acquire()
        try:
            started = time.monotonic()
            await pilot.press("enter")  # imported in the write worker: it waits for the lock
            first = _current(app)
            await pilot.press("down")  # the screen answers
            assert time.monotonic() - started < ANSWERS, "enter waited for the lock on the UI thread"
            assert not isinstance(app.screen, ImportReviewScreen)
            assert _current(app) != first, "the cursor moved"
            assert {p.key for p in Repository(store).load().plans} == {"p1", "p2"}
        finally:
            colleague.release()
        await until(pilot, lambda: "p3" in {p.key for p in Repository(store).load().plans}, "the import is written")
        await until(pilot, lambda: (_current(app) or "").startswith("p3."), "the tree shows the new plan")
        assert any("p3" in t for t in _toasts(app))
    assert "推进预决算公开工作" in {i.text for i in Repository(store).load().items}


async def test_the_import_file_is_read_in_a_thread(store: Path, isolated: Path, monkeypatch) -> None:  # noqa: ANN001
    second = isolated / "second.csv"
    second.write_text(SECOND, encoding="utf-8")
    may_read = threading.Event()
    read_plan = import_file.read_plan

    def slow_read(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a large .docx, or a slow disk
        may_read.wait(timeout=20)
        return read_plan(*args, **kwargs)

    monkeypatch.setattr(import_file, "read_plan", slow_read)
    app = _app(store, isolated)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        started = time.monotonic()
        await burst(pilot, "i", str(second), "enter")
        first = _current(app)
        await pilot.press("down")
        assert time.monotonic() - started < ANSWERS, "the file was read on the UI thread"
        assert _current(app) != first, "the cursor moved while the file is read"
        await until(pilot, lambda: any("正在读取" in t for t in _toasts(app)), "a slow read is said")
        may_read.set()
        await until(pilot, lambda: isinstance(app.screen, ImportReviewScreen), "the review once read")
        await pilot.press("escape")
