"""Output that cannot be written (a full disk: /dev/full) is one line and a failure
status, never a traceback and never a silent success."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_PLAN

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")


@pytest.mark.parametrize("args", [["ls"], ["report"], ["units"], ["ls", "--json"]])
def test_a_full_disk_is_one_line_and_a_failure(args: list[str], cli_env: dict[str, str], tmp_path: Path) -> None:
    run = [sys.executable, "-m", "duban.tui.cli.main", "--lang", "en"]
    subprocess.run(run + ["import", str(SAMPLE_PLAN)], env=cli_env, check=True, capture_output=True)
    with open("/dev/full", "w") as full:
        proc = subprocess.run(run + args, env=cli_env, stdout=full, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == ["duban: cannot write the output (No space left on device)"], proc.stderr
