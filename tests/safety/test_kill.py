"""A writer killed with SIGKILL at random moments never leaves a store that fails to
load, and loses at most the one write in flight."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from duban.store.importer import read_plan
from duban.store.repository import Repository
from tests.conftest import plan_file

pytestmark = pytest.mark.slow  # many processes writing at once: slow by nature

KILLS = 200


def _writer(store: str, start: int, acks) -> None:  # noqa: ANN001 - a Connection
    """Write numbered notes forever; acknowledge each one once it is on disk."""
    repo = Repository(Path(store), user="victim")
    n = start
    while True:
        repo.add_note(f"p1.{1 + n % 30}", f"kill#{n}")
        acks.send(n)
        n += 1


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    Repository(store, user="import").import_plan(read_plan(plan_file("003"), "p1"))
    ctx = multiprocessing.get_context("fork")  # the child starts with the modules loaded: ~ms a start
    rng = random.Random(20211101)
    acked: set[int] = set()
    next_n = 0
    started = time.perf_counter()
    for _ in range(KILLS):
        reader, writer = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_writer, args=(str(store), next_n, writer), daemon=True)
        child.start()
        writer.close()
        time.sleep(rng.uniform(0.002, 0.040))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        while reader.poll():
            try:
                acked.add(reader.recv())
            except EOFError:
                break
        reader.close()
        snapshot = Repository(store).load()  # never fails to load
        written = {int(h.note.split("#")[1]) for i in snapshot.items for h in i.history
                   if h.note and h.note.startswith("kill#")}
        assert acked <= written, "an acknowledged write was lost"
        assert len(written - acked) <= 1, "only the write in flight may land unacknowledged"
        acked = written  # the one in flight, if it landed, is kept
        next_n = max(written, default=-1) + 1
    Repository(store).add_note("p1.1", "after the kills")  # the next writer cleans up
    assert [p for p in tmp_path.rglob("*.tmp")] == [] and [p for p in tmp_path.rglob("*.partial")] == []
    assert len(Repository(store).backups()) == 20
    print(f"\n{KILLS} kills survived in {time.perf_counter() - started:.1f} s; {len(acked)} writes on disk")
