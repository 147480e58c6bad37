"""Every action of the app, driven by Pilot, checked on screen and in the store file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.widgets import Input

from duban.store.repository import login_user
from duban.tui.app.app import make_app
from duban.tui.app.screens.confirm import ConfirmScreen
from duban.tui.app.screens.help import HelpScreen
from duban.tui.app.widgets.calendar import DeadlineCalendar
from duban.tui.app.widgets.detail import DetailPane
from duban.tui.app.widgets.hierarchy import HierarchyTree
from duban.tui.app.widgets.units import UnitsPane, UnitTable
from duban.tui.settings.config import load_settings
from tests.conftest import ROOT, InProcess
from tests.tui.conftest import TODAY, stored, write_config
from tests.tui.screen import pane_lines, shown_ids, store_items
from tests.tui.waiting import until


def tree(app) -> HierarchyTree:
    return app.screen.query_one(HierarchyTree)


def detail_text(app) -> str:
    return str(app.screen.query_one(DetailPane).body.render())


def visible_ids(app) -> list[str]:
    """The items on the tree's lines (what scrolling the pane shows), not its private maps."""
    t = tree(app)
    nodes = (t.get_node_at_line(n) for n in range(t.last_line + 1))
    return sorted(n.data.id for n in nodes if n is not None and n.data is not None and n.data.kind == "item")


def topbar(app) -> str:
    return str(app.screen.query_one("#topbar").render())


async def test_opens_on_the_first_item_of_the_first_plan(app) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert tree(app).current.id == "p1.1"
        assert "p1.1" in detail_text(app) and "区发展和改革局" in detail_text(app)
        plans = [n.data.id for n in tree(app).root.children]
        assert plans == ["p1", "p2"]
        assert tree(app).root.children[0].is_expanded and not tree(app).root.children[1].is_expanded


async def test_status_keys_write_the_store_with_history(app, store: Path) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        item = stored(store, "p1.1")
        assert item.status == "done"
        # by: the real login; DUBAN_USER=tester is only a display name beside it
        assert [(h.by, h.name, h.from_, h.to) for h in item.history] == [(login_user(), "tester", "todo", "done")]
        assert "已完成" in detail_text(app)
        await pilot.press("j", "2")
        assert stored(store, "p1.2").status == "doing"
        await pilot.press("4")
        assert stored(store, "p1.2").status == "blocked"
        await pilot.press("s")
        assert stored(store, "p1.2").status == "todo", "s cycles todo → doing → done → blocked → todo"
        await pilot.press("s")
        assert stored(store, "p1.2").status == "doing"
        await pilot.press("1")
        assert stored(store, "p1.2").status == "todo"


async def test_status_on_a_work_task_asks_then_applies_to_all_its_items(app, store: Path) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("k")  # from p1.1 up to its work task （一）
        assert tree(app).current.kind == "work"
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert stored(store, "p1.1").status == "todo", "cancelled: nothing written"
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [stored(store, f"p1.{n}").status for n in (1, 2, 3, 4)] == ["done", "done", "done", "todo"]
        await pilot.press("s")  # on the task: from done (what most items have) to blocked, asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert [stored(store, f"p1.{n}").status for n in (1, 2, 3)] == ["blocked"] * 3


async def test_note_saves_on_enter_and_escape_cancels(app, store: Path) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.press(*"abc", "escape")
        assert stored(store, "p1.1").history == []
        await pilot.press("n")
        app.screen.query_one(Input).value = "已报送材料 [bold]x[/]"
        await pilot.press("enter")
        await pilot.pause()
        item = stored(store, "p1.1")
        assert item.note == "已报送材料 [bold]x[/]" and item.status == "todo"
        assert "已报送材料 [bold]x[/]" in detail_text(app), "markup in a note shows literally"


async def test_undo_reverts_the_session_changes_newest_first(app, store: Path) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("2", "3")
        assert stored(store, "p1.1").status == "done"
        await pilot.press("u")
        assert stored(store, "p1.1").status == "doing"
        await pilot.press("u")
        item = stored(store, "p1.1")
        assert item.status == "todo"
        assert [h.undo for h in item.history] == [False, False, True, True]
        assert [h.undone for h in item.history] == [True, True, False, False]
        await pilot.press("u")  # nothing left: says so, changes nothing
        assert len(stored(store, "p1.1").history) == 4


