"""The command line is the contract: run it as a subprocess against a temp store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from duban.store.repository import login_user
from tests.conftest import ROOT, Cli, InProcess, plan_file

AS_OF = "2021-11-01"


@pytest.fixture
def loaded(run: InProcess) -> InProcess:
    """Two reference plans imported; commands run in-process (what they print is the point)."""
    run("import", str(plan_file("000")), str(plan_file("002")))
    return run


@pytest.fixture
def loaded_process(loaded: InProcess, cli_process: Cli) -> Cli:
    """The same store, the command line as a real process: for exit status and stderr."""
    return cli_process


def test_import_reports_what_it_found(cli: Cli, store_path: Path) -> None:
    out = cli("import", str(plan_file("004"))).stdout
    assert "p1" in out and "74" in out and "五华区2019年政务公开工作要点分工方案" in out
    plans = cli.json("plans")
    assert plans == [{"key": "p1", "title": "五华区2019年政务公开工作要点分工方案", "region": "五华区", "year": 2019,
                      "items": 74, "main_tasks": 5, "source": plan_file("004").name, "layout": "tab-led",
                      "imported_at": plans[0]["imported_at"]}]


def test_import_dry_run_writes_nothing_and_prints_the_tree(cli: Cli, store_path: Path) -> None:
    out = cli("import", "--dry-run", str(plan_file("003"))).stdout
    assert not store_path.exists()
    assert "优化便民举措提升公开质效" in out and "p1.30" in out


def test_import_key_year_and_reimport_never_duplicates(cli: Cli) -> None:
    cli("import", "--key", "yj", "--year", "2022", str(plan_file("002")))
    cli("set", "yj.1", "done")
    out = cli("import", str(plan_file("002"))).stdout
    assert "yj" in out
    items = cli.json("ls")
    assert len(items) == 52 and {i["plan"] for i in items} == {"yj"}
    assert items[0]["status"] == "done" and items[0]["deadline"]["due"] == "2022-12-31"


def test_import_of_a_non_plan_is_exit_2_and_store_untouched(cli: Cli, tmp_path: Path, store_path: Path) -> None:
    cli("import", str(plan_file("001")))
    before = store_path.read_bytes()
    junk = tmp_path / "minutes.txt"
    junk.write_text("会议纪要\n", encoding="utf-8")
    proc = cli("import", str(junk), check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and str(junk) in proc.stderr and "工作任务" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert store_path.read_bytes() == before


def test_ls_json_contract(loaded: Cli) -> None:
    items = loaded.json("ls", "--as-of", AS_OF)
    assert len(items) == 67 + 52
    first = items[0]
    for key in ("id", "plan", "number", "main_task", "work_task", "text", "lead_units", "units", "deadline",
                "status", "overdue", "note"):
        assert key in first
    assert first["id"] == "p1.1" and first["main_task"] == "一、深化重点领域信息公开"
    assert first["work_task"] == "（一）推进各类规划主动公开"
    assert first["deadline"] == {"raw": "2021年10月30日前", "kind": "date", "due": "2021-10-30", "implicit": False}
    assert first["overdue"] is True and first["note"] is None
    assert first["units"][: len(first["lead_units"])] == first["lead_units"], "leads first"
    done = [i["id"] for i in items if i["status"] == "done"]
    assert done == ["p2.31", "p2.48"]


def test_ls_filters(loaded: Cli) -> None:
    ids = lambda *a: [i["id"] for i in loaded.json("ls", "--as-of", AS_OF, *a)]  # noqa: E731
    finance = ids("--unit", "区财政局")
    assert "p1.8" in finance and "p1.1" not in finance
    assert set(ids("--unit", "区财政局", "--lead")) <= set(finance)
    assert "p1.28" not in ids("--unit", "区财政局", "--lead")
    assert ids("--plan", "p2", "--status", "done") == ["p2.31", "p2.48"]
    assert ids("--plan", "p2", "--status", "未开始,blocked") == ["p2.14", "p2.38", "p2.43", "p2.49"]
    overdue = ids("--overdue")
    assert "p1.1" in overdue and "p2.31" not in overdue and "p1.5" not in overdue
    soon = ids("--due-within", "30d")
    assert "p1.48" in soon and "p1.1" in soon and "p1.5" not in soon
    assert ids("--search", "PPP") == ["p1.6"]
    assert ids("--plan", "p1", "--unit", "区财政局", "--overdue") == []


def test_ls_table_is_aligned_by_display_width(loaded: Cli) -> None:
    out = loaded("ls", "--plan", "p2", "--width", "80", "--as-of", AS_OF).stdout
    lines = out.splitlines()
    from duban.store.text import display_width
    assert all(display_width(line) <= 80 for line in lines)
    assert "\x1b[" not in out
    rows = [line for line in lines if line.startswith("p2.")]
    col = {display_width(r[: r.index(" 进行中") if " 进行中" in r else r.index(" 已完成") if " 已完成" in r else r.index(" 未开始")]) for r in rows}
    assert len(col) == 1, "status column starts at the same cell on every row"


def test_set_and_note_write_history_and_show_it(loaded: Cli) -> None:
    out = loaded("set", "p1.2", "已完成", "--note", "规划已公开").stdout
    assert "p1.2" in out and "已完成" in out
    loaded("note", "p1.2", "补充了附件")
    shown = loaded.json("show", "p1.2")
    assert shown["status"] == "done" and shown["note"] == "补充了附件"
    me = login_user()  # the real login records the change; DUBAN_USER=tester is shown beside it
    assert [(h["by"], h.get("name"), h["from"], h["to"]) for h in shown["history"]] == [
        (me, "tester", "todo", "done"), (me, "tester", "done", "done")]
    text = loaded("show", "p1.2", "--lang", "en").stdout
    assert "\n  Status: done\n" in text and "\n  Lead units: " in text, text
    assert "状态" not in text and "已完成" not in text and "牵头单位" not in text, "no Chinese label in English"


def test_english_labels(loaded: Cli) -> None:
    out = loaded("ls", "--plan", "p2", "--status", "done", "--lang", "en").stdout
    assert "Status" in out and "done" in out and "状态" not in out
    out = loaded("ls", "--plan", "p2", "--status", "done", env={"DUBAN_LANG": "en"}).stdout
    assert "Status" in out


def test_units_and_plans_json(loaded: Cli) -> None:
    units = loaded.json("units", "--as-of", AS_OF)
    by_name = {u["name"]: u for u in units}
    assert by_name["区直有关单位"]["collective"] is True
    assert by_name["区财政局"]["collective"] is False
    assert set(units[0]) >= {"name", "collective", "items", "done", "overdue"}
    assert by_name["区政府办公室"]["items"] >= 19
    plans = loaded.json("plans")
    assert [(p["key"], p["items"]) for p in plans] == [("p1", 67), ("p2", 52)]


@pytest.mark.parametrize(
    "args",
    [
        ("show", "p9.9"),
        ("set", "p1.1", "finished"),
        ("set", "p9.9", "done"),
        ("ls", "--as-of", "2021-02-30"),
        ("ls", "--due-within", "soon"),
        ("ls", "--plan", "nope"),
        ("note", "p1.1", "   "),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(loaded_process: Cli, args: tuple[str, ...]) -> None:
    proc = loaded_process(*args, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("duban: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr


def test_broken_store_is_exit_2_and_untouched(cli: Cli, store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text("{not json", encoding="utf-8")
    proc = cli("set", "p1.1", "done", check=False)
    assert proc.returncode == 2 and str(store_path) in proc.stderr and "Traceback" not in proc.stderr
    assert store_path.read_text(encoding="utf-8") == "{not json"


def test_colour_only_on_a_terminal(loaded_process: Cli) -> None:
    out = loaded_process("ls", "--plan", "p2", env={"NO_COLOR": ""}).stdout
    assert "\x1b[" not in out, "piped output has no escape codes"


def test_demo_runs_on_the_bundled_sample(cli: Cli) -> None:
    out = cli("demo", "--width", "100").stdout
    assert "demo.1" in out and "demo.25" in out
    assert "青禾区" in out


def test_command_line_does_not_import_textual_or_rich(loaded: Cli, cli_env: dict[str, str]) -> None:
    code = (
        "import sys; from duban.tui.cli.main import main; main(['ls', '--json']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
        "sys.stderr.write(repr(bad))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env, cwd=ROOT)
    assert proc.stderr == "[]"
    json.loads(proc.stdout)
