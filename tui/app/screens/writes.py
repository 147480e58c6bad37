"""The main screen's writes: every change goes to the store in a thread worker, one at a
time and in the order the keys asked for them, and comes back as a message (Written),
so a wait for the store's lock (a colleague writing) never freezes the screen.  The
status keys, undo and the store changing under us (another process's write) live here too."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual import work
from textual.message import Message

from duban.store.model import next_status
from duban.store.records import Change
from duban.store.repository import UndoRefused, UnknownItem
from duban.store.storage import StoreError
from duban.tui.app.screens.confirm import ConfirmScreen
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.text.history import entry_words


REFUSED: tuple[type[Exception], ...] = (StoreError, UnknownItem)  # what a write may be refused with


@dataclass(eq=False)  # one write is itself, not any write that looks like it
class Write:
    run: Callable[[], Any]  # in the worker thread: the store write (it may wait for the lock)
    items: list[str] = field(default_factory=list)  # what it touches: re-read once it is written
    undo: bool = False  # an undo of the last step (run returns None: nothing left to undo)
    refused: tuple[type[Exception], ...] = REFUSED  # the refusals that come back as Written.error
    done: Callable[[Written], None] | None = None  # settles it instead (the form, the import); else run
    # returns the changes, shown as a status key's are


class Written(Message):
    def __init__(self, write: Write, changes: Any, error: Exception | None) -> None:
        super().__init__()
        self.write, self.changes, self.error = write, changes, error  # changes: what run returned


class Writes:
    """Mixed into MainScreen (which supplies state, t, say and show_changes)."""

    def write(self, run: Callable[[], Any], items: list[str] | None = None, undo: bool = False, *,
              refused: tuple[type[Exception], ...] = REFUSED, done: Callable[[Written], None] | None = None) -> Write:
        write = Write(run, items or [], undo, refused, done)
        self._writes.append(write)
        self._next_write()
        return write

    def unwrite(self, write: Write) -> bool:
        """Take back a write whose turn has not come (nothing of it is written); False once it runs."""
        if write in self._writes:
            self._writes.remove(write)
            return True
        return False

    def pending(self, write: Write) -> bool:
        return write is self._writing or write in self._writes

    @property
    def writing(self) -> bool:
        return self._writing is not None or bool(self._writes)

    async def writes_done(self) -> None:
        """Until every write asked for is in the store (quitting waits for them)."""
        while self.writing:
            await asyncio.sleep(0.02)

    def _next_write(self) -> None:
        if self._writing is None and self._writes:
            self._writing = self._writes.popleft()
            self._write_in_thread(self._writing)

    @work(thread=True, exclusive=True, group="write")  # one at a time: the next starts when this one is shown
    def _write_in_thread(self, write: Write) -> None:
        try:
            changes = write.run()
        except write.refused as exc:
            self.post_message(Written(write, None, exc))
        else:
            self.post_message(Written(write, changes, None))

    def on_written(self, event: Written) -> None:
        self._writing = None
        try:
            self._settle(event)
        finally:
            self._next_write()

    def _settle(self, event: Written) -> None:
        write, changes, error = event.write, event.changes, event.error
        if write.done is not None:
            write.done(event)
            return
        if isinstance(error, UndoRefused) and getattr(error.args[0], "code", "") == "undo_changed_since":
            said = error.args[0]  # a colleague changed it since: ask before throwing that away

            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_undo(force=True)

            self.app.push_screen(ConfirmScreen(self.t("app.undo_anyway", **said.fields), self.t("app.yes"),
                                               self.t("app.no")), answered)
            return
        if error is not None:
            self.say(self.t("app.error", text=self.t.say(error.args[0])), severity="error", timeout=8)
            return
        if write.undo:
            if changes is None:
                self.say(self.t("app.nothing_to_undo"))
                return
            self.state.undone()
        else:
            self.state.recorded(changes or [], write.items)
        self.show_changes(changes or [])
        self.say(self._describe(changes or [], write.undo), timeout=3)

    # -- status changes and undo
    def action_set_status(self, status: str) -> None:
        tree = self.query_one(HierarchyTree)
        ref = tree.current
        if ref is None:
            return
        items = [ref.id] if ref.kind == "item" else [i.id for i in tree.items_under(ref)]
        repo = self.state.repo
        if ref.kind == "item":
            self.write(lambda: repo.set_status(items, status), items)
            return
        if not items:
            return
        question = self.t("app.confirm_bulk", name=tree.title_of(ref), count=len(items), status=self.t.status(status))

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(lambda: repo.set_status(items, status), items)

        self.app.push_screen(ConfirmScreen(question, self.t("app.yes"), self.t("app.no")), answered)

    def action_cycle_status(self) -> None:
        """The next status: of the item, or (asked first) of every item under a task,
        counting on from the status most of them have."""
        tree = self.query_one(HierarchyTree)
        ref = tree.current
        if ref is None:
            return
        if ref.kind == "item":
            state, item_id = self.state, ref.id

            def run() -> list[Change]:  # the status when its turn comes (after the writes before it)
                item = state.item(item_id)
                return state.repo.set_status([item_id], next_status(item.status if item else "todo"))

            self.write(run, [item_id])
            return
        items = tree.items_under(ref)
        if items:
            self.action_set_status(next_status(Counter(i.status for i in items).most_common(1)[0][0]))

    def action_undo(self, force: bool = False) -> None:
        state = self.state

        def run() -> list[Change] | None:
            # The last step when this write's turn comes (the writes before it are done).
            return state.repo.undo(state.undo_stack[-1], force=force) if state.undo_stack else None

        if not state.undo_stack and not self.writing:
            self.say(self.t("app.nothing_to_undo"))
            return
        self.write(run, undo=True)

    def _describe(self, changes: list[Change], undo: bool) -> str:
        if not changes:  # an undo with nothing left, or a status the item(s) already had
            return self.t("app.nothing_to_undo" if undo else "app.unchanged")
        first = changes[0]
        if first.field:  # an adjustment or a sign-off (tui/app/screens/loop_actions.py)
            return self.t("app.adjusted", id=first.item_id, what=entry_words(self.t, first).what)
        if first.is_note and not undo:
            text = self.t("app.noted", id=first.item_id)
        elif len(changes) == 1:
            text = self.t("app.changed", id=first.item_id, status=self.t.status(first.to))
        else:
            text = self.t("app.changed_many", count=len(changes), status=self.t.status(first.to))
        return self.t("app.undone", what=text) if undo else text

    # -- the store changing under us
    def check_store(self) -> None:
        # Our own write in flight changes the files too: it is shown when it comes back.
        if not self.writing and self.state.changed_on_disk():
            self._reload_in_background(external=True)

    @work(thread=True, exclusive=True, group="reload")
    def _reload_in_background(self, external: bool) -> None:
        # Read in a thread (a large store takes a moment); adopt it on the UI's thread.
        try:
            loaded = self.state.read_fresh()
        except StoreError as exc:
            self.app.call_from_thread(self.say, self.t.say(exc.args[0]), severity="error", timeout=8)
            return
        self.app.call_from_thread(self._reloaded, loaded, external)

    def _reloaded(self, loaded, external: bool) -> None:  # noqa: ANN001 - duban.tui.app.state.Loaded
        self.state.adopt(loaded)
        self.warm_pinyin()
        self.refresh_all()
        self.say(self.t("app.external" if external else "app.reloaded"), timeout=3)

    def warm_pinyin(self) -> None:
        # Named: otherwise Textual describes the worker by repr(state.warm_pinyin), the
        # repr of the whole AppState (0.4 s at 10,000 items).
        self.run_worker(self.state.warm_pinyin, name="pinyin", description="pinyin initials", thread=True,
                        group="pinyin")

    def action_reload(self) -> None:
        self._reload_in_background(external=False)
