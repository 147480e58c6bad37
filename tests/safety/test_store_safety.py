"""Backups and restore, a broken store, a full disk, the lock's holder, shared folders,
the history log and undo — through the command line, as a user meets them."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from duban.store.repository import Repository, login_user
from tests.conftest import ROOT, Cli, plan_file


@pytest.fixture
def loaded(cli: Cli) -> Cli:
    cli("import", "--key", "p1", str(plan_file("001")))
    return cli


def test_rolling_backups_and_restore(loaded: Cli, store_path: Path) -> None:
    for n in range(25):
        loaded("note", "p1.1", f"第{n}次")
    listing = loaded("backups").stdout
    assert listing.count("\n") == 20 + 2, "the last 20 are kept"
    loaded("set", "p1.2", "done")
    out = loaded("restore", "1").stdout
    assert "已恢复第 1 号备份" in out
    assert loaded.json("show", "p1.2")["status"] == "todo", "backup 1 was taken before the last change"
    loaded("restore", "1")  # the store as it was before the restore is backup 1
    assert loaded.json("show", "p1.2")["status"] == "done"
    proc = loaded("restore", "99", check=False)
    assert proc.returncode == 2 and "没有第 99 号备份" in proc.stderr


@pytest.mark.parametrize("damage", ["{broken", '["not", "ours"]', '{"_meta": {"1": {}}, "plans": {}}'])
def test_a_store_that_fails_to_load_names_the_backup_to_restore(loaded: Cli, store_path: Path, damage: str) -> None:
    loaded("set", "p1.3", "doing")
    store_path.write_text(damage, encoding="utf-8")
    proc = loaded("ls", check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert str(store_path) in proc.stderr and "最近的完好备份：1" in proc.stderr
    assert "duban restore 1" in proc.stderr
    english = loaded("--lang", "en", "ls", check=False).stderr
    assert "newest good backup: 1" in english and "restore it with: duban restore 1" in english
    assert store_path.read_text(encoding="utf-8") == damage, "never overwritten"
    loaded("restore", "1")
    assert len(loaded.json("ls")) == 36


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_full_disk_is_a_clear_error_and_changes_nothing(loaded: Cli, store_path: Path, cli_env) -> None:
    before = {p: p.read_bytes() for p in store_path.parent.rglob("*.json")}
    proc = subprocess.run([sys.executable, "-m", "duban.tui.cli.main", "set", "p1.1", "done"], cwd=ROOT, env=cli_env,
                          capture_output=True, text=True, preexec_fn=_limit_file_size)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "未做任何改动" in proc.stderr or "存储未改动" in proc.stderr
    assert {p: p.read_bytes() for p in store_path.parent.rglob("*.json") if p in before} == before
    assert not list(store_path.parent.rglob("*.tmp"))


def test_a_waiting_writer_names_who_holds_the_lock(loaded: Cli, cli_process: Cli, store_path: Path, tmp_path: Path) -> None:
    config = tmp_path / "config" / "duban" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("lock_timeout = 0.5\n", encoding="utf-8")
    holder = Repository(store_path, user="colleague")
    with holder.transaction():  # a colleague mid-write: the lock is held
        proc = cli_process("set", "p1.1", "done", check=False)  # another process waits for it
    assert proc.returncode == 2 and "存储正被 colleague 占用（进程" in proc.stderr and "已等待 0.5 秒" in proc.stderr
    loaded("set", "p1.1", "done")  # released: the next writer goes through


def test_files_in_a_group_shared_folder_are_group_writable(cli: Cli, tmp_path: Path) -> None:
    shared = tmp_path / "office"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    store = shared / "store.json"
    cli("--store", str(store), "import", "--key", "p1", str(plan_file("001")), env={"DUBAN_STORE": ""})
    cli("--store", str(store), "set", "p1.1", "done")
    for path in [store, *store.with_name("store.plans").glob("*.json"), shared / "store.json.lock",
                 shared / "store.json.lock.who"]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o060 == 0o060, path
    for folder in (shared / "store.plans", shared / "backups"):
        assert folder.stat().st_mode & stat.S_ISGID and stat.S_IMODE(folder.stat().st_mode) & 0o070 == 0o070


def test_log_lists_every_change_newest_first(loaded: Cli, store_path: Path) -> None:
    loaded("set", "p1.1", "doing")
    loaded("note", "p1.2", "材料已收")
    Repository(store_path, user="other").set_status(["p1.1"], "done")  # a colleague, by login
    entries = json.loads(loaded("log", "--json").stdout)
    me = login_user()
    assert [(e["id"], e["by"], e["name"], e["to"]) for e in entries] == [
        ("p1.1", "other", None, "done"), ("p1.2", me, "tester", "todo"), ("p1.1", me, "tester", "doing")]
    assert json.loads(loaded("log", "p1.1", "--json").stdout)[0]["by"] == "other"
    assert [e["id"] for e in json.loads(loaded("log", "--by", me, "--json").stdout)] == ["p1.2", "p1.1"]
    assert [e["id"] for e in json.loads(loaded("log", "--by", "tester", "--json").stdout)] == ["p1.2", "p1.1"]
    assert f"{me} (tester)" in loaded("log").stdout, "the display name is shown beside the login"
    assert json.loads(loaded("log", "--since", "2999-01-01", "--json").stdout) == []
    assert "材料已收" in loaded("log").stdout
    assert loaded("log", "p9.9", check=False).returncode == 2


def test_undo_reverts_the_users_own_last_changes_one_by_one(loaded: Cli, store_path: Path) -> None:
    loaded("set", "p1.1", "doing")
    loaded("set", "p1.1", "done")
    Repository(store_path, user="other").set_status(["p1.2"], "blocked")
    loaded("undo")
    assert loaded.json("show", "p1.1")["status"] == "doing"
    assert loaded.json("show", "p1.2")["status"] == "blocked", "another user's change is theirs to undo"
    loaded("undo")
    shown = loaded.json("show", "p1.1")
    assert shown["status"] == "todo"
    assert [h.get("undo", False) for h in shown["history"]] == [False, False, True, True]
    proc = loaded("undo", check=False)
    assert proc.returncode == 2 and "没有可撤销的更改" in proc.stderr


def _make_read_only(folder: Path) -> None:
    os.chmod(folder, 0o555)
    if os.geteuid() == 0:  # root writes through permissions: make the folder immutable instead
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if done.returncode != 0:
            os.chmod(folder, 0o755)
            pytest.skip(f"cannot make a folder read-only for root here: {done.stderr.strip()}")


def _make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    os.chmod(folder, 0o755)


def test_a_read_only_folder_is_a_clear_error_and_changes_nothing(loaded: Cli, store_path: Path) -> None:
    folder = store_path.parent
    before = {p: p.read_bytes() for p in folder.rglob("*.json")}
    _make_read_only(folder)
    try:
        proc = loaded("set", "p1.1", "done", check=False)
    finally:
        _make_writable(folder)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert str(store_path) in proc.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*.json")} == before
