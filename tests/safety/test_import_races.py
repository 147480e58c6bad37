"""Imports at once, imports that must ask, and an index that is gone: the store is never
overwritten by a guess (issue 8 items 1, 2 and 4; issue 11 §1 and §7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from duban.store.importer import read_plan
from duban.store.repository import Repository
from duban.store.storage import AtomicJSONStorage, StoreError
from tests.conftest import ROOT, plan_file
from tests.safety.writers import clean_env

TRIALS = 12
# Each process imports its plan into store-<k> for k = 0, 1, …, waiting at a file barrier
# so that both start each trial together: the race is between two whole commands.
IMPORTER = r"""
import os, sys, time
from pathlib import Path
from duban.tui.cli.main import main
folder, tag, plan, trials = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.stdout = open(os.devnull, "w")
for k in range(trials):
    (folder / f"ready-{k}-{tag}").touch()
    deadline = time.monotonic() + 60
    while len(list(folder.glob(f"ready-{k}-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.001)
    rc = main(["--store", str(folder / f"store-{k}" / "store.json"), "import", plan])
    if rc != 0:
        sys.exit(f"{tag}: import {k} exited {rc}")
"""


def test_two_new_plans_imported_at_once_never_share_a_key(tmp_path: Path) -> None:
    one = plan_file("001")
    # The same shape and size (so both reach the store together), another county's plan.
    other = tmp_path / "plans" / "附件1.txt"
    other.parent.mkdir()
    other.write_text(one.read_text(encoding="utf-8").replace("云阳县", "奉节县"), encoding="utf-8")
    env = clean_env(tmp_path) | {"DUBAN_USER": "importer"}
    procs = [subprocess.Popen([sys.executable, "-c", IMPORTER, str(tmp_path), tag, str(plan), str(TRIALS)],
                              cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
             for tag, plan in (("a", one), ("b", other))]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    for k in range(TRIALS):
        snap = Repository(tmp_path / f"store-{k}" / "store.json").load()
        assert sorted(p.key for p in snap.plans) == ["p1", "p2"], f"trial {k}: {[p.key for p in snap.plans]}"
        assert sorted(p.region for p in snap.plans) == ["云阳县", "奉节县"], f"trial {k}"
        assert len(snap.items) == 72, f"trial {k}: a plan was overwritten"


def test_threads_with_their_own_repository_never_share_a_key(tmp_path: Path) -> None:
    """The repository is the door: key and decision are made under its lock, whoever calls."""
    import copy
    import threading

    one = read_plan(plan_file("001"), "p1")
    other = read_plan(plan_file("002"), "p1")
    for k in range(40):
        store = tmp_path / f"store-{k}" / "store.json"
        start = threading.Barrier(2)
        failures: list[BaseException] = []

        def run(result, store=store, start=start) -> None:  # noqa: ANN001
            try:
                start.wait()
                Repository(store, user="importer").import_plan(result)
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)

        threads = [threading.Thread(target=run, args=(copy.deepcopy(r),)) for r in (one, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not failures, failures
        snap = Repository(store).load()
        assert sorted(p.key for p in snap.plans) == ["p1", "p2"] and len(snap.items) == 36 + 52, f"trial {k}"


@pytest.fixture
def run(cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # noqa: ANN201
    """The command line in-process (its contract is output and exit status, not a new interpreter)."""
    from duban.tui.cli.main import main

    for name in [k for k in os.environ if k.startswith(("DUBAN_", "XDG_"))]:
        monkeypatch.delenv(name)
    for name, value in (cli_env | {"DUBAN_LANG": "en"}).items():
        monkeypatch.setenv(name, value)

    def duban(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["duban", *args], code, out, err)

    return duban


def _files(store: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in store.parent.rglob("*") if p.is_file() and ".lock" not in p.name}


def test_a_doubtful_import_asks_in_one_line_and_leaves_the_store_alone(run, store_path: Path, tmp_path: Path) -> None:
    assert run("import", str(plan_file("000"))).returncode == 0
    text = plan_file("000").read_text(encoding="utf-8").replace("红塔区2021年政务公开工作要点任务清单", "政务公开重点任务")
    for item in read_plan(plan_file("000"), "x").items[::2]:
        first = item.text.split("\n")[0]
        if len(first) > 12:
            text = text.replace(first[:12], "改写" + first[2:12], 1)
    doubtful = tmp_path / "附件1.txt"
    doubtful.write_text(text, encoding="utf-8")
    before = _files(store_path)
    proc = run("import", str(doubtful))
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "plan p1" in lines[0] and "--into p1" in lines[0] and "--new" in lines[0], proc.stderr
    assert _files(store_path) == before, "nothing written, not even a backup"
    # With another file that is clearly new, that one is imported and the doubtful one still asks.
    proc = run("import", str(doubtful), str(plan_file("003")))
    assert proc.returncode == 2 and "→ plan p2" in proc.stdout and "--into p1" in proc.stderr
    assert "re-imported" in run("import", "--into", "p1", str(doubtful)).stdout
    assert "→ plan p3" in run("import", "--new", str(doubtful)).stdout
    proc = run("import", "--into", "p1", "--new", str(doubtful))
    assert proc.returncode == 2 and "not allowed with" in proc.stderr


def test_many_files_are_one_transaction(store_path: Path, tmp_path: Path, monkeypatch) -> None:
    """The index is written once for all files (and one backup taken), not once per file."""
    from duban.tui.cli.main import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert main(["--store", str(store_path), "import", str(plan_file("000"))]) == 0
    writes: list[Path] = []
    real_write = AtomicJSONStorage.write

    def counting(self: AtomicJSONStorage, data: dict) -> None:
        writes.append(self.path)
        real_write(self, data)

    monkeypatch.setattr(AtomicJSONStorage, "write", counting)
    files = [str(plan_file(p)) for p in ("001", "002", "003", "004")]
    assert main(["--store", str(store_path), "import", *files]) == 0
    assert writes.count(store_path) == 1 and len(writes) == 5
    assert len(list((store_path.parent / "backups").iterdir())) == 1
    assert [p.key for p in Repository(store_path).load().plans] == ["p1", "p2", "p3", "p4", "p5"]


@pytest.mark.parametrize("damage", ["empty", "blank", "missing"])
def test_an_index_gone_while_plan_files_exist_is_damage(run, store_path: Path, damage: str) -> None:
    assert run("import", str(plan_file("000")), str(plan_file("001"))).returncode == 0
    {"empty": lambda: store_path.write_bytes(b""), "blank": lambda: store_path.write_text(" \n\t\n"),
     "missing": store_path.unlink}[damage]()
    before = _files(store_path)
    for args in (["import", str(plan_file("002"))], ["ls"], ["set", "p1.1", "done"]):
        proc = run(*args)
        assert proc.returncode == 2, (args, proc.stdout)
        first = proc.stderr.splitlines()[0]
        assert str(store_path) in first and "damaged" in first and "Traceback" not in proc.stderr
    assert _files(store_path) == before


def test_a_backup_with_an_empty_index_does_not_pass_restores_check(run, store_path: Path) -> None:
    assert run("import", str(plan_file("000"))).returncode == 0
    assert run("set", "p1.1", "done").returncode == 0  # backup 1: the store as imported
    backup = Repository(store_path).backups()[0]
    (backup.path / store_path.name).write_bytes(b"")
    before = _files(store_path)
    proc = run("restore", "1")
    assert proc.returncode == 2 and "cannot restore this backup" in proc.stderr and "empty" in proc.stderr
    assert {p: b for p, b in _files(store_path).items() if "backups" not in p.parts} == \
        {p: b for p, b in before.items() if "backups" not in p.parts}
    with pytest.raises(StoreError, match="damaged"):
        Repository(backup.path / store_path.name).load()


def test_another_plan_under_the_same_file_name_is_imported_beside_it(run, tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "附件1.txt", tmp_path / "b" / "附件1.txt"
    for path, source in ((a, "000"), (b, "004")):
        path.parent.mkdir()
        path.write_text(plan_file(source).read_text(encoding="utf-8"), encoding="utf-8")
    assert run("import", str(a)).returncode == 0
    assert run("set", "p1.5", "done", "--note", "已公开").returncode == 0
    proc = run("import", str(b))
    assert proc.returncode == 0 and "→ plan p2" in proc.stdout
    shown = run("show", "p1.5").stdout
    assert "已公开" in shown and "区发展和改革局" in shown
    assert "已公开" not in run("show", "p2.5").stdout


def test_a_reader_during_the_first_import_waits_for_the_index(tmp_path: Path) -> None:
    """The first commit writes plan files, then the index: a reader in between is not told
    the store is damaged; it waits for the writer's lock and reads the store whole."""
    import threading
    import time

    from duban.store.storage import store_lock

    store = tmp_path / "store.json"
    Repository(store).import_plan(read_plan(plan_file("001"), "p1"))
    index = store.read_bytes()
    store.unlink()  # as it is between the first commit's two steps
    holding = threading.Event()

    def writer() -> None:  # the lock is held and released by one thread
        lock = store_lock(store, 10)
        with lock:
            holding.set()
            time.sleep(0.3)
            store.write_bytes(index)

    finish = threading.Thread(target=writer)
    finish.start()
    try:
        holding.wait(10)
        assert len(Repository(store).load().items) == 36
    finally:
        finish.join()
    store.unlink()  # no writer now: missing is damage
    with pytest.raises(StoreError, match="damaged"):
        Repository(store, lock_timeout=1).load()


def test_a_write_session_that_changes_nothing_takes_no_backup_slot(run, store_path: Path) -> None:
    assert run("import", str(plan_file("001"))).returncode == 0
    assert run("set", "p1.1", "doing").returncode == 0
    backups = Repository(store_path).backups()
    for failing in (["set", "p1.1", "p9.9", "done"], ["import", "--into", "p7", str(plan_file("002"))]):
        assert run(*failing).returncode == 2
    assert Repository(store_path).backups() == backups
