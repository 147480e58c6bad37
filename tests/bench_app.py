"""Benchmark: the app on a 10,000-item store (issue 3's targets), beside its baseline.

    python tests/bench_app.py [--items 10000] [--runs 5]

start      `duban` in a pseudo-terminal (200×50) until its first full screen is drawn
           (the top bar's item count and the footer are both on the wire), against
           `python -c "import textual.app"` measured in the same run;
status     a status key: the store written and every pane updated, in-process;
search     one keystroke in the search box: the hierarchy narrowed, in-process.
Targets: start ≤ 1.5 s, status ≤ 100 ms, search ≤ 50 ms (medians).  Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.bench import build_store  # noqa: E402


def duban_cmd() -> list[str]:
    script = Path(sys.executable).with_name("duban")
    return [str(script)] if script.exists() else [sys.executable, "-m", "duban.tui.cli.main"]


def time_first_screen(env: dict[str, str], marker: bytes, timeout: float = 20.0) -> float:
    """Seconds from spawning `duban` in a pty until `marker` and the footer are drawn."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(duban_cmd()[0], duban_cmd(), env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    start = time.perf_counter()
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker in seen and "退出".encode() in seen:
                    return time.perf_counter() - start
        raise RuntimeError("the app did not draw its first screen in time")
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def baseline(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import textual.app"], env=env, check=True)
    return time.perf_counter() - start


async def in_process(store: Path, runs: int) -> tuple[list[float], list[float]]:
    """Time from the action to the end of the next frame the screen draws."""
    from textual.widgets import Input

    from duban.tui.app.app import make_app
    from duban.tui.settings.config import load_settings

    app = make_app(load_settings(store=str(store)))
    status, search = [], []
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        frames: list[float] = []
        draw = screen._compositor_refresh  # the screen's "write the frame" step

        def timed_draw() -> None:
            draw()
            frames.append(time.perf_counter())

        screen._compositor_refresh = timed_draw  # type: ignore[method-assign]

        async def until_drawn(start: float) -> float:
            for _ in range(200):
                if frames and frames[-1] > start:
                    return frames[-1] - start
                await asyncio.sleep(0.001)
            raise RuntimeError("no frame drawn")

        for n in range(runs * 2):
            await pilot.pause()
            start = time.perf_counter()
            screen.action_set_status("done" if n % 2 == 0 else "doing")  # what the key runs
            while screen.writing:  # the write runs in a thread worker: the frame that shows it counts
                await asyncio.sleep(0.001)
            await until_drawn(time.perf_counter())
            status.append(frames[-1] - start)
        narrowed: list[float] = []
        narrow = screen._refresh_tree_only

        def timed_narrow() -> None:
            narrow()
            narrowed.append(time.perf_counter())

        screen._refresh_tree_only = timed_narrow  # type: ignore[method-assign]
        screen.action_search()
        await pilot.pause()
        box = screen.query_one(Input)
        for text in ("区", "区财", "区财政", "区财政局", "区财政", "区财", "区", ""):
            await pilot.pause()
            start = time.perf_counter()
            box.value = text  # the Input posts Changed, as a keystroke does
            for _ in range(200):
                if narrowed and narrowed[-1] > start:
                    break
                await asyncio.sleep(0.001)
            await until_drawn(narrowed[-1])
            search.append(frames[-1] - start)
    return status, search


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="duban-bench-app-"))
    try:
        store = work / "store.json"
        build_store(store, args.items)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"DUBAN_STORE": str(store), "XDG_CONFIG_HOME": str(work / "cfg"), "TERM": "xterm-256color",
                "DUBAN_USER": "bench"}
        marker = f"{args.items}/{args.items}".encode()
        time_first_screen(env, marker)  # warm the bytecode and the page cache
        starts = [time_first_screen(env, marker) for _ in range(args.runs)]
        bases = [baseline(env) for _ in range(args.runs)]
        os.environ.update({"XDG_CONFIG_HOME": str(work / "cfg"), "DUBAN_USER": "bench"})
        status, search = asyncio.run(in_process(store, args.runs))
        med = lambda xs: statistics.median(xs) * 1000  # noqa: E731
        print(f"store: {args.items} items in 100 plans; medians of {args.runs}+ runs; interpreter {sys.executable}")
        print(f"  baseline python -c 'import textual.app'   {med(bases):7.1f} ms")
        print(f"  duban start → first full screen (200×50)  {med(starts):7.1f} ms  ({med(starts) / med(bases):.2f}× baseline; target 1500 ms)")
        print(f"  status key → store written, panes updated {med(status):7.1f} ms  (target 100 ms)")
        print(f"  search keystroke → hierarchy narrowed     {med(search):7.1f} ms  (target 50 ms)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
