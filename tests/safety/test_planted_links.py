"""A colleague must not be able to harm you (issue 8, items 9, 11, 14): links planted
under the names duban writes, plan keys used as paths, and `report --out` over what is
there.  Nothing duban writes follows a link; only regular files (or nothing) are
replaced; a device or FIFO is written into; no temp file is left behind."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from duban.store.repository import Repository
from tests.conftest import ROOT, Cli, plan_file


@pytest.fixture
def loaded(cli: Cli) -> Cli:
    cli("import", "--key", "p1", str(plan_file("001")))
    return cli


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file of the victim's own that a colleague would like changed."""
    path = tmp_path / "private" / "victim.txt"
    path.parent.mkdir()
    path.write_text("mine", encoding="utf-8")
    os.chmod(path, 0o600)
    return path


def untouched(victim: Path) -> bool:
    return victim.read_text(encoding="utf-8") == "mine" and stat.S_IMODE(victim.stat().st_mode) == 0o600


def test_the_lock_holder_note_never_writes_through_a_planted_link(loaded: Cli, store_path: Path, victim: Path) -> None:
    os.chmod(store_path.parent, 0o2770)  # a shared folder: the old note was chmod-ed too
    folder = store_path.parent
    # The old note's temp name was predictable: .store.json.lock.who.<pid>.tmp
    (folder / f".store.json.lock.who.{os.getpid()}.tmp").symlink_to(victim)
    Repository(store_path, user="victim").set_status(["p1.1"], "done")
    assert untouched(victim)
    note = folder / "store.json.lock.who"
    assert note.is_file() and not note.is_symlink() and json.loads(note.read_text(encoding="utf-8"))["user"] == "victim"


def test_restore_never_writes_through_a_planted_link(loaded: Cli, store_path: Path, victim: Path) -> None:
    loaded("set", "p1.1", "done")
    folder = store_path.parent
    (folder / ".store.json.restore.tmp").symlink_to(victim)  # the old fixed temp names
    (folder / "store.plans" / ".p1.json.restore.tmp").symlink_to(victim)
    loaded("restore", "1")
    assert untouched(victim)
    assert loaded.json("show", "p1.1")["status"] == "todo"
    assert not list(folder.glob(".*.tmp")) or all(p.is_symlink() for p in folder.glob(".*.tmp"))


