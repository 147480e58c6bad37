"""Issue 11 §3: a write waits for the store's lock in a thread worker, so the screen
answers meanwhile; the writes asked for are made in the order of the keys, and q waits
for them."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from filelock import FileLock
from textual.widgets import Input

from tests.tui.conftest import TODAY, stored, write_config
from duban.tui.app.app import make_app
from duban.tui.settings.config import load_settings


async def _until(pilot, check, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        await pilot.pause(0.05)
    return check()


async def test_a_write_waiting_for_the_lock_never_freezes_the_screen(store: Path, isolated: Path) -> None:
    write_config(isolated, "lock_timeout = 20\n")
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        colleague = FileLock(str(store) + ".lock")  # a colleague's write holds the lock
        colleague.acquire()
        try:
            started = time.monotonic()
            await pilot.press("3")  # done: waits for the lock
            await pilot.press("2")  # doing: after it, in this order
            await pilot.press("/")  # the screen still answers
            assert app.screen.query_one("#prompt-input", Input).has_focus
            assert time.monotonic() - started < 10, "the keys waited for the lock"
            assert stored(store, "p1.1").status == "todo"
        finally:
            colleague.release()
        await pilot.press("escape")
        assert await _until(pilot, lambda: [h.to for h in stored(store, "p1.1").history] == ["done", "doing"])
        assert await _until(pilot, lambda: "进行中" in str(app.screen.query_one("#detail-body").render()))  # shown
        await pilot.press("u")
        assert await _until(pilot, lambda: stored(store, "p1.1").status == "done"), "undo took the last step back"


async def test_quit_waits_for_the_writes_asked_for(store: Path, isolated: Path) -> None:
    app = make_app(load_settings(store=str(store)), today=TODAY)
    colleague = FileLock(str(store) + ".lock")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        colleague.acquire()
        # The colleague's write ends a moment later (released on this thread: filelock's
        # locks are the thread's that took them).
        asyncio.get_running_loop().call_later(1.0, colleague.release)
        await pilot.press("3", "q")
        await _until(pilot, lambda: not app.is_running)
    assert stored(store, "p1.1").status == "done", "q did not throw away the change asked for before it"
