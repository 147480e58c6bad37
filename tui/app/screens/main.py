"""The main screen: hierarchy, detail, units and calendar panes under a top bar.

Panes post messages up (UnitsChosen, DayPicked, ItemHighlighted); the screen sets its
`filters` reactive, whose watcher shows the result, and tells the panes what to show.
Writes go to the store in a thread worker (tui/app/screens/writes.py); the sign-off and
edit actions are in loop_actions.py, export and import in files.py.  Bindings come from
the action table (tui/settings/actions.py); their keys from the keymap.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Grid
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer

from duban.store.records import Change
from duban.tui.app.bindings import bindings_for, screen_keys_win
from duban.tui.app.item_style import ItemStyle
from duban.tui.app.screens.files import FileActions
from duban.tui.app.screens.help import HelpScreen
from duban.tui.app.screens.loop_actions import LoopActions
from duban.tui.app.screens.writes import Write, Writes
from duban.tui.app.state import AppState, Filters
from duban.tui.app.widgets.calendar import DeadlineCalendar
from duban.tui.app.widgets.detail import DetailPane
from duban.tui.app.widgets.hierarchy import HierarchyTree, Ref
from duban.tui.app.widgets.prompt import PromptBar
from duban.tui.app.widgets.topbar import TopBar
from duban.tui.app.widgets.units import UnitsPane
from duban.tui.app.widgets.whole_chars import WholeCharCompositor
from duban.tui.settings.actions import ACTIONS
from duban.tui.settings.i18n import Labels
from duban.tui.settings.keymap import Keymap

PANES = (("hierarchy", "app.hierarchy"), ("units", "app.units"), ("detail", "app.detail"), ("calendar", "app.calendar"))


class MainScreen(LoopActions, FileActions, Writes, Screen[None]):
    BINDINGS = bindings_for("screen")  # keys: keymaps/*.toml, through App.set_keymap
    # From 120 columns every pane is shown; under that the hierarchy and one pane under it
    # (the detail, or units / calendar while toggled).  The rows: app.tcss.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-medium"), (32, "-tall")]
    FOCUS_MARK = "▶ "  # the focused pane's title says so: colour alone is lost under NO_COLOR

    # var: a reactive whose change calls its watcher but repaints nothing by itself
    filters: var[Filters] = var(Filters(), init=False)
    lower: var[str] = var("detail", init=False)  # narrow terminals: the pane under the hierarchy

    def __init__(self, state: AppState, labels: Labels, style: ItemStyle, keymap: Keymap) -> None:
        super().__init__(classes="-lower-detail")  # the detail under the hierarchy (narrow terminals)
        self._compositor = WholeCharCompositor()  # toasts keep their wide characters (tui/app/widgets/whole_chars.py)
        self.state, self.t, self.style_, self.keymap = state, labels, style, keymap
        self._writes: deque[Write] = deque()
        self._writing: Write | None = None
        self._side_timer = None
        self.set_reactive(MainScreen.filters, state.filters)

    # -- layout
    def compose(self) -> ComposeResult:
        yield TopBar(self.t, id="topbar")
        with Grid(id="body"):
            yield HierarchyTree(self.style_, id="hierarchy")
            yield UnitsPane(self.t, id="units")
            yield DetailPane(self.t, self.style_, id="detail")
            yield DeadlineCalendar(self.t, self.state.today, id="calendar")
        yield PromptBar(id="prompt")
        yield Footer()

    def on_mount(self) -> None:
        screen_keys_win(self, self.keymap)
        self.query_one(PromptBar).display = False
        self._mark_focus()
        self.refresh_all()
        self.query_one(HierarchyTree).focus()
        self.set_interval(1.0, self.check_store)
        self.warm_pinyin()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's, each described in the user's language (the action table gives label keys)."""
        return {key: active._replace(binding=replace(active.binding, description=self.t(active.binding.description)))
                if active.binding.id in ACTIONS else active
                for key, active in super().active_bindings.items()}

    def on_descendant_focus(self) -> None:
        self._mark_focus()

    def on_descendant_blur(self) -> None:
        self._mark_focus()

    def _mark_focus(self) -> None:
        for pane, label in PANES:
            widget = self.query_one(f"#{pane}")
            widget.border_title = (self.FOCUS_MARK if widget.has_focus_within else "") + self.t(label)

    def watch_lower(self, old: str, new: str) -> None:
        self.remove_class(f"-lower-{old}")
        self.add_class(f"-lower-{new}")

    def say(self, message: str, **kwargs: object) -> None:
        """A notification; its text is never read as markup (it may quote imported text)."""
        self.notify(message, markup=False, **kwargs)  # type: ignore[arg-type]

    # -- showing
    def watch_filters(self, old: Filters, new: Filters) -> None:
        self.state.filters = new
        if self.query_one(PromptBar).mode == "search" and replace(old, search=new.search) == new:
            self._refresh_tree_only()  # a keystroke in the search box
        else:
            self.refresh_all()

    def refresh_all(self, keep: str | None = None) -> None:
        tree = self.query_one(HierarchyTree)
        current = tree.current
        keep = keep or (current.id if current and current.kind == "item" else None)
        expanded = tree.expanded_keys()
        items = self.state.visible()
        plans = self.state.view.snapshot.plans if self.state.view else []
        shown = tree.show_items(plans, items, keep, open_all=self.filters.active, expanded=expanded)
        self.refresh_side()
        self._show_detail(Ref("item", "", shown) if shown else None)
        self._topbar(len(items))

    def refresh_side(self) -> None:
        self.query_one(UnitsPane).show(self.state.unit_rows())
        days, all_year, implicit = self.state.calendar()
        self.query_one(DeadlineCalendar).show(days, all_year, implicit, self.filters.day)

    def _refresh_tree_only(self) -> None:
        """Per keystroke: the hierarchy now, the side panes a moment later."""
        items = self.state.visible()
        plans = self.state.view.snapshot.plans if self.state.view else []
        self.query_one(HierarchyTree).show_items(plans, items, None, open_all=True, expanded=set())
        self._topbar(len(items))
        if self._side_timer is not None:
            self._side_timer.stop()
        self._side_timer = self.set_timer(0.2, self.refresh_side)

    def _topbar(self, shown: int) -> None:
        total = len(self.state.view.snapshot.docs) if self.state.view else 0
        self.query_one(TopBar).show(self.filters, shown, total)

    def show_changes(self, changes: list[Change]) -> None:
        """After a write of ours: the items it changed, the counts, the detail."""
        if self.filters.active:
            self.refresh_all()
            return
        tree = self.query_one(HierarchyTree)
        for change in changes:
            item = self.state.item(change.item_id)
            if item is not None:
                tree.update_item(item)
        self.refresh_side()
        self._show_detail(tree.current)
        self._topbar(len(self.state.visible()))

    def _show_detail(self, ref: Ref | None) -> None:
        item = self.state.item(ref.id) if ref is not None and ref.kind == "item" else None
        dated = item is not None and item.deadline.kind == "date"
        self.query_one(DeadlineCalendar).anchor = item.deadline.due_date if dated else None  # type: ignore[union-attr]
        pane = self.query_one(DetailPane)
        if ref is not None and ref.kind != "item":
            tree = self.query_one(HierarchyTree)
            pane.show_group(f"{ref.id}  {tree.title_of(ref) if ref.kind != 'plan' else tree.plan_title(ref)}",
                            tree.items_under(ref))
            return
        pane.show(item, self.state.view)

    @on(HierarchyTree.ItemHighlighted)
    def _highlighted(self, event: HierarchyTree.ItemHighlighted) -> None:
        self._show_detail(event.ref)

    # -- filters
    @on(UnitsPane.UnitsChosen)
    def _units_chosen(self, event: UnitsPane.UnitsChosen) -> None:
        self.filters = replace(self.filters, units=event.units, lead_only=event.lead_only)

    @on(DeadlineCalendar.DayPicked)
    def _day_picked(self, event: DeadlineCalendar.DayPicked) -> None:
        self.filters = replace(self.filters, day=None if self.filters.day == event.day else event.day)

    def action_toggle_overdue(self) -> None:
        self.filters = replace(self.filters, overdue_only=not self.filters.overdue_only)

    def action_clear_filters(self) -> None:
        if self.filters.active:
            self.query_one(UnitsPane).clear_choice()
            self.filters = replace(self.filters, units=frozenset(), overdue_only=False, day=None, search="")

    def action_toggle_pane(self, pane: str) -> None:
        target = self.query_one(f"#{pane}")
        tree = self.query_one(HierarchyTree)
        if isinstance(target, DeadlineCalendar) and not target.has_focus:
            target.open_at(target.anchor)
        if self.has_class("-narrow"):
            self.lower = "detail" if self.lower == pane else pane
            opened = self.lower == pane
        else:
            opened = not target.has_focus_within
        if not opened:
            self.set_focus(tree)
        elif isinstance(target, UnitsPane):
            target.take_focus()
        else:  # at once, not after the keys already typed (tui/app/key_order.py)
            self.set_focus(target)

    # -- the prompt: search, notes, sign-off evidence, export and import paths
    def action_search(self) -> None:
        units = self.query_one(UnitsPane)
        if units.has_focus_within:  # / in the units pane looks for a unit (name or pinyin initials)
            self.query_one(PromptBar).open("units", self.t("app.unit_prompt"), units.name_filter)
            return
        self.query_one(PromptBar).open("search", self.t("app.search_prompt"), self.filters.search)

    def action_add_note(self) -> None:
        ref = self.query_one(HierarchyTree).current
        if ref is not None and ref.kind == "item":
            self.query_one(PromptBar).open(f"note:{ref.id}", self.t("app.note_prompt", id=ref.id))

    @on(PromptBar.Changed)
    def _prompt_changed(self, event: PromptBar.Changed) -> None:
        if event.mode == "search":
            self.filters = replace(self.filters, search=event.value.strip())
        elif event.mode == "units":
            self.query_one(UnitsPane).filter_names(event.value)

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
            self.export_to(event.value.strip())
        elif event.mode == "import":
            tree.focus()
            self.import_from(event.value)
        elif event.mode.startswith("note:"):
            tree.focus()
            text = event.value.strip()
            if text:
                item_id, repo = event.mode.split(":", 1)[1], self.state.repo
                self.write(lambda: [repo.add_note(item_id, text)], [item_id])

    @on(PromptBar.Cancelled)
    def _prompt_cancelled(self, event: PromptBar.Cancelled) -> None:
        if event.mode == "search":
            self.filters = replace(self.filters, search="")
        if event.mode == "units":
            self.query_one(UnitsPane).filter_names("")
            return  # the focus went back to the units pane
        self.query_one(HierarchyTree).focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.keymap, self.t, self.state.soon_days))
