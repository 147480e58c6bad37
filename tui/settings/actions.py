"""Every key binding of the app, described once (as harlequin's actions.py does).

A binding id (what keymaps/*.toml and a config's [keys] give keys to) maps to where it
acts, the Textual action it runs there, and whether the footer and the command palette
offer it.  Its words are the labels action.<id> (help, palette, `duban keys`) and, for
the footer, the shorter footer.<id>.  The keys are not here: they are data, in
keymaps/default.toml, applied by App.set_keymap.  Widgets take their bindings from this
table by scope (tui/app/bindings.py).  Plain data, so the command line reads it without
importing Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

SCREEN = "screen"  # anywhere in the main screen, whichever pane has the focus
PANES = ("hierarchy", "units", "calendar")  # a pane's keys act only while it has the focus
SCOPES = (SCREEN, *PANES)


@dataclass(frozen=True)
class Action:
    scope: str
    action: str  # run in the scope's namespace ("app." / "screen." reach further out)
    footer: bool = False  # shown in the footer
    palette: bool = True  # offered in the command palette (screen actions only)
    priority: bool = False  # before the focused widget sees the key
    short: bool = False  # described by footer.<id> (the footer shows the palette's key itself)

    def label(self, bid: str) -> str:
        """The label key that describes the binding where it is shown (the footer)."""
        return f"footer.{bid}" if self.footer or self.short else f"action.{bid}"


def _screen(action: str, **kw: bool) -> Action:
    return Action(SCREEN, action, **kw)


ACTIONS: dict[str, Action] = {
    # the main screen
    "set-todo": _screen("set_status('todo')"),
    "set-doing": _screen("set_status('doing')"),
    "set-done": _screen("set_status('done')", footer=True),
    "set-blocked": _screen("set_status('blocked')"),
    "add-note": _screen("add_note", footer=True),
    "undo": _screen("undo"),
    "search": _screen("search", footer=True),
    "overdue-only": _screen("toggle_overdue"),
    "toggle-units": _screen("toggle_pane('units')", footer=True),
    "toggle-calendar": _screen("toggle_pane('calendar')", footer=True),
    "export": _screen("export"),
    "import-file": _screen("import_file"),
    "reload": _screen("reload"),
    "help": _screen("help", footer=True),
    "quit": _screen("app.quit", footer=True, palette=False),  # the palette has its own quit
    "clear-filters": _screen("clear_filters"),
    "focus-next": _screen("app.focus_next", palette=False),
    "focus-previous": _screen("app.focus_previous", palette=False),
    "command-palette": _screen("app.command_palette", palette=False, priority=True, short=True),
    "sign-off": _screen("sign_off"),  # the 督办 loop (tui/app/screens/loop_actions.py)
    "edit-item": _screen("edit_item"),
    "add-item": _screen("add_item"),
    # the hierarchy
    "cursor-down": Action("hierarchy", "cursor_down"),
    "cursor-up": Action("hierarchy", "cursor_up"),
    "collapse": Action("hierarchy", "collapse_or_parent"),
    "expand": Action("hierarchy", "expand_or_child"),
    # space only opens and closes: a status changes only with a key that says so
    "cycle-status": Action("hierarchy", "screen.cycle_status"),
    "toggle-node": Action("hierarchy", "toggle_node"),
    "page-down": Action("hierarchy", "page_down"),
    "page-up": Action("hierarchy", "page_up"),
    "first": Action("hierarchy", "scroll_home"),
    "last": Action("hierarchy", "scroll_end"),
    # the units pane
    "unit-down": Action("units", "cursor_down"),
    "unit-up": Action("units", "cursor_up"),
    "toggle-unit": Action("units", "toggle_unit"),
    "lead-only": Action("units", "toggle_lead"),
    # the calendar
    "day-left": Action("calendar", "move(-1)"),
    "day-right": Action("calendar", "move(1)"),
    "day-up": Action("calendar", "move(-7)"),
    "day-down": Action("calendar", "move(7)"),
    "pick-day": Action("calendar", "pick"),
    "month-previous": Action("calendar", "month(-1)"),
    "month-next": Action("calendar", "month(1)"),
    "today": Action("calendar", "today"),
    "year-previous": Action("calendar", "month(-12)"),
    "year-next": Action("calendar", "month(12)"),
    "item-month": Action("calendar", "item_month"),
}


def in_scope(scope: str) -> dict[str, Action]:
    return {bid: a for bid, a in ACTIONS.items() if a.scope == scope}
