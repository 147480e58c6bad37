"""The command line's contract for changes and arguments (issue 9): a change that changes
nothing writes nothing, several statuses in one `set`, argument mistakes in one line of
the user's language, unit names by one rule, times as people read them.

On our own sample plan (no reference plan needed), in-process where the process is not
the point; the exit-status and stderr contract runs as a real subprocess.
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import InProcess

# s.1 区司法局 2026-06-30; s.7 s.18 s.22 due 2026-11-30; s.8 s.9 s.10 区财政局


def _files(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Everything under the store's folder (store, plan files, backups, lock notes)."""
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _history(run: InProcess, item: str) -> list[dict]:
    return json.loads(run("show", item, "--json").stdout)["history"]


# ---------------------------------------------------------------- 2: no-op changes

def test_a_change_that_changes_nothing_writes_nothing_and_says_so(sample: InProcess, store_path: Path) -> None:
    sample("set", "s.1", "done")
    before = _files(store_path.parent)
    out = sample("set", "s.1", "done").stdout
    assert out.splitlines() == ["未改动：s.1 已是已完成"]
    assert _files(store_path.parent) == before, "no write, no backup, not even a lock note"
    assert len(_history(sample, "s.1")) == 1
    assert sample("undo").stdout.startswith("s.1：已完成 → 未开始"), "no empty undo step was taken"


def test_an_id_given_twice_is_one_change(sample: InProcess) -> None:
    out = sample("set", "s.2", "s.2", "doing").stdout
    assert out.splitlines() == ["s.2：未开始 → 进行中"]
    assert [(h["from"], h["to"]) for h in _history(sample, "s.2")] == [("todo", "doing")]


def test_some_changed_some_not_prints_both_and_records_only_the_change(sample: InProcess) -> None:
    sample("set", "s.3", "doing")
    out = sample("--lang", "en", "set", "s.3", "s.4", "doing").stdout
    assert out.splitlines() == ["s.4: todo → doing", "unchanged: s.3 is already doing"]
    assert len(_history(sample, "s.3")) == 1


def test_same_status_with_a_note_is_recorded_as_a_note(sample: InProcess) -> None:
    sample("set", "s.5", "doing")
    sample("set", "s.5", "doing", "--note", "已联系融媒体中心")
    history = _history(sample, "s.5")
    assert len(history) == 2 and history[1]["note"] == "已联系融媒体中心"


# ---------------------------------------------------------------- 14: ID… STATUS ID… STATUS

def test_set_takes_several_statuses_each_after_its_ids(sample: InProcess) -> None:
    out = sample("set", "s.1", "s.2", "doing", "s.3", "受阻").stdout
    assert out.splitlines() == ["s.1：未开始 → 进行中", "s.2：未开始 → 进行中", "s.3：未开始 → 受阻"]
    items = {i["id"]: i["status"] for i in json.loads(sample("ls", "--json").stdout)}
    assert (items["s.1"], items["s.2"], items["s.3"], items["s.4"]) == ("doing", "doing", "blocked", "todo")


@pytest.mark.parametrize(("args", "says"), [
    (("s.1", "doing", "s.2"), "s.2 后面缺少状态"),
    (("s.1", "done", "s.1", "doing"), "s.1 被设为两个状态"),
    (("s.1", "doing", "s.2", "finished"), "不认识的状态“finished”"),
    (("doing", "s.1"), "用法：duban set"),
    (("s.1",), "用法：duban set"),
])
def test_set_mistakes_change_nothing(sample: InProcess, store_path: Path, args: tuple[str, ...], says: str) -> None:
    before = _files(store_path.parent)
    ran = sample("set", *args, check=False)
    assert ran.returncode == 2 and says in ran.stderr and ran.stdout == ""
    assert _files(store_path.parent) == before


# ---------------------------------------------------------------- 15: argument errors (argparse's exit, caught in-process)

