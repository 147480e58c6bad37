"""Several writers at once, from the command line and from the app: nothing is lost."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from duban.store.importer import read_plan
from duban.store.repository import Repository
from duban.tui.app.app import make_app
from duban.tui.settings.config import load_settings
from tests.conftest import ROOT, plan_file
from tests.safety.writers import clean_env, run_writers
from tests.tui.conftest import TODAY

pytestmark = pytest.mark.slow  # many processes writing at once: slow by nature

IDS = [f"p1.{n}" for n in range(1, 9)]  # eight items every writer touches
NOTE = re.compile(r"^(w\d)#(\d+)$")
WRITES = 120  # each: 480 contended writes on eight items (1,000 took 30 s of the suite; 480 still interleave on every item)


def _entries(store: Path) -> dict[str, list[tuple[str, int]]]:
    """Per writer: (time, sequence number) of every history entry it left."""
    per: dict[str, list[tuple[str, int]]] = {}
    for item in Repository(store).load().items:
        for h in item.history:
            m = NOTE.match(h.note or "")
            if m:
                per.setdefault(m.group(1), []).append((h.at, int(m.group(2))))
    return per


def patient(tmp_path: Path) -> None:
    """Writers that wait up to a minute for the lock: on a machine busy with other work a turn
    can take longer than the default 10 s, and a writer that gives up is not what is tested."""
    config = tmp_path / "config" / "duban" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("lock_timeout = 60\n", encoding="utf-8")


def test_four_command_line_writers_lose_nothing(tmp_path: Path) -> None:
    patient(tmp_path)
    store = tmp_path / "store.json"
    Repository(store, user="import").import_plan(read_plan(plan_file("001"), "p1"))
    seconds = run_writers(store, ["w1", "w2", "w3", "w4"], WRITES, IDS, clean_env(tmp_path))
    per = _entries(store)
    assert sorted(per) == ["w1", "w2", "w3", "w4"]
    assert sum(len(v) for v in per.values()) == 4 * WRITES
    for tag, entries in per.items():
        assert sorted(n for _, n in entries) == list(range(WRITES)), f"{tag} lost a write"
        in_time = [n for _, n in sorted(entries)]
        assert in_time == sorted(in_time), f"{tag}'s changes are out of order"
    for item in Repository(store).load().items:
        if item.history:
            # History is appended in the order writes were committed: the status is the last one.
            assert [h.at for h in item.history] == sorted(h.at for h in item.history)
            assert item.status == item.history[-1].to
    print(f"\n4 writers × {WRITES} changes: {4 * WRITES / seconds:.0f} writes/s ({seconds:.1f} s)")


async def test_the_app_and_command_line_writers_together(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("DUBAN_USER", "app")
    patient(tmp_path)
    store = tmp_path / "store.json"
    Repository(store, user="import").import_plan(read_plan(plan_file("001"), "p1"))
    env = clean_env(tmp_path)
    writers = subprocess.Popen(
        [sys.executable, "-c", "from tests.safety.writers import run_writers, clean_env; import sys, pathlib;"
         f"run_writers(pathlib.Path({str(store)!r}), ['w1', 'w2'], 100, {IDS!r}, clean_env(pathlib.Path({str(tmp_path)!r})))"],
        cwd=ROOT, env=env)
    app = make_app(load_settings(store=str(store)), today=TODAY)
    presses = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while writers.poll() is None or presses < 20:
            await pilot.press("s")  # s cycles the status (space only opens and closes: issue 9.10)
            presses += 1
            await pilot.pause(0.02)
    assert writers.wait(timeout=120) == 0
    items = Repository(store).load().items
    by_app = sum(1 for i in items for h in i.history if h.name == "app")  # DUBAN_USER: a display name
    # A press that set the status a writer had just set changes nothing and is not recorded
    # (issue 9): every change the app made, and only those, is in the history.
    assert by_app == sum(len(step) for step in app.state.undo_stack) and 0 < by_app <= presses
    per = _entries(store)
    assert sorted(n for _, n in per["w1"]) == list(range(100)) and sorted(n for _, n in per["w2"]) == list(range(100))
    assert all(i.status == i.history[-1].to for i in items if i.history)
