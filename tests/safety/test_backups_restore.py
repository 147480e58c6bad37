"""Backups and restore (issue 8, items 5–8, 10): a backup is checked whole before
anything is written, rotation never removes the backup being restored, unchanged files
are shared between backups, the retention keeps sessions and days, a future-dated
backup is suspicious, and the restore hint is only for damage."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from duban.store.repository import Repository
from tests.conftest import ROOT, Cli, plan_file

STAMP = "%Y%m%d-%H%M%S-%f"  # backups/<stem>-<time>/


def backups_dir(store_path: Path) -> Path:
    return store_path.parent / "backups"


def backup_dirs(store_path: Path) -> list[Path]:
    """The backups on disk, newest first (read here, not through the code under test)."""
    return sorted((p for p in backups_dir(store_path).glob(f"{store_path.stem}-*") if p.is_dir()), reverse=True)


@pytest.fixture
def loaded(cli: Cli) -> Cli:
    cli("import", "--key", "p1", str(plan_file("001")))
    return cli


def store_files(store_path: Path) -> dict[Path, bytes]:
    """Every file of the live store (not the backups, not the lock)."""
    folder = store_path.parent
    return {p: p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and "backups" not in p.relative_to(folder).parts and ".lock" not in p.name}


def replace(path: Path, data: bytes) -> None:
    """Change a backup's file without touching another backup that shares it (a hard link)."""
    path.unlink()
    path.write_bytes(data)


def newest_backup(store_path: Path) -> Path:
    return backup_dirs(store_path)[0]


def _missing_index(b: Path, secret: Path) -> None:
    (b / "store.json").unlink()


def _empty_index(b: Path, secret: Path) -> None:
    replace(b / "store.json", b"")


def _missing_plan(b: Path, secret: Path) -> None:
    (b / "store.plans" / "p1.json").unlink()


def _plan_not_json(b: Path, secret: Path) -> None:
    replace(b / "store.plans" / "p1.json", b"{broken")


def _plan_is_a_link(b: Path, secret: Path) -> None:
    # A colleague's planted backup: a link to a file only the victim can read (item 10).
    (b / "store.plans" / "p1.json").unlink()
    (b / "store.plans" / "p1.json").symlink_to(secret)


def _index_is_a_link(b: Path, secret: Path) -> None:
    (b / "store.json").unlink()
    (b / "store.json").symlink_to(secret)


def _a_fifo_inside(b: Path, secret: Path) -> None:
    os.mkfifo(b / "store.plans" / "p9.json")


def _damaged_document(b: Path, secret: Path) -> None:
    text = (b / "store.plans" / "p1.json").read_text(encoding="utf-8")
    replace(b / "store.plans" / "p1.json", text.replace('"n": 1,', '"n_": 1,', 1).encode("utf-8"))


@pytest.mark.parametrize("damage", [_missing_index, _empty_index, _missing_plan, _plan_not_json, _plan_is_a_link,
                                    _index_is_a_link, _a_fifo_inside, _damaged_document])
