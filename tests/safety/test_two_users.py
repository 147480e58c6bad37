"""Two colleagues, two real Unix users in one group, one setgid office folder (issue 8,
items 7, 10, 13).  Made here with useradd where the tests run as root (each command
runs in a fork that drops to the user's uid), and always removed; skipped with the
reason elsewhere."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import ROOT, plan_file

# useradd/groupadd lock /etc/passwd and /etc/group and fail, rather than wait, when another
# one holds them: with the suite on two workers, these tests run on one of them.
pytestmark = pytest.mark.xdist_group("unix-users")

STAMP = "%Y%m%d-%H%M%S-%f"


def _why_not() -> str | None:
    if os.geteuid() != 0:
        return "two Unix users can only be made as root"
    missing = [tool for tool in ("useradd", "userdel", "groupadd", "groupdel") if not shutil.which(tool)]
    if missing:
        return f"missing {', '.join(missing)}"
    if not plan_file("001").exists():
        return "reference plans absent"
    return None


@dataclass
class Office:
    folder: Path  # the shared setgid folder holding the store
    base: Path
    group: str
    a: str
    b: str

    @property
    def store(self) -> Path:
        return self.folder / "store.json"

    def run(self, user: str, *args: str, umask: int = 0o022, env: dict[str, str] | None = None,
            check: bool = True) -> subprocess.CompletedProcess[str]:
        """`duban ARGS` as `user`: a fork of this process that drops to the user's uid and
        group (the interpreter lives where other users cannot read it, so the modules
        are loaded before the drop)."""
        home = self.base / f"home-{user}"
        clean = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
                 "XDG_DATA_HOME": str(home / "data"), "DUBAN_STORE": str(self.store), "NO_COLOR": "1",
                 "COLUMNS": "200", "PYTHONIOENCODING": "utf-8", **(env or {})}
        return as_user(user, list(args), umask, clean, home, check)


PRELOAD = ["duban.tui.cli.main", "duban.tui.cli.items", "duban.tui.cli.history", "duban.tui.cli.overview", "duban.tui.cli.setup",
           "duban.tui.cli.importing", "duban.tui.cli.report", "duban.tui.report.build", "duban.tui.report.formats", "duban.store.importer", "duban.store.backups", "duban.store.atomic",
           "duban.store.safety", "duban.store.repository", "filelock", "tempfile", "shutil", "pwd", "json", "traceback",
           "_strptime", "socket", "random", "unicodedata", "csv", "locale", "glob", "fnmatch", "resource",
           "duban.store.importer.review", "statistics"]  # (imported on first use: here, not after the drop)


def as_user(user: str, args: list[str], umask: int, env: dict[str, str], home: Path,
            check: bool) -> subprocess.CompletedProcess[str]:
    import codecs
    import importlib
    import pwd
    import threading

    r_out, w_out = os.pipe()
    r_err, w_err = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 99
        try:
            os.close(r_out)
            os.close(r_err)
            os.dup2(w_out, 1)
            os.dup2(w_err, 2)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            for name in PRELOAD:
                local = ROOT / name.replace(".", "/")
                if name.startswith(("store.", "tui.")) and not (local.with_suffix(".py").exists() or local.is_dir()):
                    continue
                importlib.import_module(name)
            for codec in ("utf-8", "utf-8-sig", "gb18030", "gbk", "ascii", "latin-1"):
                codecs.lookup(codec)
            from duban.tui.settings.i18n import Labels
            Labels("zh"), Labels("en")
            entry = pwd.getpwnam(user)
            os.setgroups([entry.pw_gid])
            os.setgid(entry.pw_gid)
            os.setuid(entry.pw_uid)
            os.umask(umask)
            os.chdir(home)
            os.environ.clear()
            os.environ.update(env)
            from duban.tui.cli.main import main

            code = main(args) or 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException:  # noqa: BLE001 - said on stderr, the test fails on it
            import traceback

            traceback.print_exc()
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    os.close(w_out)
    os.close(w_err)
    err: list[bytes] = []
    reader = threading.Thread(target=lambda: err.append(os.fdopen(r_err, "rb").read()))
    reader.start()
    out = os.fdopen(r_out, "rb").read()
    reader.join()
    _, status = os.waitpid(pid, 0)
    proc = subprocess.CompletedProcess(["duban", *args], os.waitstatus_to_exitcode(status),
                                       out.decode("utf-8"), err[0].decode("utf-8"))
    if check and proc.returncode != 0:
        raise AssertionError(f"{user}: duban {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture
def office():
    why = _why_not()
    if why:
        pytest.skip(why)
    tag = secrets.token_hex(3)
    group, a, b = f"safety-g{tag}", f"safety-a{tag}", f"safety-b{tag}"
    made: list[list[str]] = []
    base = Path(tempfile.mkdtemp(prefix="safety-office-"))
    try:
        subprocess.run(["groupadd", group], check=True, capture_output=True)
        made.append(["groupdel", group])
        for user in (a, b):
            subprocess.run(["useradd", "-M", "-N", "-g", group, "-s", "/usr/sbin/nologin", user], check=True,
                           capture_output=True)
            made.insert(0, ["userdel", user])
        os.chmod(base, 0o755)
        folder = base / "office"
        folder.mkdir()
        shutil.chown(folder, group=group)
        os.chmod(folder, 0o2770)
        for user in (a, b):
            home = base / f"home-{user}"
            (home / "config" / "duban").mkdir(parents=True)
            for path in [home, *home.rglob("*")]:
                shutil.chown(path, user=user, group=group)
            os.chmod(home, 0o700)
        yield Office(folder, base, group, a, b)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        for command in made:
            subprocess.run(command, capture_output=True)


def test_colleagues_share_backups_whatever_their_umask(office: Office) -> None:
    a, b = office.a, office.b
    for user in (a, b):
        config = office.base / f"home-{user}" / "config" / "duban" / "config.toml"
        config.write_text("backups_kept = 3\nbackup_days = 1\n", encoding="utf-8")
        shutil.chown(config, user=user)
    office.run(a, "import", "--key", "p1", str(plan_file("001")), umask=0o077)
    office.run(a, "set", "p1.1", "doing", umask=0o077)
    office.run(a, "set", "p1.2", "done", umask=0o077)
    for n in range(4):  # b's writes rotate a's backups out
        office.run(b, "note", "p1.3", f"第{n}次")
    backups = sorted(p for p in (office.folder / "backups").iterdir() if not p.name.startswith("."))
    assert len(backups) == 3, backups
    listing = office.run(b, "backups").stdout
    assert "Traceback" not in listing and listing.count("store-") == 3
    office.run(b, "restore", "3")
    office.run(a, "set", "p1.4", "blocked", umask=0o077)  # a can still write after b's restore
    for path in office.folder.rglob("*"):
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o060 == 0o060, f"{path} {oct(mode)}"
        if path.is_dir():
            assert path.stat().st_mode & stat.S_ISGID, path


def test_backups_lists_what_a_colleague_left_unreadable(office: Office) -> None:
    office.run(office.a, "import", "--key", "p1", str(plan_file("001")))
    office.run(office.a, "set", "p1.1", "doing")
    private = office.folder / "backups" / f"store-{datetime(2021, 1, 1).strftime(STAMP)}"
    private.mkdir()
    (private / "store.json").write_text("{}", encoding="utf-8")
    shutil.chown(private, user=office.a)
    os.chmod(private, 0o700)  # as an older duban left it under a umask of 077
    proc = office.run(office.b, "backups", check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if "2021-01-01" in line)
    assert "无法读取" in line


def test_a_planted_backup_cannot_disclose_a_private_file(office: Office) -> None:
    a, b = office.a, office.b
    office.run(a, "import", "--key", "p1", str(plan_file("001")))
    office.run(a, "set", "p1.1", "doing")
    secret = office.base / f"home-{a}" / "salaries.json"
    # loadable as a plan file: only its being a link gives it away
    secret.write_text('{"_meta": {"1": {"schema": 2}}, "items": {}, "pay": {"1": {"secret": "PAYROLL-SECRET-42"}}}',
                      encoding="utf-8")
    shutil.chown(secret, user=a)
    os.chmod(secret, 0o600)
    # b plants the newest backup: a copy of a real one whose plan file is a link to a's file
    real = sorted(p for p in (office.folder / "backups").iterdir() if not p.name.startswith("."))[-1]
    planted = office.folder / "backups" / f"store-{datetime.now().strftime(STAMP)}"
    shutil.copytree(real, planted)
    (planted / "store.plans" / "p1.json").unlink()
    (planted / "store.plans" / "p1.json").symlink_to(secret)
    for path in [planted, *planted.rglob("*")]:
        os.lchown(path, pwd_uid(b), -1)
    proc = office.run(a, "restore", "1", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    for path in office.folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert b"PAYROLL-SECRET-42" not in path.read_bytes(), path


def test_history_names_the_real_user_and_undo_is_yours_alone(office: Office) -> None:
    a, b = office.a, office.b
    office.run(a, "import", "--key", "p1", str(plan_file("001")))
    office.run(a, "set", "p1.1", "doing")
    office.run(b, "set", "p1.1", "done", env={"DUBAN_USER": a, "USER": a, "LOGNAME": a})  # b poses as a
    entries = json.loads(office.run(a, "log", "p1.1", "--json").stdout)
    assert [(e["by"], e["name"]) for e in entries] == [(b, a), (a, None)], entries
    proc = office.run(a, "undo", check=False)
    assert proc.returncode == 2 and b in proc.stderr and "--force" in proc.stderr
    office.run(b, "undo", env={"DUBAN_USER": a})  # b takes back only b's own change
    shown = json.loads(office.run(a, "show", "p1.1", "--json").stdout)
    assert shown["status"] == "doing"


def pwd_uid(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid
