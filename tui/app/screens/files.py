"""The main screen's file actions: export what is shown (`e`, tui/app/screens/export.py) and
import a plan file (`i`, tui/app/screens/import_file.py).  Both ask for a path in the prompt
bar; MainScreen passes the answer on (export_to, import_from).  The import's file is read in
a thread worker and written through the main screen's write queue (tui/app/screens/writes.py),
so neither a large file nor a colleague holding the store's lock freezes the screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from duban.store.storage import StoreError
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.app.widgets.prompt import PromptBar

if TYPE_CHECKING:
    from textual.timer import Timer

    from duban.tui.app.screens.import_file import AppContext, Prepared
    from duban.tui.app.screens.writes import Written
    from duban.tui.app.state import AppState, Loaded

SLOW = 0.5  # s: a read or an import taking longer than this is said to be under way


class ImportRead(Message):
    """The file is read and placed (or could not be: one line to say, empty for nothing)."""

    def __init__(self, ctx: AppContext, prepared: Prepared | str) -> None:
        super().__init__()
        self.ctx, self.prepared = ctx, prepared


class FileActions:
    """Mixed into MainScreen (which supplies state, t, say, refresh_all and the tree)."""

    _import_folder: Path | None = None
    _import_notice: Timer | None = None  # says a slow read or import is under way

    def action_export(self) -> None:
        """Ask where (prefilled), then write the summary of what is shown; the path's
        extension is the format (.txt .md .html .svg)."""
        from duban.tui.app.screens.export import formats, suggested_path

        if self.state.view is None:
            return
        path = suggested_path(getattr(self.app, "settings", None) and self.app.settings.export_dir)
        self.query_one(PromptBar).open("export", self.t("export.prompt", formats=formats()), str(path))

    def export_to(self, value: str) -> None:
        from duban.tui.app.screens.export import export_view

        message, ok = export_view(self.state, self.t, value)
        if message:
            self.say(message, severity="information" if ok else "error", timeout=8)

    def action_import_file(self) -> None:
        """Ask for a plan file's path; show what `duban import --dry-run` shows; enter imports."""
        folder = self._import_folder
        self.query_one(PromptBar).open("import", self.t("appimport.prompt"), f"{folder}/" if folder else "")

    def import_from(self, value: str) -> None:
        """Read the file in a thread (a large .docx takes a moment; placing it may wait for
        the store's lock); the review comes back as ImportRead."""
        from duban.tui.app.screens.import_file import AppContext

        if not value.strip():
            return
        ctx = AppContext(self.t, self.state.repo)
        self._stop_import_notice()
        self._import_notice = self.set_timer(SLOW, lambda: self.say(self.t("appimport.reading", file=value.strip()),
                                                                    timeout=4))
        self._read_import(ctx, value)

    @work(thread=True, exclusive=True, group="import-read")  # a second `i` replaces a read under way
    def _read_import(self, ctx: AppContext, value: str) -> None:
        from duban.tui.app.screens.import_file import prepare

        prepared = prepare(ctx, value, Path.cwd())
        if not get_current_worker().is_cancelled:
            self.post_message(ImportRead(ctx, prepared))

    def on_import_read(self, event: ImportRead) -> None:
        from duban.tui.app.screens.import_file import ImportReviewScreen

        self._stop_import_notice()
        ctx, prepared = event.ctx, event.prepared
        if isinstance(prepared, str):
            if prepared:
                self.say(prepared, severity="error", timeout=8)
            return
        self._import_folder = prepared.path.parent

        def answered(choice: str | None) -> None:
            if not choice:
                self.say(self.t("appimport.cancelled"), timeout=3)
                return
            self._import_notice = self.set_timer(SLOW, lambda: self.say(
                self.t("appimport.writing", file=prepared.path.name), timeout=4))
            state = self.state  # a closure, not a partial: Textual describes the worker by the write's repr
            self.write(lambda: _import_and_read(state, ctx, prepared), refused=(StoreError,), done=self._imported)

        self.app.push_screen(ImportReviewScreen(self.t, prepared), answered)

    def _imported(self, event: Written) -> None:
        """The import's write came back (tui/app/screens/writes.py): show the plan it made."""
        self._stop_import_notice()
        if event.error is not None:
            self.say(self.t("app.error", text=self.t.say(event.error.args[0])), severity="error", timeout=8)
            return
        said, key, loaded = event.changes
        if key is None:
            self.say(said, severity="error", timeout=8)
            return
        self.state.adopt(loaded)
        self.refresh_all()
        first = next((i for i in self.state.visible() if i.plan == key), None)
        if first is not None:
            self.query_one(HierarchyTree).reveal(first.id)
        self.say(said, timeout=6)

    def _stop_import_notice(self) -> None:
        if self._import_notice is not None:
            self._import_notice.stop()
            self._import_notice = None


def _import_and_read(state: AppState, ctx: AppContext, prepared: Prepared) -> tuple[str, str | None, Loaded | None]:
    """In the write worker: the import under the lock, then the store read again (when it wrote)."""
    from duban.tui.app.screens.import_file import run_import

    said, key = run_import(ctx, prepared)
    return said, key, state.read_fresh() if key is not None else None