def test_restore_checks_the_whole_backup_before_writing_anything(loaded: Cli, store_path: Path, tmp_path: Path,
                                                                 damage) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"_meta": {"1": {"schema": 2}}, "items": {"1": {"secret": "PAYROLL-SECRET-42"}}}', encoding="utf-8")
    os.chmod(secret, 0o600)
    loaded("set", "p1.1", "done")  # backup 1: the store before this change
    damage(newest_backup(store_path), secret)
    before = store_files(store_path)
    proc = loaded("restore", "1", check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "无法恢复这个备份" in proc.stderr
    assert store_files(store_path) == before, "nothing was written"
    assert not any(b"PAYROLL-SECRET-42" in data for data in store_files(store_path).values())
    assert loaded.json("show", "p1.1")["status"] == "done"


def test_the_backup_being_restored_is_never_rotated_away(loaded: Cli, store_path: Path) -> None:
    for n in range(20):
        Repository(store_path, user="colleague").add_note("p1.1", f"第{n}次")  # one write session each
    assert len(backup_dirs(store_path)) == 20
    oldest = backup_dirs(store_path)[-1]
    proc = loaded("restore", "20", check=False)  # restoring takes a backup first: the 21st
    assert proc.returncode == 0, proc.stderr
    assert oldest.is_dir(), "the restored backup stays"
    assert loaded.json("show", "p1.1")["note"] is None, "the store as it was before the first note"


def test_a_backup_copies_only_what_changed_and_shares_the_rest(loaded: Cli, store_path: Path) -> None:
    loaded("import", "--key", "p2", str(plan_file("002")))
    loaded("set", "p1.1", "done")  # backup A: p1 and p2 as imported
    loaded("set", "p1.2", "done")  # backup B: p1 changed since A, p2 did not
    b, a = backup_dirs(store_path)[:2]
    ino = lambda path: os.lstat(path).st_ino  # noqa: E731
    assert ino(b / "store.plans" / "p2.json") == ino(a / "store.plans" / "p2.json"), "shared"
    assert ino(b / "store.plans" / "p1.json") != ino(a / "store.plans" / "p1.json"), "copied"
    live = {ino(p) for p in store_files(store_path)}
    for backup in (a, b):
        assert not live & {ino(p) for p in backup.rglob("*.json")}, "the live store is never linked"
    loaded("restore", "2")
    assert loaded.json("show", "p1.1")["status"] == "todo"
    assert len(loaded.json("ls", "--plan", "p2")) > 0


def _fake_backups(folder: Path, stamps: list[datetime]) -> list[tuple[datetime, Path]]:
    out = []
    for when in stamps:
        path = folder / f"store-{when.strftime(STAMP)}"
        path.mkdir(parents=True)
        (path / "store.json").write_text("{}", encoding="utf-8")
        out.append((when, path))
    return out


def test_retention_keeps_the_last_sessions_and_one_a_day(tmp_path: Path) -> None:
    from duban.store.backups import Retention, prune

    now = datetime(2026, 11, 26, 15, 0)
    stamps = [now - timedelta(minutes=m) for m in range(10)]  # ten quick sessions today
    stamps += [now - timedelta(days=d, hours=h) for d in range(1, 30) for h in (1, 5)]  # two a day for 29 days
    stamps += [now + timedelta(days=400)]  # a wrong clock (or a planted one): left for a person to look at
    entries = _fake_backups(tmp_path, stamps)
    prune(entries, Retention(kept=3, days=14), set(), now)
    left = {when for when, path in entries if path.exists()}
    assert set(stamps[:3]) <= left, "the last three sessions"
    for d in range(1, 14):
        assert now - timedelta(days=d, hours=1) in left, f"the newest of day -{d}"
        assert now - timedelta(days=d, hours=5) not in left
    assert not any(now - timedelta(days=d, hours=1) in left for d in range(14, 30)), "older days go"
    assert now + timedelta(days=400) in left
    assert len(left) == 3 + 13 + 1


def test_the_retention_comes_from_the_config(loaded: Cli, store_path: Path, tmp_path: Path) -> None:
    config = tmp_path / "config" / "duban" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("backups_kept = 3\nbackup_days = 14\n", encoding="utf-8")
    for n in range(6):
        loaded("note", "p1.1", f"第{n}次")
    assert len(backup_dirs(store_path)) == 3  # today's newest is among the last three
    config.write_text("backups_kept = 0\n", encoding="utf-8")
    proc = loaded("ls", check=False)
    assert proc.returncode == 2 and "backups_kept" in proc.stderr


def test_a_future_dated_backup_is_suspicious_and_never_the_newest(loaded: Cli, store_path: Path) -> None:
    loaded("set", "p1.3", "doing")
    real = newest_backup(store_path)
    future = backups_dir(store_path) / f"store-{datetime(2099, 1, 1).strftime(STAMP)}"
    shutil.copytree(real, future)
    listing = loaded("backups").stdout.splitlines()
    line = next(line for line in listing if "2099" in line)
    assert "可疑" in line and not line.strip().startswith("1 ")
    store_path.write_text("{broken", encoding="utf-8")
    proc = loaded("ls", check=False)
    assert "最近的完好备份：1" in proc.stderr and "2099" not in proc.stderr, proc.stderr


def test_the_restore_hint_is_only_for_a_store_that_cannot_be_read(loaded: Cli, store_path: Path,
                                                                   tmp_path: Path, cli_env, cli_process: Cli) -> None:
    loaded("set", "p1.1", "doing")  # a good backup exists
    config = tmp_path / "config" / "duban" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("lock_timeout = 0.3\n", encoding="utf-8")
    with Repository(store_path, user="colleague").transaction():  # a colleague mid-write
        proc = cli_process("set", "p1.1", "done", check=False)  # (the lock is this process's: wait in another)
    assert proc.returncode == 2 and "占用" in proc.stderr and "恢复命令" not in proc.stderr, proc.stderr
    config.unlink()
    full = subprocess.run([sys.executable, "-m", "duban.tui.cli.main", "set", "p1.2", "done"], cwd=ROOT, env=cli_env,
                          capture_output=True, text=True, preexec_fn=_limit_file_size)
    assert full.returncode == 2 and "恢复命令" not in full.stderr, full.stderr
    assert not list(store_path.parent.rglob("*.tmp")) and not list(store_path.parent.rglob("*.partial"))
    newer = '{"_meta": {"1": {"schema": 9}}, "plans": {}}'  # a colleague's newer duban: upgrade, don't roll back
    store_path.write_text(newer, encoding="utf-8")
    proc = loaded("ls", check=False)
    assert proc.returncode == 2 and "升级" in proc.stderr and "恢复命令" not in proc.stderr


def _limit_file_size() -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_backups_lists_what_it_cannot_read_instead_of_crashing(loaded: Cli, store_path: Path) -> None:
    loaded("set", "p1.1", "doing")
    odd = backups_dir(store_path) / f"store-{datetime(2020, 1, 1).strftime(STAMP)}"
    odd.mkdir()
    (odd / "store.json").symlink_to(odd / "gone.json")  # a dangling link: stat() would fail
    (backups_dir(store_path) / f"store-{datetime(2020, 1, 2).strftime(STAMP)}").symlink_to("/nonexistent")
    proc = loaded("backups", check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "2020-01-02" in proc.stdout and "无法读取" in proc.stdout


def test_every_backup_file_and_folder_is_group_writable_in_a_shared_folder(cli: Cli, tmp_path: Path, cli_env) -> None:
    shared = tmp_path / "office"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    store = shared / "store.json"
    env = {**cli_env, "DUBAN_STORE": str(store)}

    def strict(*args: str) -> None:  # a colleague whose umask lets no one else in
        proc = subprocess.run([sys.executable, "-m", "duban.tui.cli.main", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, preexec_fn=lambda: os.umask(0o077))
        assert proc.returncode == 0, proc.stderr

    strict("import", "--key", "p1", str(plan_file("001")))
    strict("set", "p1.1", "done")
    strict("set", "p1.2", "done")
    strict("restore", "2")
    for path in shared.rglob("*"):
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o060 == 0o060, f"{path} {oct(mode)}"
        if path.is_dir():
            assert path.stat().st_mode & stat.S_ISGID, path


def test_restores_beside_writers_never_crash(loaded: Cli, store_path: Path, tmp_path: Path, cli_env) -> None:
    """Before, a writer's rotation could delete the backup a restore was copying."""
    for n in range(20):
        Repository(store_path, user="colleague").add_note("p1.2", f"第{n}次")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(store_path), tag], cwd=ROOT, env=cli_env,
                                stderr=subprocess.PIPE, text=True) for tag in ("w1", "w2")]
    restores = []
    while any(w.poll() is None for w in writers) or len(restores) < 3:
        restores.append(loaded("restore", "20", check=False))
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert all(w.returncode == 0 for w in writers), errors
    for proc in restores:
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert len(loaded.json("ls")) == 36, "the store loads after it all"


WRITER = r"""
import sys
from duban.tui.cli.main import main
store, tag = sys.argv[1], sys.argv[2]
for n in range(25):
    if main(["--store", store, "note", "p1.1", f"{tag}#{n}"]) != 0:
        sys.exit(f"{tag}: write {n} failed")
"""
