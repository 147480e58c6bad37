"""The main screen: hierarchy, detail, units and calendar panes, and every action.

Panes post messages up (UnitsChosen, DayPicked, ItemHighlighted); the screen changes
the state and sets what the panes show.  Every change is written through store/ at
once and shown at once; another writer's change is picked up within a second.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.keys import _character_to_key
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from duban.store.model import next_status
from duban.store.records import Change
from duban.store.repository import UndoRefused, UnknownItem
from duban.store.storage import StoreError
from duban.tui.app.item_style import ItemStyle
from duban.tui.app.screens.confirm import ConfirmScreen
from duban.tui.app.screens.help import HelpScreen
from duban.tui.app.screens.loop_actions import LOOP_ACTIONS, LoopActions
from duban.tui.app.state import AppState
from duban.tui.app.widgets.calendar import DeadlineCalendar
from duban.tui.app.widgets.detail import DetailPane
from duban.tui.app.widgets.hierarchy import HierarchyTree, Ref
from duban.tui.app.widgets.prompt import PromptBar
from duban.tui.app.widgets.units import UnitsPane
from duban.tui.app.widgets.whole_chars import WholeCharCompositor
from duban.tui.settings.i18n import Labels
from duban.tui.settings.keymap import ACTIONS, Keymap
from duban.tui.text.history import entry_words

WIDE = 120  # columns from which every pane is shown at once
SHOWN_IN_FOOTER = {"set-done", "add-note", "search", "toggle-units", "toggle-calendar", "help", "quit"}
FOOTER_LABELLED = SHOWN_IN_FOOTER | {"command-palette"}  # the footer shows the palette's key itself
SCREEN_ACTIONS = {
    "set-todo": "set_status('todo')", "set-doing": "set_status('doing')", "set-done": "set_status('done')",
    "set-blocked": "set_status('blocked')", "add-note": "add_note", "undo": "undo", "search": "search",
    "overdue-only": "toggle_overdue", "toggle-units": "toggle_pane('units')",
    "toggle-calendar": "toggle_pane('calendar')", "reload": "reload", "help": "help", "quit": "app.quit",
    "clear-filters": "clear_filters", "export": "export", "import-file": "import_file", "focus-next": "app.focus_next",
    "focus-previous": "app.focus_previous",
    "command-palette": "app.command_palette",
    **LOOP_ACTIONS,  # sign off, edit, add (tui/app/screens/loop_actions.py)
}


LOWER_NEED = 11  # the calendar's month (title, weekdays, six weeks, summary) and its border
LOWER_SHARE = 0.4  # a tall terminal gives the detail's history room too


def lower_rows(body: int) -> int:
    """Rows for the pane under the hierarchy: what the calendar needs, more on a tall
    terminal, never more than half, so the hierarchy keeps at least half the height."""
    return max(1, min(body // 2, max(LOWER_NEED, int(body * LOWER_SHARE))))


def screen_bindings(keymap: Keymap, labels: Labels, actions: dict[str, str] = SCREEN_ACTIONS) -> list[Binding]:
    return [
        Binding(",".join(keymap.keys(bid)) or "f24", action,
                labels(f"footer.{bid}") if bid in FOOTER_LABELLED else labels(f"action.{bid}"),
                show=bid in SHOWN_IN_FOOTER, id=bid, priority=bid == "command-palette")
        for bid, action in actions.items()
    ]


class MainScreen(LoopActions, Screen[None]):
    lower: reactive[str] = reactive("detail")  # narrow terminals: the pane under the hierarchy

    def __init__(self, state: AppState, labels: Labels, style: ItemStyle, keymap: Keymap) -> None:
        super().__init__()
        self._compositor = WholeCharCompositor()  # toasts keep their wide characters (tui/app/widgets/whole_chars.py)
        self.state, self.t, self.style_, self.keymap = state, labels, style, keymap
        self._last_ref: Ref | None = None

    # -- layout
    def compose(self) -> ComposeResult:
        yield Static("", id="topbar")
        with Grid(id="body"):
            tree = HierarchyTree(self.style_, id="hierarchy")
            tree.border_title = self.t("app.hierarchy")
            yield tree
            units = UnitsPane(self.t, self.style_.light_style("red"), id="units")
            units.border_title = self.t("app.units")
            yield units
            detail = DetailPane(self.t, self.style_, id="detail")
            detail.border_title = self.t("app.detail")
            yield detail
            calendar = DeadlineCalendar(self.t, self.state.today, id="calendar")
            calendar.border_title = self.t("app.calendar")
            calendar.colours = self.style_.colours
            yield calendar
        yield PromptBar(id="prompt")
        yield Footer()

    def _keymap_wins(self) -> None:
        """A key the keymap gives to the screen beats a pane's built-in Textual binding
        (Tree's shift+up, DataTable's enter …): only the keymap's own ids stay on it."""
        screen_keys = {key if len(key) > 1 else _character_to_key(key)
                       for bid, scope in ACTIONS.items() if scope == "screen" for key in self.keymap.keys(bid)}
        for pane in ("#hierarchy", "#unit-table", "#calendar", "#detail"):
            table = self.query_one(pane)._bindings.key_to_bindings
            for key in screen_keys & set(table):
                kept = [b for b in table[key] if b.id is not None]
                if kept:
                    table[key] = kept
                else:
                    del table[key]

    def on_mount(self) -> None:
        self._keymap_wins()
        self.query_one(PromptBar).display = False
        self._layout(self.app.size.width)
        self.refresh_all()
        self.query_one(HierarchyTree).focus()
        self.set_interval(1.0, self.check_store)
        self.run_worker(self.state.warm_pinyin, thread=True, group="pinyin")

    FOCUS_MARK = "▶ "  # the focused pane's title says so: colour alone is lost under NO_COLOR

    def on_descendant_focus(self) -> None:
        self._mark_focus()

    def on_descendant_blur(self) -> None:
        self._mark_focus()

    def _mark_focus(self) -> None:
        for pane, label in (("hierarchy", "app.hierarchy"), ("units", "app.units"), ("detail", "app.detail"),
                            ("calendar", "app.calendar")):
            widget = self.query_one(f"#{pane}")
            mark = self.FOCUS_MARK if widget.has_focus_within else ""
            widget.border_title = mark + self.t(label)

    def on_resize(self) -> None:
        self._layout(self.app.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width < WIDE, "narrow")
        self.query_one("#body").styles.grid_rows = f"1fr {lower_rows(self.app.size.height - 2)}"
        self.watch_lower(self.lower)

    def watch_lower(self, lower: str) -> None:
        narrow = self.has_class("narrow")
        for pane in ("detail", "units", "calendar"):
            self.query_one(f"#{pane}").display = not narrow or pane == lower

    def say(self, message: str, **kwargs: object) -> None:
        """A notification; its text is never read as markup (it may quote imported text)."""
        self.notify(message, markup=False, **kwargs)  # type: ignore[arg-type]

    def restyle(self) -> None:
        """The theme changed: redraw what carries its colours."""
        if self.is_mounted:
            self.query_one(DeadlineCalendar).colours = self.style_.colours
            self.refresh_all()

    # -- showing
    def refresh_all(self, keep: str | None = None) -> None:
        tree = self.query_one(HierarchyTree)
        current = tree.current
        keep = keep or (current.id if current and current.kind == "item" else None)
        expanded = tree.expanded_keys()
        items = self.state.visible()
        view = self.state.view
        plans = view.snapshot.plans if view else []
        shown = tree.show_items(plans, items, keep, open_all=self.state.filters.active, expanded=expanded)
        self.refresh_side()
        self._show_detail(Ref("item", "", shown) if shown else None)
        self._topbar(len(items))

    def refresh_side(self) -> None:
        self.query_one(UnitsPane).show(self.state.unit_rows())
        days, all_year, implicit = self.state.calendar()
        self.query_one(DeadlineCalendar).show(days, all_year, implicit, self.state.filters.day)

    def _topbar(self, shown: int) -> None:
        f, t = self.state.filters, self.t
        parts = []
        if f.units:
            parts.append(t("app.filter_units", n=len(f.units)) + ("·" + t("app.filter_lead") if f.lead_only else ""))
        if f.overdue_only:
            parts.append(t("app.filter_overdue"))
        if f.day:
            parts.append(t("app.filter_day", day=f.day.isoformat()))
        if f.search:
            parts.append(t("app.filter_search", text=f.search))
        total = len(self.state.view.snapshot.docs) if self.state.view else 0
        text = f" {t('app.title')}  " + t("app.count", shown=shown, total=total)
        if parts:
            text += "  " + t("app.filters") + t("app.filter_sep").join(parts)
        if not total:
            text += "  " + t("app.empty")
        self.query_one("#topbar", Static).update(Text(text))

    def _show_detail(self, ref: Ref | None) -> None:
        self._anchor_calendar(ref)
        pane = self.query_one(DetailPane)
        if ref is not None and ref.kind != "item":
            tree = self.query_one(HierarchyTree)
            pane.show_group(f"{ref.id}  {tree.title_of(ref) if ref.kind != 'plan' else tree.plan_title(ref)}",
                            tree.items_under(ref))
            return
        item = self.state.item(ref.id) if ref else None
        pane.show(item, self.state.view)

    def _anchor_calendar(self, ref: Ref | None) -> None:
        item = self.state.item(ref.id) if ref is not None and ref.kind == "item" else None
        dated = item is not None and item.deadline.kind == "date"
        self.query_one(DeadlineCalendar).anchor = item.deadline.due_date if dated else None  # type: ignore[union-attr]

    @on(HierarchyTree.ItemHighlighted)
    def _highlighted(self, event: HierarchyTree.ItemHighlighted) -> None:
        self._last_ref = event.ref
        self._show_detail(event.ref)

    # -- filters from the panes
    @on(UnitsPane.UnitsChosen)
    def _units_chosen(self, event: UnitsPane.UnitsChosen) -> None:
        self.state.set_filters(units=event.units, lead_only=event.lead_only)
        self.refresh_all()

    @on(DeadlineCalendar.DayPicked)
    def _day_picked(self, event: DeadlineCalendar.DayPicked) -> None:
        same = self.state.filters.day == event.day
        self.state.set_filters(day=None if same else event.day)
        self.refresh_all()

    def action_toggle_overdue(self) -> None:
        self.state.set_filters(overdue_only=not self.state.filters.overdue_only)
        self.refresh_all()

    def action_clear_filters(self) -> None:
        if not self.state.filters.active and not self.state.filters.lead_only:
            return
        self.query_one(UnitsPane).clear_choice()
        self.state.set_filters(units=frozenset(), overdue_only=False, day=None, search="")
        self.refresh_all()

    def action_toggle_pane(self, pane: str) -> None:
        target = self.query_one(f"#{pane}")
        if isinstance(target, DeadlineCalendar) and not target.has_focus:
            target.open_at(target.anchor)
        if self.has_class("narrow"):
            self.lower = "detail" if self.lower == pane else pane
            if self.lower == pane:
                self.set_focus(self.query_one("#unit-table") if pane == "units" else target)
            else:
                self.set_focus(self.query_one(HierarchyTree))
        elif target.has_focus_within:
            self.set_focus(self.query_one(HierarchyTree))
        else:  # at once, not after the keys already typed (tui/app/key_order.py)
            self.set_focus(self.query_one("#unit-table") if pane == "units" else target)

    # -- search and notes
    def action_search(self) -> None:
        units = self.query_one(UnitsPane)
        if units.has_focus_within:  # / in the units pane looks for a unit (name or pinyin initials)
            self.query_one(PromptBar).open("units", self.t("app.unit_prompt"), units.name_filter)
            return
        self.query_one(PromptBar).open("search", self.t("app.search_prompt"), self.state.filters.search)

    def action_add_note(self) -> None:
        ref = self.query_one(HierarchyTree).current
        if ref is None or ref.kind != "item":
            return
        self.query_one(PromptBar).open(f"note:{ref.id}", self.t("app.note_prompt", id=ref.id))

    @on(PromptBar.Changed)
    def _prompt_changed(self, event: PromptBar.Changed) -> None:
        if event.mode == "search":
            self.state.set_filters(search=event.value.strip())
            self._refresh_tree_only()
        elif event.mode == "units":
            self.query_one(UnitsPane).filter_names(event.value)

    def _refresh_tree_only(self) -> None:
        """Per keystroke: the hierarchy now, the side panes a moment later."""
        tree = self.query_one(HierarchyTree)
        items = self.state.visible()
        view = self.state.view
        tree.show_items(view.snapshot.plans if view else [], items, None, open_all=True, expanded=set())
        self._topbar(len(items))
        if getattr(self, "_side_timer", None) is not None:
            self._side_timer.stop()
        self._side_timer = self.set_timer(0.2, self.refresh_side)

    @on(PromptBar.Submitted)
    def _prompt_submitted(self, event: PromptBar.Submitted) -> None:
        tree = self.query_one(HierarchyTree)
        if event.mode == "search":
            items = self.state.visible()
            if items:
                tree.reveal(items[0].id)
            tree.focus()
        elif event.mode.startswith("signoff:"):
            self.signoff_submitted(event)
        elif event.mode == "export":
            tree.focus()
            self._export_to(event.value.strip())
        elif event.mode == "import":
            tree.focus()
            self._import_from(event.value)
        elif event.mode.startswith("note:"):
            tree.focus()
            text = event.value.strip()
            if text:
                item_id = event.mode.split(":", 1)[1]
                self._write(lambda: self.state.add_note(item_id, text))

    @on(PromptBar.Cancelled)
    def _prompt_cancelled(self, event: PromptBar.Cancelled) -> None:
        if event.mode == "search":
            self.state.set_filters(search="")
            self.refresh_all()
        if event.mode == "units":
            self.query_one(UnitsPane).filter_names("")
            return  # the focus went back to the units pane
        self.query_one(HierarchyTree).focus()

    # -- status changes
    def action_set_status(self, status: str) -> None:
        tree = self.query_one(HierarchyTree)
        ref = tree.current
        if ref is None:
            return
        if ref.kind == "item":
            self._write(lambda: self.state.set_status([ref.id], status))
            return
        items = tree.items_under(ref)
        if not items:
            return
        question = self.t("app.confirm_bulk", name=tree.title_of(ref), count=len(items), status=self.t.status(status))

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(lambda: self.state.set_status([i.id for i in items], status))

        self.app.push_screen(ConfirmScreen(question, self.t("app.yes"), self.t("app.no")), answered)

    def action_cycle_status(self) -> None:
        """The next status: of the item, or (asked first) of every item under a task,
        counting on from the status most of them have."""
        ref = self.query_one(HierarchyTree).current
        if ref is None:
            return
        if ref.kind == "item":
            self._write(lambda: self.state.cycle_status(ref.id))
            return
        items = self.query_one(HierarchyTree).items_under(ref)
        if items:
            common = Counter(i.status for i in items).most_common(1)[0][0]
            self.action_set_status(next_status(common))

    def action_undo(self) -> None:
        if not self.state.undo_stack:
            self.say(self.t("app.nothing_to_undo"))
            return
        try:
            self._after_change(self.state.undo(), True)
        except UndoRefused as exc:  # a colleague changed it since: ask before throwing that away
            said = exc.args[0]
            if getattr(said, "code", "") != "undo_changed_since":
                self.say(self.t("app.error", text=self.t.say(said)), severity="error", timeout=8)
                return
            question = self.t("app.undo_anyway", **said.fields)

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(lambda: self.state.undo(force=True), undo=True)

            self.app.push_screen(ConfirmScreen(question, self.t("app.yes"), self.t("app.no")), answered)
        except (StoreError, UnknownItem) as exc:
            self.say(self.t("app.error", text=self.t.say(exc.args[0])), severity="error", timeout=8)

    def _write(self, change, undo: bool = False) -> None:  # noqa: ANN001
        try:
            changes: list[Change] = change()
        except (StoreError, UnknownItem) as exc:
            self.say(self.t("app.error", text=self.t.say(exc.args[0])), severity="error", timeout=8)
            return
        self._after_change(changes, undo)

    def _after_change(self, changes: list[Change], undo: bool) -> None:
        tree = self.query_one(HierarchyTree)
        if self.state.filters.active:
            self.refresh_all()
        else:
            for change in changes:
                item = self.state.item(change.item_id)
                if item is not None:
                    tree.update_item(item)
            self.refresh_side()
            self._show_detail(tree.current)
            self._topbar(len(self.state.visible()))
        self.say(self._describe(changes, undo), timeout=3)

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
        if self.state.changed_on_disk():
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

    def _reloaded(self, loaded, external: bool) -> None:  # noqa: ANN001
        self.state.adopt(loaded)
        self.run_worker(self.state.warm_pinyin, thread=True, group="pinyin")
        self.refresh_all()
        self.say(self.t("app.external" if external else "app.reloaded"), timeout=3)

    def action_reload(self) -> None:
        self._reload_in_background(external=False)

    def action_export(self) -> None:
        """Ask where (prefilled), then write the summary of what is shown; the path's
        extension is the format (.txt .md .html .svg)."""
        from duban.tui.app.screens.export import formats, suggested_path

        if self.state.view is None:
            return
        path = suggested_path(getattr(self.app, "settings", None) and self.app.settings.export_dir)
        self.query_one(PromptBar).open("export", self.t("export.prompt", formats=formats()), str(path))

    def _export_to(self, value: str) -> None:
        from duban.tui.app.screens.export import export_view

        message, ok = export_view(self.state, self.t, value)
        if message:
            self.say(message, severity="information" if ok else "error", timeout=8)

    def action_import_file(self) -> None:
        """Ask for a plan file's path; show what `duban import --dry-run` shows; enter imports
        (tui/app/screens/import_file.py)."""
        folder = getattr(self, "_import_folder", None)
        self.query_one(PromptBar).open("import", self.t("appimport.prompt"), f"{folder}/" if folder else "")

    def _import_from(self, value: str) -> None:
        from pathlib import Path

        from duban.tui.app.screens.import_file import (
            AppContext,
            ImportReviewScreen,
            prepare,
            run_import,
        )

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

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.keymap, self.t, self.state.soon_days))

