"""Benchmark: the command line's speed at every size, beside baselines measured in the same run.

    python tests/bench.py [--sizes 1000,10000,50000] [--runs 7] [--only ls,set] [--out bench-results/cli.json]

Builds stores of 1,000, 10,000 and 50,000 items in 100 plans (copies of the five real
plans under new keys, in duban's layout: an index and one file per plan), then times
each command as a separate process with this interpreter (run it with the venv's).
The runs are interleaved (one of each command per round) so that a shared machine's
load falls on every figure alike; each figure is the median of the rounds, and each
is given as a ratio to two baselines measured in the same rounds:
  python        python -c pass (the interpreter's own start-up)
  json          python -c "json.load every store file" (the index and every plan file)
Commands:
  ls --unit     duban ls --unit 区财政局 (piped)          ls --unit --json (the same, as JSON)
  ls            duban ls (every item, piped)               units   duban units (piped)
  set           duban set b1.1 doing|todo (a write)        report  duban report --format text
  detail        duban report --detail --format text, with its peak RSS
Targets (issue 8 item 18 at 50,000 items): ls --unit ≤ 1 s, ls ≤ 2 s, report ≤ 2 s,
report --detail ≤ 6 s and ≤ 400 MB, set ≤ 250 ms.  Issue 11 §7: at 1,000 items
ls --unit --json and set ≤ 2.5× python; at 10,000 and 50,000 ls ≤ 2× json; units
linear in the items (its ms per 1,000 items is printed).
Not a test: shared machines make timed tests flaky.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duban.store.importer import read_plan  # noqa: E402
from duban.store.repository import Repository  # noqa: E402
from duban.store.storage import AtomicJSONStorage  # noqa: E402

PLANS = ROOT.parent / "shared" / "plans"
UNIT = "区财政局"
AS_OF = "2021-11-01"
# 50,000-item targets (issue 8 item 18), in ms; and ratio targets (issue 11 §7).
TARGETS_MS = {"ls_unit": 1000, "ls": 2000, "report": 2000, "detail": 6000, "set": 250}
DETAIL_MB = 400


def build_store(path: Path, size: int, plans: int = 100) -> list[Path]:
    """A store of `size` items in `plans` plans, made of the real plans' items; returns
    every file of it (the index first), the JSON baseline's input."""
    sources = [read_plan(p, "x") for p in sorted(PLANS.glob("*.txt"))]
    per_plan = max(1, size // plans)
    repo = Repository(path)
    plan_docs = {}
    files = [path]
    for k in range(plans):
        src = sources[k % len(sources)]
        key = f"b{k + 1}"
        plan_docs[str(k + 1)] = src.plan.to_doc() | {"key": key, "title": f"{src.plan.title}·{k + 1}"}
        items = {}
        for n in range(1, per_plan + 1):
            item = src.items[(n - 1) % len(src.items)].to_doc()
            items[str(n)] = item | {"id": f"{key}.{n}", "plan": key, "n": n}
        AtomicJSONStorage(repo.plan_file(key)).write({"items": items})
        files.append(repo.plan_file(key))
    AtomicJSONStorage(path).write({"plans": plan_docs})
    return files


def run_once(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall time (ms) and peak RSS (MB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    err = proc.stderr.read() if proc.stderr else b""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}\n{err.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024


def before_main(checkout: Path) -> list[str]:
    """How to run another checkout's duban from its folder (the layout before duban.* had tui.cli)."""
    if (checkout / "tui" / "cli.py").exists():
        return [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]
    return [sys.executable, "-c", "import sys; from duban.tui.cli.main import main; sys.exit(main())"]


def before_folder(checkout: Path, work: Path) -> Path:
    """The folder to run another checkout's duban from.  Under duban.* its folders are a
    package only once installed: a folder `duban` of links to them, first on sys.path (the
    current folder), stands in for the install (else this venv's own duban would run)."""
    if (checkout / "tui" / "cli.py").exists():
        return checkout
    root = work / "before"
    (root / "duban").mkdir(parents=True, exist_ok=True)
    for name in ("store", "tui", "keymaps", "themes"):
        link = root / "duban" / name
        if not link.exists():
            link.symlink_to(checkout / name, target_is_directory=True)
    return root


def duban_cmd() -> list[str]:
    script = Path(sys.executable).with_name("duban")
    return [str(script)] if script.exists() else [sys.executable, "-m", "duban.tui.cli.main"]


def commands(duban: list[str], files: list[Path]) -> dict[str, list[list[str]]]:
    """Each measured command; a list of variants taken in turn (set alternates its status)."""
    load_all = "import json,sys\nfor f in sys.argv[1:]:\n    with open(f, 'rb') as fh: json.load(fh)"
    return {
        "python": [[sys.executable, "-c", "pass"]],
        "json": [[sys.executable, "-c", load_all, *map(str, files)]],
        "ls_unit": [duban + ["ls", "--unit", UNIT, "--as-of", AS_OF]],
        "ls_unit_json": [duban + ["ls", "--unit", UNIT, "--json", "--as-of", AS_OF]],
        "ls": [duban + ["ls", "--as-of", AS_OF]],
        "units": [duban + ["units", "--as-of", AS_OF]],
        "set": [duban + ["set", "b1.1", "doing"], duban + ["set", "b1.1", "todo"]],
        "report": [duban + ["report", "--format", "text", "--as-of", AS_OF]],
        "detail": [duban + ["report", "--detail", "--format", "text", "--as-of", AS_OF]],
    }


def targets_of(size: int, name: str, fig: dict[str, float], py: float, js: float) -> list[tuple[str, bool]]:
    """The targets that apply to one figure: (what, met)."""
    out = []
    ms = fig["ms"]
    if size == 50000 and name in TARGETS_MS:
        out.append((f"≤ {TARGETS_MS[name]} ms ({ms:.0f})", ms <= TARGETS_MS[name]))
        if name == "detail":
            out.append((f"≤ {DETAIL_MB} MB ({fig['mb']:.0f})", fig["mb"] <= DETAIL_MB))
    if size == 1000 and name in ("ls_unit_json", "set"):
        out.append((f"≤ 2.5×py ({ms / py:.2f}×)", ms <= 2.5 * py))
    if size >= 10000 and name == "ls":
        out.append((f"≤ 2×json ({ms / js:.2f}×)", ms <= 2 * js))
    return out


def units_linear(results: list[dict]) -> list[tuple[str, bool]]:
    """`units` linear in the items: its time above the interpreter's start-up grows no
    faster than the items (a quarter of slack for a shared machine), size to size."""
    rows = [r for r in results if "units" in r and "python" in r]
    out = []
    for small, big in zip(rows, rows[1:]):
        grow = (big["units"]["ms"] - big["python"]["ms"]) / max(1e-9, small["units"]["ms"] - small["python"]["ms"])
        items = big["items"] / small["items"]
        out.append((f"units linear {small['items']:,} → {big['items']:,} items: {grow:.2f}× the time for "
                    f"{items:.0f}× the items (≤ {1.25 * items:.2f}×)", grow <= 1.25 * items))
    return out


def measure(cmds: dict[str, list[list[str]]], env: dict[str, str], runs: int,
            cwds: dict[str, Path] | None = None) -> dict[str, dict[str, float]]:
    """Interleaved rounds: each command once per round; medians of time and peak RSS."""
    cwds = cwds or {}
    times: dict[str, list[float]] = {name: [] for name in cmds}
    rss: dict[str, list[float]] = {name: [] for name in cmds}
    for name, variants in cmds.items():  # warm the caches (and write bytecode)
        run_once(variants[0], env, cwds.get(name))
    for r in range(runs):
        for name, variants in cmds.items():
            ms, mb = run_once(variants[r % len(variants)], env, cwds.get(name))
            times[name].append(ms)
            rss[name].append(mb)
    return {name: {"ms": statistics.median(times[name]), "mb": statistics.median(rss[name])} for name in cmds}


def bench_import_scaling(runs: int, sizes: tuple[int, ...] = (2000, 8000, 16000)) -> list[dict]:
    """Importer time against table size, in this process (issue 8 item 18: it was superlinear,
    8k rows 8 s, 16k rows 19 s).  Linear means ms per 1,000 rows stays flat."""
    from duban.store.importer import parse_plan_text
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
    parser.add_argument("--only", help="comma-separated commands to time (baselines always run)")
    parser.add_argument("--imports", action="store_true", help="also time importing each real plan")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="also time another checkout's duban in the same rounds (its commands named old:…); "
                             "both then run as python -c 'from duban.tui.cli.main import main' from their own folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    duban = duban_cmd()
    run_main = [sys.executable, "-c", "import sys; from duban.tui.cli.main import main; sys.exit(main())"]
    if args.before:
        duban = run_main
    work = Path(tempfile.mkdtemp(prefix="duban-bench-"))
    # An installed duban has its bytecode cached: let the runs write and use it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"NO_COLOR": "1", "XDG_CONFIG_HOME": str(work / "cfg"), "XDG_CACHE_HOME": str(work / "cache"),
            "XDG_DATA_HOME": str(work / "data"), "DUBAN_USER": "bench", "COLUMNS": "100"}
    results = []
    verdicts: list[tuple[str, bool]] = []
    try:
        floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"interpreter: {sys.executable}\nduban: {' '.join(duban)}\nmedian of {args.runs} interleaved runs; "
              f"×py = ratio to python -c pass, ×json = ratio to loading every store file\n"
              f"peak RSS (MB) is at least this script's own, {floor:.0f} MB: Linux keeps a parent's peak "
              f"across fork and exec\n")
        for size in sizes:
            store = work / f"store-{size}" / "store.json"
            files = build_store(store, size)
            mb_store = sum(f.stat().st_size for f in files) / 2**20
            cmds = commands(duban, files)
            if args.only:
                keep = {"python", "json", *args.only.split(",")}
                cmds = {k: v for k, v in cmds.items() if k in keep}
            cwds = {name: ROOT for name in cmds}
            if args.before:
                old = commands(before_main(args.before), files)
                # Another item: a set of the item just set to the same status would change nothing.
                old["set"] = [[*cmd[:-2], "b1.2", cmd[-1]] for cmd in old["set"]]
                for name in list(cmds):
                    if name not in ("python", "json"):
                        cmds[f"old:{name}"] = old[name]
                        cwds[f"old:{name}"] = before_folder(args.before.resolve(), work)
            got = measure(cmds, env | {"DUBAN_STORE": str(store)}, args.runs, cwds)
            py, js = got["python"]["ms"], got["json"]["ms"]
            row = {"items": size, "store_mb": round(mb_store, 1)}
            print(f"{size:,} items ({mb_store:.1f} MB in {len(files)} files)")
            for name, fig in got.items():
                row[name] = {"ms": round(fig["ms"], 1), "x_python": round(fig["ms"] / py, 2),
                             "x_json": round(fig["ms"] / js, 2), "peak_mb": round(fig["mb"], 1)}
                target = ""
                if name.startswith("old:"):
                    name_now = name[4:]
                    if name_now in got:
                        target = f"  now {got[name_now]['ms'] / fig['ms']:.2f}× of this"
                else:
                    for text, ok in targets_of(size, name, fig, py, js):
                        target += f"  {text}: {'PASS' if ok else 'FAIL'}"
                        verdicts.append((f"{size:,} items {name} {text}", ok))
                if name in ("units", "old:units"):
                    target += f"  {fig['ms'] / size * 1000:.1f} ms per 1,000 items"
                print(f"  {name:<17}{fig['ms']:>8.1f} ms {fig['ms'] / py:>6.2f}×py {fig['ms'] / js:>6.2f}×json"
                      f"  {fig['mb']:>6.1f} MB{target}")
            results.append(row)
            print()
        verdicts += units_linear(results)
        if verdicts:
            print("targets:")
            for text, ok in verdicts:
                print(f"  {'PASS' if ok else 'FAIL'}  {text}")
            print(f"  {sum(ok for _, ok in verdicts)} of {len(verdicts)} met\n")
        imports = []
        if args.imports:
            for plan in sorted(PLANS.glob("*.txt")):
                store = work / "import" / "store.json"
                samples = []
                for _ in range(args.runs):
                    shutil.rmtree(store.parent, ignore_errors=True)
                    ms, _ = run_once(duban + ["import", str(plan)], env | {"DUBAN_STORE": str(store)})
                    samples.append(ms)
                imports.append({"plan": plan.name, "ms": round(statistics.median(samples), 1)})
            print("import (fresh store, whole command):")
            for entry in imports:
                print(f"  {entry['plan']}: {entry['ms']:.1f} ms")
        structured = bench_structured_imports(work, duban, env, args.runs) if args.imports else []
        scaling = []
        if args.imports:
            print("\nimporter scaling (TAB-led table, in process):")
            scaling = bench_import_scaling(args.runs)
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps({"stores": results, "imports": imports, "structured": structured,
                                            "import_scaling": scaling}, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def bench_structured_imports(work: Path, duban: list[str], env: dict[str, str], runs: int) -> list[dict]:
    """`duban import` of one 100-item plan as .docx, .xlsx and TAB text (target: within 1 s)."""
    from tests.store import formats_writers as w
    from tests.store.formats_sample import sheet

    plan = sheet()
    rows = [r for r in plan.rows if isinstance(r, list)]
    plan.rows = [[str(k * len(rows) + i + 1)] + r[1:] for k in range(13) for i, r in enumerate(rows)][:100]
    files = [w.write_docx(plan, work / "plan100.docx"), w.write_xlsx(plan, work / "plan100.xlsx"),
             w.write_csv(plan, work / "plan100.txt", "\t")]
    out = []
    for path in files:
        samples = []
        for _ in range(runs):
            store = work / "import100.json"
            store.unlink(missing_ok=True)
            start = time.perf_counter()
            subprocess.run(duban + ["import", str(path)], env=env | {"DUBAN_STORE": str(store)},
                           stdout=subprocess.DEVNULL, check=True)
            samples.append((time.perf_counter() - start) * 1000)
        out.append({"file": path.name, "ms": round(statistics.median(samples), 1)})
        print(f"  {path.name} (100 items): {out[-1]['ms']:.1f} ms")
    return out


if __name__ == "__main__":
    sys.exit(main())