async def test_search_narrows_moves_and_clears(app) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"PPP")
        await pilot.pause()
        assert visible_ids(app) == ["p1.6"]
        await pilot.press("enter")
        await pilot.pause()
        assert tree(app).current.id == "p1.6" and app.focused is tree(app)
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert len(visible_ids(app)) > 1 and "搜索" not in topbar(app)
        await pilot.press("slash", *"区财政局")
        await pilot.pause()
        assert "p1.8" in visible_ids(app) and "p1.1" not in visible_ids(app)


async def test_overdue_only(app, store: Path) -> None:
    items = store_items(store).values()
    overdue = {i.id for i in items if i.status != "done" and i.deadline.due_date < TODAY}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        shown = shown_ids(app)
        assert shown and shown == overdue, "the tree lists exactly the overdue items of the store"
        assert "仅逾期" in topbar(app) and f"{len(shown)}/" in topbar(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "仅逾期" not in topbar(app) and f"{len(shown)}/" not in topbar(app)
        assert len(shown_ids(app)) > len(overdue)


async def test_units_pane_filters_by_several_units_and_lead_only(app, store: Path) -> None:
    items = store_items(store).values()
    pair = {"区财政局", "区卫健委"}
    finance = {i.id for i in items if "区财政局" in i.units}
    either = {i.id for i in items if pair & set(i.units)}
    leading = {i.id for i in items if pair & set(i.lead_units)}
    # p1.27 names 区财政局 among the units that share the work, not as lead: t drops it
    assert finance < either and leading < either and either - leading == {"p1.27"}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        assert isinstance(app.focused, UnitTable)
        pane = app.screen.query_one(UnitsPane)
        table = app.screen.query_one(UnitTable)
        names = [table.coordinate_to_cell_key((r, 0)).row_key.value for r in range(table.row_count)]
        target = names.index("区财政局")
        table.move_cursor(row=target)
        await pilot.press("space")
        await pilot.pause()
        assert shown_ids(app) == finance
        table.move_cursor(row=names.index("区卫健委"))
        await pilot.press("space")
        await pilot.pause()
        assert shown_ids(app) == either
        assert "[ ] 仅牵头" in pane_lines(app, pane)[0]
        await pilot.press("t")
        await pilot.pause()
        assert shown_ids(app) == leading
        assert "[✓] 仅牵头" in pane_lines(app, pane)[0] and "仅牵头" in topbar(app)


async def test_calendar_picks_a_day(app, store: Path) -> None:
    due_30 = {i.id for i in store_items(store).values() if i.deadline.kind == "date" and i.deadline.due == "2021-10-30"}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("c", ".")  # opens at the selected item's month; . goes to today
        cal = app.screen.query_one(DeadlineCalendar)
        assert app.focused is cal and cal.cursor == TODAY
        assert cal.days[date(2021, 10, 30)].items == len(due_30) == 5
        assert cal.days[date(2021, 10, 30)].worst == "green", "15 days away: outside the 7-day yellow window"
        assert cal.days[date(2021, 9, 30)].worst == "red"
        for _ in range(15):
            await pilot.press("l")
        assert cal.cursor == date(2021, 10, 30)
        await pilot.press("enter")
        await pilot.pause()
        assert shown_ids(app) == due_30
        await pilot.press("pagedown")
        assert cal.cursor.month == 11
        assert "全年" in str(cal.render())


async def test_another_writer_shows_within_two_seconds(app, store: Path) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        subprocess.run([sys.executable, "-m", "duban.tui.cli.main", "--store", str(store), "set", "p1.1", "blocked"],
                       check=True, cwd=ROOT, capture_output=True)
        # The app looks at the store's files once a second: wait for it, with a deadline.
        await until(pilot, lambda: "受阻" in detail_text(app), "the other writer's change shown", timeout=10)
        await pilot.press("3")  # our write starts from the file, not a stale copy
        item = stored(store, "p1.1")
        assert [h.to for h in item.history] == ["blocked", "done"]


async def test_help_lists_bindings_as_configured(store: Path, isolated: Path) -> None:
    write_config(isolated, 'keymap = "vim"\n[keys]\nset-done = "x,3"\nset-blocked = "4"\n')
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        assert stored(store, "p1.1").status == "done", "a remapped key drives its action"
        await pilot.press("G")
        assert tree(app).cursor_line > 10, "vim's G jumps to the end"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("Static").render())
        assert "x 3" in shown and "vim" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_lists_actions_and_theme_choice_persists(store: Path, isolated: Path) -> None:
    config = write_config(isolated, 'lang = "zh"\n')
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "设为已完成" in titles and "搜索" in titles
        assert {"duban-dark", "duban-light", "duban-high-contrast", "duban-mono"} <= set(app.available_themes)
        app.theme = "duban-light"
        await pilot.pause()
    assert 'theme = "duban-light"' in config.read_text(encoding="utf-8")
    assert load_settings().theme == "duban-light"


