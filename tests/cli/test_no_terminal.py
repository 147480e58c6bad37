"""`duban` with no command opens the app on a terminal; without one (piped, a script,
cron) it lists the items instead and ends: a screen drawn into a pipe is no use, and the
app reading a closed input never ended (it spun one core until killed)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SAMPLE_PLAN


def test_duban_without_a_terminal_lists_and_ends(cli_env: dict[str, str]) -> None:
    def duban(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "duban.tui.cli.main", *args], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, encoding="utf-8", env=cli_env, cwd=ROOT, timeout=30)

    duban("import", "--key", "s", "--year", "2026", str(SAMPLE_PLAN))
    listed = duban()
    assert listed.returncode == 0, listed.stderr
    assert "\x1b" not in listed.stdout and "s.1 " in listed.stdout and "s.25 " in listed.stdout
