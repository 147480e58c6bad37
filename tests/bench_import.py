"""Benchmark: one `duban import` of many plan files, against `python -c pass`, in one run.

    python tests/bench_import.py [--files 100] [--items 100] [--runs 3] [--before CHECKOUT]

Writes `--files` plan files of `--items` items each (a plan's usual shape: main tasks,
work tasks, items with units and deadlines; each file another district's plan), then
times, as separate processes with this interpreter:
  baseline   python -c pass
  import     duban import FILE… into a fresh store (one command, one transaction, one backup)
  before     the same command from another checkout (e.g. a worktree of the previous
             commit), run as `python -m duban.tui.cli.main` there, interleaved with the runs above
Prints medians.  Target (issue 11 §7): 100 files, 10,000 items in ≤ 3 s.
Not a test: shared machines make timed tests flaky.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["序号", "主要任务", "工作任务", "具体事项", "牵头落实单位", "完成时限"]
UNITS = ["区财政局牵头，区政府各部门按职责分工负责", "区司法局牵头，各乡镇人民政府负责", "区政府办公室负责"]
DUES = ["6月底前", "9月30日前", "贯穿全年", "年底前"]
DIGITS = "零一二三四五六七八九"


def plan_text(number: int, items: int) -> str:
    """A plan of `items` items: 5 main tasks of 4 work tasks each, items spread over them."""
    region = "".join(DIGITS[int(d)] for d in str(number))
    lines = ["", f"青{region}区2021年政务公开工作要点任务清单", *[f"\t{h}" for h in HEADER], ""]
    per_work = max(1, items // 20)
    n = 0
    for main in range(5):
        for work in range(4):
            for k in range(per_work if (main, work) != (4, 3) else items - 19 * per_work):
                n += 1
                first = k == 0
                lines += [
                    f"\t{n}",
                    f"\t{DIGITS[main + 1]}、第{main + 1}项主要任务" if first and work == 0 else "\t",
                    f"\t（{DIGITS[work + 1]}）第{work + 1}项工作任务" if first else "\t",
                    f"\t{k + 1}．第{number}份方案第{n}个事项：公开本年度第{n}批政策文件并同步发布解读材料。",
                    f"\t{UNITS[n % len(UNITS)]}",
                    f"\t{DUES[n % len(DUES)]}",
                    "",
                ]
    return "\n".join(lines) + "\n"


def duban_cmd() -> list[str]:
    script = Path(sys.executable).with_name("duban")
    return [str(script)] if script.exists() else [sys.executable, "-m", "duban.tui.cli.main"]


def once(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def split(files: list[str], store: Path, runs: int) -> tuple[float, float]:
    """The command's two halves in this process: parsing every file, then the one transaction."""
    import copy

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from duban.store.import_tx import ImportRequest
    from duban.store.importer import read_plan
    from duban.store.repository import Repository

    start = time.perf_counter()
    results = [read_plan(Path(f), "p") for f in files]
    parse = time.perf_counter() - start
    samples = []
    for _ in range(runs):
        shutil.rmtree(store.parent, ignore_errors=True)
        requests = [ImportRequest(r, f) for r, f in zip(copy.deepcopy(results), files)]
        start = time.perf_counter()
        Repository(store).import_plans(requests)
        samples.append(time.perf_counter() - start)
    return parse, statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--items", type=int, default=100, help="items per file")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a checkout to time beside this one (python -m duban.tui.cli.main there)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="duban-bench-import-"))
    try:
        files = []
        for k in range(1, args.files + 1):
            # Distinct names: the code before this one took files of one name for one plan.
            path = work / "plans" / f"附件{k:03d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(plan_text(k, args.items), encoding="utf-8")
            files.append(str(path))
        store = work / "store" / "store.json"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "XDG_"))}
        env |= {"NO_COLOR": "1", "XDG_CONFIG_HOME": str(work / "cfg"), "DUBAN_USER": "bench",
                "DUBAN_STORE": str(store)}

        def fresh() -> None:
            shutil.rmtree(store.parent, ignore_errors=True)

        samples: dict[str, list[float]] = {"base": [], "now": [], "before": []}
        for _ in range(args.runs):
            samples["base"].append(once([sys.executable, "-c", "pass"], env))
            fresh()
            samples["now"].append(once(duban_cmd() + ["import", *files], env))
            if args.before:
                fresh()
                old = (["-c", "import sys; from tui.cli import main; sys.exit(main())"]  # the layout before duban.*
                       if (args.before / "tui" / "cli.py").exists() else ["-m", "duban.tui.cli.main"])
                samples["before"].append(once([sys.executable, *old, "import", *files], env, args.before))
        base, took = statistics.median(samples["base"]), statistics.median(samples["now"])
        total = args.files * args.items
        verdict = "PASS" if args.files == 100 and args.items == 100 and took <= 3.0 else "FAIL"
        print(f"interpreter: {sys.executable}\nmedian of {args.runs} runs")
        print(f"python -c pass: {base * 1000:.0f} ms")
        print(f"import {args.files} files, {total} items: {took:.2f} s ({took / base:.0f}× baseline)"
              + (f"  target ≤ 3 s: {verdict}" if (args.files, args.items) == (100, 100) else ""))
        if samples["before"]:
            then = statistics.median(samples["before"])
            print(f"  before ({args.before}): {then:.2f} s; now/before {took / then:.2f}×")
        parse, store_side = split(files, store, args.runs)
        print(f"  of which, in-process: reading the files {parse:.2f} s, the store (one transaction) {store_side:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
