"""A quick read run as the program ends as soon as its output is flushed (issue 11 §7):
the interpreter's teardown, freeing every loaded item one by one, is skipped.  Checked by
what the fix changes, never by a clock: an object freed at teardown says so for a write
and for a caller in Python, not for `duban ls` as the program; the exit handlers still
run (the record of checked store files is saved by one); the output, the exit status and
a closed pipe are as they were."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# The program as the console script runs it, with an object that says when the teardown
# frees it, and an exit handler that says it ran.
MARKS = ("import atexit, sys\n"
         "class Mark:\n"
         "    def __del__(self, err=sys.__stderr__): err.write('teardown ran'); err.flush()\n"
         "mark = Mark(); atexit.register(lambda: sys.__stderr__.write('exit handler ran'))\n")
PROGRAM = MARKS + "from duban.tui.cli.main import main; sys.exit(main())"


def _duban(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, env=env, cwd=ROOT)


@pytest.mark.parametrize("command", [["ls", "--json"], ["ls"], ["units", "--json"], ["show", "s.1", "--json"]],
                         ids=" ".join)
def test_a_quick_read_skips_the_teardown_and_keeps_its_output(sample, cli_env: dict[str, str],  # noqa: ANN001
                                                             command: list[str]) -> None:
    proc = _duban(cli_env, *command)
    assert proc.returncode == 0, proc.stderr
    assert "teardown ran" not in proc.stderr and "exit handler ran" in proc.stderr
    whole = sample(*command)  # the same command called in Python: every byte the same
    assert proc.stdout == whole.stdout
    if "--json" in command:
        json.loads(proc.stdout)


def test_a_quick_read_keeps_its_exit_status(sample, cli_env: dict[str, str]) -> None:  # noqa: ANN001
    proc = _duban(cli_env, "show", "zz.9")
    assert proc.returncode == 2
    assert "zz.9" in proc.stderr and "teardown ran" not in proc.stderr


def test_a_write_and_a_caller_in_python_end_as_before(sample, cli_env: dict[str, str]) -> None:  # noqa: ANN001
    proc = _duban(cli_env, "set", "s.1", "doing")
    assert proc.returncode == 0, proc.stderr
    assert "teardown ran" in proc.stderr  # a write keeps the interpreter's whole exit
    code = MARKS + "from duban.tui.cli.main import main; status = main(['ls', '--json']); print(status, file=sys.stderr)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env, cwd=ROOT)
    assert proc.returncode == 0 and "0\nexit handler ran" in proc.stderr  # main() returns to its caller
    assert "teardown ran" in proc.stderr


def test_a_quick_read_into_a_closed_pipe_ends_quietly(sample, cli_env: dict[str, str]) -> None:  # noqa: ANN001
    for _ in range(40):  # enough rows that the pipe closes before the output is out
        sample("import", "--key", f"k{_}", "--year", "2026", str(ROOT / "tui" / "cli" / "sample_plan.txt"))
    reader = subprocess.Popen([sys.executable, "-c", PROGRAM, "ls"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=cli_env, cwd=ROOT)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()
    err = reader.stderr.read().decode()
    assert reader.wait() == 0 and "Traceback" not in err and "BrokenPipe" not in err


def test_a_quick_read_still_saves_the_record_of_checked_files(sample, cli_env: dict[str, str]) -> None:  # noqa: ANN001
    record = Path(cli_env["XDG_CACHE_HOME"]) / "duban" / "checked.json"
    record.unlink(missing_ok=True)
    proc = _duban(cli_env, "ls", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(record.read_text())["files"]  # saved by its exit handler
