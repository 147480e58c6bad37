"""A dropped SSH connection (SIGHUP) or SIGTERM while the app runs: it exits cleanly,
the terminal restored, nothing half-written."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from duban.store.importer import read_plan
from duban.store.repository import Repository
from tests.conftest import ROOT, plan_file

LEAVE_ALT_SCREEN = b"\x1b[?1049l"


def _run_until_drawn(env: dict[str, str]) -> tuple[int, int, bytes]:
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "duban.tui.cli.main"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, start = b"", time.monotonic()
    while time.monotonic() - start < 20 and "退出".encode() not in seen:
        if select.select([fd], [], [], 0.1)[0]:
            seen += os.read(fd, 65536)
    assert "退出".encode() in seen, "the app never drew its screen"
    return pid, fd, seen


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_exits_cleanly_and_restores_the_terminal(tmp_path: Path, sig: int) -> None:
    store = tmp_path / "store.json"
    Repository(store, user="import").import_plan(read_plan(plan_file("001"), "p1"))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.json")}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "XDG_"))}
    env.update(DUBAN_STORE=str(store), XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               TERM="xterm-256color")
    pid, fd, seen = _run_until_drawn(env)
    os.kill(pid, sig)
    deadline = time.monotonic() + 10
    status = None
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                pass
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    os.close(fd)
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    assert LEAVE_ALT_SCREEN in seen, "the terminal was left in the app's screen"
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.json") if p in before} == before
    assert not list(tmp_path.rglob("*.tmp"))