@pytest.mark.parametrize(("args", "says"), [
    (("ls", "p1.2"), "多余的参数：p1.2（duban ls --help 查看用法）"),
    (("ls", "--bogus"), "多余的参数：--bogus"),
    (("ls", "--width", "abc"), "--width 应为整数，而不是“abc”"),
    (("report", "--format", "pdf"), "--format 不能是“pdf”"),
    (("show",), "缺少参数：id"),
    (("frob",), "不能是“frob”"),
    (("--lang", "en", "ls", "p1.2"), "unexpected arguments: p1.2 (see duban ls --help)"),
])
def test_argument_errors_are_one_line_in_the_users_language_exit_2(cli, args: tuple[str, ...], says: str) -> None:  # noqa: ANN001
    proc = cli(*args, check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("duban: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert says in proc.stderr and "usage:" not in proc.stderr and "error:" not in proc.stderr


def test_argument_errors_follow_the_language_of_the_config(run: InProcess, cli_env: dict[str, str]) -> None:
    config = Path(cli_env["XDG_CONFIG_HOME"]) / "duban" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "en"\n', encoding="utf-8")
    ran = run("ls", "--due-within", check=False)
    assert ran.returncode == 2 and ran.stderr == "duban: --due-within needs a value (see duban ls --help)\n"


# ---------------------------------------------------------------- 16: config check

def test_config_check_says_when_there_is_no_config_file(run: InProcess, cli_env: dict[str, str]) -> None:
    out = run("config", "check").stdout
    assert "没有配置文件，使用默认设置" in out and "没有问题" not in out
    config = Path(cli_env["XDG_CONFIG_HOME"]) / "duban" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "zh"\n', encoding="utf-8")
    assert "没有问题" in run("config", "check").stdout


def test_a_key_clash_is_blamed_on_the_users_file_and_line(run: InProcess, cli_env: dict[str, str]) -> None:
    config = Path(cli_env["XDG_CONFIG_HOME"]) / "duban" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "zh"\n\n[keys]\nhelp = "h"\nsearch = "j"\n', encoding="utf-8")
    ran = run("config", "check", check=False)
    assert ran.returncode == 2
    assert ran.stderr.startswith(f"duban: {config}:5：") and "default.toml" not in ran.stderr


# ---------------------------------------------------------------- 17: unit names

def test_an_unknown_unit_is_an_error_with_the_closest_names(sample: InProcess) -> None:
    for command in (("ls",), ("report",)):
        ran = sample(*command, "--unit", "区财务局", check=False)
        assert ran.returncode == 2 and "没有名为“区财务局”的单位" in ran.stderr and "区财政局" in ran.stderr


def test_lead_needs_a_unit(sample: InProcess) -> None:
    ran = sample("ls", "--lead", check=False)
    assert ran.returncode == 2 and "--lead 要与 --unit 一起用" in ran.stderr


def test_unit_names_match_exactly_else_by_substring(sample: InProcess) -> None:
    ids = lambda *a: [i["id"] for i in json.loads(sample("ls", "--json", *a).stdout)]  # noqa: E731
    finance = ids("--unit", "区财政局")
    assert finance == ["s.5", "s.8", "s.9", "s.10"]
    assert ids("--unit", "财政") == finance, "a part of a name: every unit containing it"
    office = ids("--unit", "区政府办公室")
    assert "s.2" in office and "s.3" not in office, "an exact name is that unit only, not 区政府各部门"


# ---------------------------------------------------------------- 19: demo

def test_demo_removes_its_temporary_store(run: InProcess) -> None:
    out = run("demo", "--width", "100").stdout
    store = Path(out.splitlines()[0].split("：", 1)[1].split("（")[0])
    assert store.name == "store.json" and "demo.25" in out
    assert not store.parent.exists()


# ---------------------------------------------------------------- 23: times

def test_history_reads_in_local_time_to_the_minute(sample: InProcess, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        sample("set", "s.1", "done")
        stored = _history(sample, "s.1")[0]["at"]
        assert stored.endswith("+00:00") and "T" in stored, "JSON keeps ISO with its offset"
        monkeypatch.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        shown = [line for line in sample("show", "s.1").stdout.splitlines() if "tester" in line][0].strip()
        local = (date.fromisoformat(stored[:10]), int(stored[11:13]))
        hour = (local[1] + 8) % 24
        assert shown.startswith(f"{stored[:10] if local[1] + 8 < 24 else local[0] + timedelta(days=1)} {hour:02d}:"
                                f"{stored[14:16]}  "), shown
        logged = sample("log").stdout
        assert f"{hour:02d}:{stored[14:16]}" in logged and "+00:00" not in logged and "T" not in logged.split("\n")[2]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_days_as_people_type_them() -> None:
    from duban.store.day_words import parse_day

    today = date(2026, 11, 26)
    assert parse_day("2026-11-05", today) == date(2026, 11, 5)
    assert parse_day("2026-11", today) == date(2026, 11, 1)
    assert parse_day("2026年3月", today) == date(2026, 3, 1)
    assert parse_day("7d", today) == date(2026, 11, 19)
    assert parse_day("2w", today) == date(2026, 11, 12)
    assert parse_day("1m", today) == date(2026, 10, 26)
    assert parse_day("today", today) == today
    for bad in ("2026-13", "2026-02-30", "soon", "30", "", "99999999999d"):
        with pytest.raises((ValueError, OverflowError)):
            parse_day(bad, today)


def test_since_and_as_of_take_spans_and_months(sample: InProcess) -> None:
    sample("set", "s.1", "done")
    assert "s.1" in sample("log", "--since", "7d").stdout
    assert "s.1" not in sample("log", "--since", "2099-01").stdout
    overdue = [i["id"] for i in json.loads(sample("ls", "--overdue", "--as-of", "2026-07", "--json").stdout)]
    assert overdue == ["s.8", "s.19", "s.21"], "judged on 2026-07-01; s.1 is done"
    ran = sample("ls", "--as-of", "soon", check=False)
    assert ran.returncode == 2 and "2026-11" in ran.stderr and "7d" in ran.stderr


def test_the_app_takes_no_undo_step_for_a_change_that_changes_nothing(sample: InProcess, store_path: Path) -> None:
    from duban.store.repository import Repository
    from duban.store.unit_names import Aliases
    from duban.tui.app.state import AppState

    state = AppState(Repository(store_path, user="tester"), Aliases(), date(2026, 7, 5))
    state.reload()
    assert state.set_status(["s.1"], "done") and len(state.undo_stack) == 1
    assert state.set_status(["s.1"], "done") == [] and len(state.undo_stack) == 1
    assert len(_history(sample, "s.1")) == 1


def test_show_in_english_has_no_full_width_colons(sample: InProcess) -> None:
    sample("set", "s.1", "done", "--note", "sent")
    fields = [line for line in sample("--lang", "en", "show", "s.1").stdout.splitlines()
              if line.startswith("  ") and not line.startswith("    ")]
    assert len(fields) >= 10 and all(": " in line and "：" not in line.split(": ")[0] for line in fields), fields


# ---------------------------------------------------------------- 18: a fresh clone

def test_a_missing_reference_plan_skips_with_a_one_line_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.conftest

    monkeypatch.setattr(tests.conftest, "PLANS", tmp_path / "no-shared" / "plans")
    with pytest.raises(pytest.skip.Exception) as skipped:
        tests.conftest.plan_file("000")
    reason = str(skipped.value)
    assert "000" in reason and "no-shared" in reason and "\n" not in reason
