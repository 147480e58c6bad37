"""The main screen's file actions: export what is shown (`e`, tui/app/screens/export.py) and
import a plan file (`i`, tui/app/screens/import_file.py).  Both ask for a path in the prompt
bar; MainScreen passes the answer on (export_to, import_from)."""

from __future__ import annotations

from pathlib import Path

from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.app.widgets.prompt import PromptBar


class FileActions:
    """Mixed into MainScreen (which supplies state, t, say, refresh_all and the tree)."""

    _import_folder: Path | None = None

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
        from duban.store.storage import StoreError
        from duban.tui.app.screens.import_file import AppContext, ImportReviewScreen, prepare, run_import

        ctx = AppContext(self.t, self.state.repo)
        prepared = prepare(ctx, value, Path.cwd())
        if isinstance(prepared, str):
            if prepared:
                self.say(prepared, severity="error", timeout=8)
            return
        self._import_folder = prepared.path.parent

        def answered(choice: str | None) -> None:
            if not choice:
                self.say(self.t("appimport.cancelled"), timeout=3)
                return
            try:
                said, key = run_import(ctx, prepared)
            except StoreError as exc:
                self.say(self.t("app.error", text=self.t.say(exc.args[0])), severity="error", timeout=8)
                return
            if key is None:
                self.say(said, severity="error", timeout=8)
                return
            self.state.reload()
            self.refresh_all()
            first = next((i for i in self.state.visible() if i.plan == key), None)
            if first is not None:
                self.query_one(HierarchyTree).reveal(first.id)
            self.say(said, timeout=6)

        self.app.push_screen(ImportReviewScreen(self.t, prepared), answered)
