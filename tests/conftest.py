"""Shared fixtures: the five real plans from ../shared/plans, temp stores, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT.parent / "shared" / "plans"


def plan_file(prefix: str) -> Path:
    matches = sorted(PLANS.glob(f"{prefix}_*.txt"))
    assert matches, f"reference plan {prefix} not found under {PLANS}"
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
            [sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, encoding="utf-8",
            env={**self.env, **(env or {})}, cwd=ROOT, timeout=60,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"duban {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
        return proc

    def json(self, *args: str) -> object:
        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def cli(cli_env: dict[str, str]) -> Cli:
    return Cli(cli_env)
