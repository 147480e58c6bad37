"""Shared fixtures: the five real plans from ../shared/plans (tests that read them skip,
with the reason, where that folder is absent), temp stores, the CLI (in-process by default:
`cli` and `run`; `cli_process` runs it as a subprocess where the process is the point)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT.parent / "shared" / "plans"


SAMPLE_PLAN = ROOT / "tui" / "cli" / "sample_plan.txt"  # our own plan: always here


def plan_file(prefix: str) -> Path:
    """A reference plan; the test skips (one line, the reason) where ../shared/plans is absent."""
    matches = sorted(PLANS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"reference plan {prefix} not found under {PLANS} (a fresh clone has none)")
    return matches[0]


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """duban remembers which store files it has checked (store/checked.py): never in the real home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.json"


@pytest.fixture
def cli_env(tmp_path: Path, store_path: Path) -> dict[str, str]:
    """An environment that reads no developer config and writes only under tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "XDG_"))}
    env.update(
        DUBAN_STORE=str(store_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_CACHE_HOME=str(tmp_path / "xdg-cache"), DUBAN_USER="tester",
        NO_COLOR="1",
        COLUMNS="120", PYTHONIOENCODING="utf-8",
    )
    return env


class Cli:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __call__(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "duban.tui.cli.main", *args], capture_output=True, text=True, encoding="utf-8",
            env={**self.env, **(env or {})}, cwd=ROOT, timeout=60,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"duban {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
        return proc

    def json(self, *args: str) -> object:
        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def cli_process(cli_env: dict[str, str]) -> Cli:
    """The command line as a real subprocess: for what only a process shows (its exit status
    as a shell sees it, what a fresh interpreter imports, signals, resource limits, a lock
    held by another process)."""
    return Cli(cli_env)


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _as_a_new_process() -> None:
    """Forget what duban keeps for the life of a process, as a new command would start: the
    years found without a holiday table (a command warns once about them)."""
    workdays = sys.modules.get("duban.store.workdays")
    if workdays is not None:
        for value in list(vars(workdays).values()):  # every per-year table it keeps
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
        workdays.unknown_years.clear()


class InProcess(Cli):
    """The same command line, called in-process through duban.tui.cli.main.main (milliseconds a call,
    not an interpreter start-up): for what the command says, not how the process ends."""

    def __init__(self, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__(env)
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> Ran:  # type: ignore[override]
        from duban.tui.cli.main import main

        _as_a_new_process()
        with pytest.MonkeyPatch.context() as mp:
            for key in list(os.environ):
                if key.startswith(("DUBAN_", "XDG_")) or key in ("NO_COLOR", "COLUMNS", "FORCE_COLOR"):
                    mp.delenv(key)
            for key, value in {**self.env, **(env or {})}.items():
                mp.setenv(key, value)
            mp.chdir(ROOT)
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
        ran = Ran(code, out.getvalue(), err.getvalue())
        if check and code != 0:
            raise AssertionError(f"duban {' '.join(args)} exited {code}: {ran.stderr}")
        return ran


@pytest.fixture
def run(cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> InProcess:
    """The command line in-process, with the same clean environment as `cli`."""
    return InProcess(cli_env, monkeypatch)


@pytest.fixture
def cli(run: InProcess) -> InProcess:
    """The command line as most tests use it: in-process (an interpreter start-up costs
    0.2-0.4 s a call here, and a suite makes hundreds of calls); `cli_process` where the
    process is the point."""
    return run


@pytest.fixture
def sample(run: InProcess) -> InProcess:
    """A store holding our own sample plan (key s), so the test needs no reference plan."""
    run("import", "--key", "s", "--year", "2026", str(SAMPLE_PLAN))
    return run