async def test_english_labels(store: Path, isolated: Path) -> None:
    write_config(isolated, 'lang = "en"\n')
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert "Lead units" in detail_text(app)
        assert tree(app).border_title == "▶ Tasks", "focused: marked"


def test_broken_config_is_refused_before_the_screen_opens(store: Path, isolated: Path) -> None:
    write_config(isolated, '[keys]\nset-done = "3"\nfly = "z"\n')
    proc = subprocess.run([sys.executable, "-m", "duban.tui.cli.main", "--store", str(store)], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 2 and "不认识的动作“fly”" in proc.stderr and "config.toml:3" in proc.stderr
    assert "Traceback" not in proc.stderr


async def test_export_writes_the_summary_of_what_is_shown(app, isolated: Path, monkeypatch) -> None:
    monkeypatch.chdir(isolated)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("o")  # overdue only: the report covers what the app shows
        await pilot.press("e", "enter")  # the path asked for, as suggested
        await pilot.pause()
    written = list(isolated.glob("duban-report-*.txt"))
    assert len(written) == 1
    text = written[0].read_text(encoding="utf-8")
    # From the plans (their README): on 2021-10-15 only 000's item 3 (2021年9月30日前) is late;
    # 002's one earlier deadline (item 48, 6月底前) is 已完成.  Spacing is the table's own.
    assert re.search(r"^│ 事项\s+│\s+1 │", text, re.M), text[:600]
    assert "\x1b" not in text


def test_keymap_errors_name_the_file_and_line(store: Path, isolated: Path, monkeypatch) -> None:
    duban = InProcess(dict(os.environ), monkeypatch)  # what the command says, not how its process ends
    cases = [  # (config, in Chinese by default, in English)
        ('[keys]\nset-done = "ctrl+banana"\n', "config.toml:2：set-done 的按键名“ctrl+banana”无法识别",
         "config.toml:2: unknown key name 'ctrl+banana'"),
        ('[keys]\n\nadd-note = "3"\n', "按键“3”同时绑定到 set-done 和 add-note",
         "'3' is bound to both set-done and add-note"),
        ('[keys\nset-done = "x"\n', "config.toml:1：不是有效的 TOML", "config.toml:1: not valid TOML"),
        ('keymap = "nano"\n', "没有名为“nano”的键位", "unknown keymap 'nano'"),
    ]
    for text, chinese, english in cases:
        write_config(isolated, text)
        for lang, message in (("zh", chinese), ("en", english)):
            proc = duban("config", "check", check=False, env={"DUBAN_LANG": lang})
            assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr, (text, proc.stderr)
    write_config(isolated, 'keymap = "emacs"\n[keys]\nundo = "z"\n')
    out = duban("keys").stdout
    assert "keymap: emacs" in out
    assert re.search(r"^undo\s+z\s+撤销$", out, re.M) and re.search(r"^search\s+ctrl\+s\s", out, re.M)


def test_every_keymap_file_loads_and_covers_every_action() -> None:
    from duban.tui.settings.keymap import ACTIONS, available, load_keymap

    assert set(available()) >= {"default", "vim", "emacs"}
    for name in available():
        assert set(load_keymap(name).bindings) == set(ACTIONS)


async def test_task_and_plan_counts_follow_a_change(app, store: Path) -> None:
    def late(node) -> int:  # noqa: ANN001 - the "!N" on a heading line
        label = str(node.label)
        return int(label.rsplit("!", 1)[1]) if "!" in label else 0

    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        overdue = next(i for i in store_items(store).values() if i.plan == "p1" and i.deadline.due_date < TODAY)
        tree(app).reveal(overdue.id)
        await pilot.pause()
        assert tree(app).current.id == overdue.id
        owner, plan_node = tree(app).cursor_node.parent, tree(app).root.children[0]
        before = late(owner), late(plan_node)
        await pilot.press("3")
        await pilot.pause()
        assert (late(owner), late(plan_node)) == (before[0] - 1, before[1] - 1)


async def test_no_color_uses_the_monochrome_theme(store: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "duban-mono"
        line = str(tree(app).cursor_node.label)
        assert line.startswith("○") and "p1.1" in line, "the status is told by its glyph, not only a colour"
