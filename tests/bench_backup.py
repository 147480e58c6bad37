"""Benchmark: what a write session pays for its backup, beside a JSON-load baseline.

    python tests/bench_backup.py [--size 50000] [--plans 100] [--runs 9]

Builds a store of SIZE items in PLANS plans (tests/bench.py's store) with 20 backups
already beside it, then times, in this process:
  baseline      json.load of every store file (tests/bench.py's baseline)
  backup        the backup inside a real write session (Repository.set_status): the
                plan file being replaced and the unchanged files linked, pruning by names
  whole copy    what backups cost before: every file copied, every old backup listed
                and measured (rglob + stat) to prune
Prints medians.  Not a test: shared machines make timed tests flaky.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duban.store.backups import Retention, backups_dir, take_backup  # noqa: E402
from duban.store.repository import Repository  # noqa: E402
from tests.bench import build_store  # noqa: E402


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def whole_copy(store: Path, plans_dir: Path, target: Path) -> None:
    """The old way, for the ratio: copy everything, then list and measure every backup."""
    target.mkdir(parents=True)
    shutil.copy2(store, target / store.name)
    (target / plans_dir.name).mkdir()
    for src in plans_dir.glob("*.json"):
        shutil.copy2(src, target / plans_dir.name / src.name)
    for folder in target.parent.glob(f"{store.stem}-*"):
        sum(p.stat().st_size for p in folder.rglob("*.json"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--plans", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="duban-bench-backup-") as tmp:
        store = Path(tmp) / "store.json"
        files = build_store(store, args.size, args.plans)  # the index first, then every plan's file
        repo = Repository(store, user="bench")
        for _ in range(20):
            take_backup(store, repo.plans_dir, Retention(20, 14))
            time.sleep(0.001)
        base, new, old = [], [], []
        take = Repository._backup

        def timed_backup(self: Repository, *args: object, **kwargs: object) -> None:
            start = time.perf_counter()
            take(self, *args, **kwargs)
            new.append(time.perf_counter() - start)

        Repository._backup = timed_backup  # type: ignore[method-assign]
        for run in range(args.runs):
            start = time.perf_counter()
            for path in files:
                with open(path, "rb") as fh:
                    json.load(fh)
            base.append(time.perf_counter() - start)
            repo = Repository(store, user="bench", retention=Retention(20, 14))
            repo.set_status([f"b{run % args.plans + 1}.1"], "doing")  # a write session and its backup
            start = time.perf_counter()
            whole_copy(store, repo.plans_dir, Path(tmp) / "old" / f"{store.stem}-{run}")
            old.append(time.perf_counter() - start)
        size = sum(p.stat().st_size for p in [store, *repo.plans_dir.glob("*.json")]) // 1024
        folders = len([p for p in backups_dir(store).iterdir() if not p.name.startswith(".")])
        print(f"{args.size} items, {size} KB in {1 + len(list(repo.plans_dir.glob('*.json')))} files, "
              f"{folders} backups kept, median of {args.runs}:")
        print(f"  baseline json.load   {median_ms(base):8.1f} ms")
        print(f"  backup (new)         {median_ms(new):8.1f} ms   {median_ms(new) / median_ms(base):5.2f}× baseline")
        print(f"  whole copy (before)  {median_ms(old):8.1f} ms   {median_ms(old) / median_ms(base):5.2f}× baseline")


if __name__ == "__main__":
    main()