def test_a_store_file_replaced_by_a_link_is_refused(loaded: Cli, store_path: Path, victim: Path) -> None:
    plan = store_path.with_name("store.plans") / "p1.json"
    victim.write_bytes(plan.read_bytes())
    os.chmod(victim, 0o600)
    plan.unlink()
    plan.symlink_to(victim)
    before = victim.read_bytes()
    proc = loaded("set", "p1.1", "done", check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert victim.read_bytes() == before and plan.is_symlink()


def test_the_lock_file_as_a_planted_link_is_refused(loaded: Cli, store_path: Path, victim: Path) -> None:
    lock = store_path.with_name("store.json.lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    proc = loaded("set", "p1.1", "done", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert untouched(victim)


def test_saving_the_config_never_writes_through_a_planted_link(isolated_config: Path, victim: Path) -> None:
    from duban.tui.settings.config import save_setting

    isolated_config.write_text('lang = "zh"\n', encoding="utf-8")
    (isolated_config.parent / "config.toml.tmp").symlink_to(victim)  # the old fixed temp name
    save_setting(isolated_config, "theme", "dark")
    assert untouched(victim)
    assert 'theme = "dark"' in isolated_config.read_text(encoding="utf-8")
    link = isolated_config.with_name("linked.toml")
    link.symlink_to(victim)
    with pytest.raises(OSError):
        save_setting(link, "theme", "dark")
    assert untouched(victim)


@pytest.fixture
def isolated_config(tmp_path: Path) -> Path:
    path = tmp_path / "cfg" / "duban" / "config.toml"
    path.parent.mkdir(parents=True)
    return path


# -- report --out


def test_report_out_never_writes_through_a_planted_temp_link(loaded: Cli, tmp_path: Path, victim: Path) -> None:
    out = tmp_path / "shared" / "summary.txt"
    out.parent.mkdir()
    (out.parent / ".summary.txt.tmp").symlink_to(victim)  # the old fixed temp name
    loaded("report", "--out", str(out))
    assert untouched(victim)
    assert out.is_file() and not out.is_symlink() and out.stat().st_size > 100


def test_report_out_refuses_a_link_and_a_read_only_file(loaded: Cli, tmp_path: Path, victim: Path) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to(victim)
    proc = loaded("report", "--out", str(link), check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and str(link) in proc.stderr
    assert untouched(victim) and link.is_symlink()
    locked = tmp_path / "final.txt"
    locked.write_text("signed off", encoding="utf-8")
    os.chmod(locked, 0o444)
    proc = loaded("report", "--out", str(locked), check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert locked.read_text(encoding="utf-8") == "signed off"
    assert not list(tmp_path.glob(".*.tmp"))


def test_report_out_writes_into_a_device_and_a_fifo(loaded: Cli, tmp_path: Path) -> None:
    # Our own null device, not /dev/null: run against the old code, this test replaced it.
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError:
        device = Path("/dev/null")  # not root: cannot be replaced by us either
    loaded("report", "--out", str(device))
    assert stat.S_ISCHR(os.stat(device).st_mode), "the device is still the device"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    loaded("report", "--out", str(fifo), "--format", "text")
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and len(got[0]) > 100
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_failed_report_write_leaves_no_temp_file(loaded: Cli, tmp_path: Path, cli_env) -> None:
    out = tmp_path / "out" / "report.txt"
    out.parent.mkdir()

    def small_files() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    proc = subprocess.run([sys.executable, "-m", "duban.tui.cli.main", "report", "--out", str(out)], cwd=ROOT, env=cli_env,
                          capture_output=True, text=True, preexec_fn=small_files)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert list(out.parent.iterdir()) == []


# -- plan keys are names, not paths


def test_a_plan_key_that_is_a_path_is_damage(loaded: Cli, store_path: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    plan_json = store_path.with_name("store.plans") / "p1.json"
    (outside / "victim.json").write_bytes(plan_json.read_bytes())
    before = (outside / "victim.json").read_bytes()
    index = json.loads(store_path.read_text(encoding="utf-8"))
    index["plans"]["1"]["key"] = "../../outside/victim"
    store_path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    for command in (["ls"], ["report"], ["set", "p1.1", "done"], ["note", "p1.1", "x"]):
        proc = loaded(*command, check=False)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert command[0] in ("set", "note") or "'../../outside/victim'" in proc.stderr
    assert (outside / "victim.json").read_bytes() == before


def test_a_new_plan_key_must_be_a_short_safe_name(loaded: Cli, tmp_path: Path) -> None:
    proc = loaded("import", "--key", "../escape", str(plan_file("002")), check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert not list(tmp_path.rglob("escape.json"))


@pytest.mark.parametrize("name", ["store.plans", "backups"])
def test_a_folder_beside_the_store_swapped_for_a_link_is_refused(loaded: Cli, store_path: Path, tmp_path: Path,
                                                                name: str) -> None:
    loaded("set", "p1.1", "doing")  # backups/ exists
    mine = tmp_path / "mine"
    folder = store_path.with_name(name)
    shutil.copytree(folder, mine, symlinks=True)
    shutil.rmtree(folder)
    folder.symlink_to(mine)
    before = {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()}
    proc = loaded("set", "p1.2", "done", check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()} == before


def test_a_writer_cleans_only_the_stores_own_temp_files(loaded: Cli, store_path: Path) -> None:
    """A report being written beside the store keeps its temp file while a colleague writes."""
    folder = store_path.parent
    report_temp = folder / ".summary.txt.a1b2c3.tmp"
    report_temp.write_text("half a report", encoding="utf-8")
    dead_writer = folder / ".store.json.x9y8z7.tmp"
    dead_writer.write_text("{", encoding="utf-8")
    loaded("set", "p1.1", "done")
    assert report_temp.exists() and not dead_writer.exists()
