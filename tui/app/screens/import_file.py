"""The app's import (`i`): a path asked in the prompt bar, the file read as `duban import`
reads it, the same review as `duban import --dry-run` in a scrollable dialog, and enter
to import through the repository's one door (tui/cli/importing.py's pieces, store/import_tx.py).

Nothing is written before enter; escape writes nothing.  A file that cannot be read, a
doubtful identity (ImportRefused) or, unless the user presses the labelled force key, an
implausible reading is one line in a toast."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from duban.store.import_tx import ImportRefused, ImportRequest
from duban.store.importer import PlanError, read_plan
from duban.store.repository import Repository
from duban.store.text import one_line
from duban.tui.app.widgets.whole_chars import WholeCharCompositor
from duban.tui.settings.i18n import Labels

FORCE_KEY = "!"  # the app's --force: only offered, and only acts, on an implausible reading


@dataclass
class AppContext:
    """What tui/cli/importing.py and tui/cli/import_review.py need of the command line's Context."""

    t: Labels
    repo: Repository


@dataclass
class Prepared:
    path: Path
    request: ImportRequest
    lines: list[str]  # the dry-run review
    problems: list[str]  # the plausibility check's findings, said in the user's language
    target: str  # the plan it would go to
    merges: bool = False  # into a stored plan (a re-import), else a new plan


def prepare(ctx: AppContext, value: str, base: Path | None = None) -> Prepared | str:
    """Read the file at `value` and place it (as --dry-run does); a one-line error instead.
    The app calls it in a thread worker (tui/app/screens/files.py) and run_import in its write worker."""
    from duban.tui.cli import import_review
    from duban.tui.cli.importing import plan_error_line, rereader

    text = value.strip()
    if not text:
        return ""
    path = Path(text).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    read = partial(read_plan, path, "p", options=None, sheet=None, table=None)
    try:
        result = read(None)
    except PlanError as exc:
        return ctx.t("appimport.error", text=plan_error_line(ctx, exc))  # type: ignore[arg-type]
    except (OSError, ValueError) as exc:  # a reader's own failure on a broken file
        return ctx.t("appimport.error", text=one_line(f"{path}: {exc}"))
    request = ImportRequest(result, str(path), None, None, False, None, rereader(ctx, read))  # type: ignore[arg-type]
    try:
        target, existing = ctx.repo.place(request)
    except ImportRefused as refused:
        return ctx.t("appimport.refused", text=one_line(ctx.t.say(refused.args[0])))
    reviewed = result.with_key(target)
    found = [ctx.t.say(p) for p in import_review.problems(result)]
    return Prepared(path, request, import_review.render_text(ctx, reviewed, path), found, target,  # type: ignore[arg-type]
                    existing is not None)


def run_import(ctx: AppContext, prepared: Prepared) -> tuple[str, str | None]:
    """Import under the lock (the store decides again which plan it is): (what to say,
    the plan's key, or None when nothing was written)."""
    outcome = ctx.repo.import_plans([prepared.request])[0]
    t = ctx.t
    if isinstance(outcome, ImportRefused):
        return t("appimport.refused", text=one_line(t.say(outcome.args[0]))), None
    result = prepared.request.result
    if outcome.new_plan:
        said = t("appimport.imported", key=outcome.key, title=result.plan.title, items=len(result.items))
    else:
        said = t("appimport.reimported", key=outcome.key, added=outcome.added, updated=outcome.updated,
                 unchanged=outcome.unchanged, removed=len(outcome.removed))
    if outcome.ambiguous:
        said += " " + t("appimport.ambiguous", n=len(outcome.ambiguous),
                            text=one_line(t.say(outcome.ambiguous[0])))
    return said, outcome.key


class ImportReviewScreen(ModalScreen[str | None]):
    """The review, scrollable; enter imports ("import"), the force key imports an
    implausible reading ("force"), escape cancels (None)."""

    DEFAULT_CSS = """
    ImportReviewScreen { align: center middle; }
    #import-review { width: 100%; max-width: 120; height: 100%; border: round $warning;
                     background: $surface; padding: 0 1; }
    #import-review-title { width: 100%; text-style: bold; }
    #import-review-body { height: 1fr; }
    #import-review-hint { width: 100%; color: $warning; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", show=False),
        Binding(FORCE_KEY, "force", show=False),
        Binding("escape", "cancel", show=False),
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
    ]

    def __init__(self, t: Labels, prepared: Prepared) -> None:
        super().__init__()
        self._compositor = WholeCharCompositor()  # overlays keep wide characters whole
        self.t, self.prepared = t, prepared

    def compose(self) -> ComposeResult:
        t, p = self.t, self.prepared
        with Vertical(id="import-review"):
            yield Label(Text(t("appimport.title_merge" if p.merges else "appimport.title", file=p.path, key=p.target)), id="import-review-title")
            with VerticalScroll(id="import-review-body"):
                yield Static(Text("\n".join(p.lines)), id="import-review-text")
            hint = (t("appimport.hint_implausible", force=FORCE_KEY, n=len(p.problems)) if p.problems
                    else t("appimport.hint"))
            yield Label(Text(hint), id="import-review-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#import-review-body"))

    def action_scroll(self, way: str) -> None:
        body = self.query_one("#import-review-body", VerticalScroll)
        body.scroll_down() if way == "down" else body.scroll_up()

    def action_confirm(self) -> None:
        if self.prepared.problems:  # as `duban import` without --force: refused, said in one line
            self.app.notify(self.t("appimport.implausible", text=" · ".join(self.prepared.problems), force=FORCE_KEY),
                            severity="error", timeout=8, markup=False)
            return
        self.dismiss("import")

    def action_force(self) -> None:
        if self.prepared.problems:
            self.dismiss("force")

    def action_cancel(self) -> None:
        self.dismiss(None)
