"""Benchmark: the command line's speed against a JSON-load baseline, measured in one run.

    python tests/bench.py [--sizes 1000,10000,50000] [--runs 7] [--out bench-results/cli.json]

Builds stores of 1,000, 10,000 and 50,000 items in 100 plans (copies of the five real
plans under new keys), then times, as separate processes with this interpreter:
  baseline      python -c "import json; json.load(open(STORE))", STORE being the same
                data as one JSON file (duban keeps an index and one file per plan)
  ls --unit X   duban ls --unit 区财政局 (piped)
  set           duban set ID doing
  report        duban report --format text (the annual summary)
and importing each real plan into a fresh store.  Prints medians and ratios to the
baseline.  Targets: ls ≤ 2.5× baseline, set ≤ 4× baseline at 10,000 items (issue 2);
report under 2 s at 10,000 items (issue 4).
Not a test: shared machines make timed tests flaky.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.importer import read_plan  # noqa: E402
from store.repository import Repository  # noqa: E402
from store.storage import AtomicJSONStorage  # noqa: E402

PLANS = ROOT.parent / "shared" / "plans"


def build_store(path: Path, size: int, plans: int = 100) -> Path:
    """A store of `size` items in `plans` plans, made of the real plans' items, in duban's
    layout (an index and one file per plan); returns the same data as one JSON file, the
    baseline's input."""
    sources = [read_plan(p, "x") for p in sorted(PLANS.glob("*.txt"))]
    per_plan = max(1, size // plans)
    plan_docs, item_docs = {}, {}
    for k in range(plans):
        src = sources[k % len(sources)]
        key = f"b{k + 1}"
        plan = src.plan.to_doc() | {"key": key, "title": f"{src.plan.title}·{k + 1}"}
        plan_docs[str(k + 1)] = plan
        for n in range(1, per_plan + 1):
            item = src.items[(n - 1) % len(src.items)].to_doc()
            item |= {"id": f"{key}.{n}", "plan": key, "n": n}
            item_docs[str(len(item_docs) + 1)] = item
    one_file = path.with_name(path.stem + "-one-file.json")
    AtomicJSONStorage(one_file).write({"plans": plan_docs, "items": item_docs})
    repo = Repository(path)
    for doc in plan_docs.values():
        items = {str(k): d for k, d in enumerate((d for d in item_docs.values() if d["plan"] == doc["key"]), 1)}
        AtomicJSONStorage(repo.plan_file(doc["key"])).write({"items": items})
    AtomicJSONStorage(path).write({"plans": plan_docs})
    return one_file


def timed(cmd: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def duban_cmd() -> list[str]:
    script = Path(sys.executable).with_name("duban")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


def bench_import_scaling(runs: int, sizes: tuple[int, ...] = (2000, 8000, 16000)) -> list[dict]:
    """Importer time against table size, in this process (issue 8 item 18: it was superlinear,
    8k rows 8 s, 16k rows 19 s).  Linear means ms per 1,000 rows stays flat."""
    from store.importer import parse_plan_text
    from tests.store.test_import_linear import tab_led_plan

    rows = []
    for size in sizes:
        text = tab_led_plan(size)
        samples = []
        for _ in range(max(1, runs // 2)):
            start = time.perf_counter()
            parse_plan_text(text, "bench.txt", "b")
            samples.append((time.perf_counter() - start) * 1000)
        ms = statistics.median(samples)
        rows.append({"rows": size, "ms": round(ms, 1), "ms_per_1000": round(ms * 1000 / size, 1)})
        print(f"  {size:>6} rows: {ms:8.1f} ms  ({ms * 1000 / size:.1f} ms per 1,000 rows)")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    duban = duban_cmd()
    work = Path(tempfile.mkdtemp(prefix="duban-bench-"))
    # An installed duban has its bytecode cached: let the runs write and use it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"NO_COLOR": "1", "XDG_CONFIG_HOME": str(work / "cfg"), "DUBAN_USER": "bench"}
    results = []
    try:
        print(f"interpreter: {sys.executable}\nduban: {' '.join(duban)}\nmedian of {args.runs} runs\n")
        print(f"{'items':>7}  {'MB':>5}  {'baseline':>9}  {'ls --unit':>10}  {'ratio':>6}  {'set':>8}  {'ratio':>6}"
              f"  {'report':>9}  {'ratio':>6}")
        for size in sizes:
            store = work / f"store-{size}.json"
            one_file = build_store(store, size)
            run_env = env | {"DUBAN_STORE": str(store)}
            base = timed([sys.executable, "-c", f"import json; json.load(open({str(one_file)!r}))"], run_env, args.runs)
            ls = timed(duban + ["ls", "--unit", "区财政局"], run_env, args.runs)
            st = timed(duban + ["set", "b1.1", "doing"], run_env, args.runs)
            rep = timed(duban + ["report", "--format", "text", "--as-of", "2021-11-01"], run_env, args.runs)
            mb = one_file.stat().st_size / 2**20
            results.append({"items": size, "mb": round(mb, 1), "baseline_ms": round(base, 1), "ls_ms": round(ls, 1),
                            "set_ms": round(st, 1), "ls_ratio": round(ls / base, 2), "set_ratio": round(st / base, 2),
                            "report_ms": round(rep, 1)})
            print(f"{size:>7}  {mb:>5.1f}  {base:>7.1f}ms  {ls:>8.1f}ms  {ls / base:>5.2f}×  {st:>6.1f}ms  {st / base:>5.2f}×"
                  f"  {rep:>7.1f}ms  {rep / base:>5.2f}×")
        imports = []
        for plan in sorted(PLANS.glob("*.txt")):
            store = work / "import.json"
            samples = []
            for _ in range(args.runs):
                store.unlink(missing_ok=True)
                start = time.perf_counter()
                subprocess.run(duban + ["import", str(plan)], env=env | {"DUBAN_STORE": str(store)},
                               stdout=subprocess.DEVNULL, check=True)
                samples.append((time.perf_counter() - start) * 1000)
            imports.append({"plan": plan.name, "ms": round(statistics.median(samples), 1)})
        print("\nimport (fresh store, whole command):")
        for entry in imports:
            print(f"  {entry['plan']}: {entry['ms']:.1f} ms")
        print("\nimporter scaling (TAB-led table, in process):")
        scaling = bench_import_scaling(args.runs)
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps({"stores": results, "imports": imports, "import_scaling": scaling}, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
