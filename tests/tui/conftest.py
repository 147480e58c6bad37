"""The real app on a real temp store, driven by Pilot; today is frozen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from duban.store.importer import read_plan
from duban.store.repository import Repository
from duban.tui.app.app import DubanApp, make_app
from duban.tui.settings.config import load_settings
from tests.conftest import plan_file

TODAY = date(2021, 10, 15)


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No developer config, no colour surprises: everything under tmp_path."""
    for var in ("DUBAN_STORE", "DUBAN_CONFIG", "DUBAN_LANG", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("DUBAN_USER", "tester")
    return tmp_path


@pytest.fixture
def store(isolated: Path) -> Path:
    path = isolated / "store" / "store.json"
    repo = Repository(path, user="import")
    repo.import_plan(read_plan(plan_file("000"), "p1"))
    repo.import_plan(read_plan(plan_file("002"), "p2"))
    return path


def write_config(isolated: Path, text: str) -> Path:
    path = isolated / "config" / "duban" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def app(store: Path) -> DubanApp:
    return make_app(load_settings(store=str(store)), today=TODAY)


def stored(store: Path, item_id: str):
    return next(i for i in Repository(store).load().items if i.id == item_id)
