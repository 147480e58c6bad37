"""Writer processes for the concurrency test and the benchmark: each makes status
changes and progress notes through the command line's own entry point, in-process, so
a thousand changes do not pay a thousand interpreter start-ups."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

WRITER = r"""
import os, sys
from duban.tui.cli.main import main
store, tag, count, ids = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
os.environ["DUBAN_USER"] = tag
statuses = ["doing", "done", "blocked", "todo"]
sys.stdout = open(os.devnull, "w")
for n in range(count):
    item = ids[(n * 7 + len(tag)) % len(ids)]
    if n % 2:
        rc = main(["--store", store, "note", item, f"{tag}#{n}"])
    else:
        rc = main(["--store", store, "set", item, statuses[n % 4], "--note", f"{tag}#{n}"])
    if rc != 0:
        sys.exit(f"{tag}: write {n} failed")
"""


def run_writers(store: Path, tags: list[str], count: int, ids: list[str], env: dict[str, str]) -> float:
    """Start one process per tag, wait for all; the seconds it took."""
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(store), tag, str(count), ",".join(ids)],
                              cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) for tag in tags]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    return time.perf_counter() - start


def clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "XDG_"))}
    env.update(XDG_CONFIG_HOME=str(tmp / "config"), XDG_DATA_HOME=str(tmp / "data"), XDG_CACHE_HOME=str(tmp / "cache"))
    return env
