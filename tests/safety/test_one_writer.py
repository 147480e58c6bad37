"""Every file duban replaces goes through store/atomic.py (issue 11 §4: five temp-and-replace
writers were four too many).  The app's export memory used a predictable temp name
(.app-export.json.<pid>.tmp): a colleague's symlink there was written through."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from duban.store.checked import _Record
from duban.tui.app.screens.export import last_export, remember_export


def test_the_export_memory_never_writes_through_a_planted_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "data" / "duban"
    folder.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (folder / f".app-export.json.{os.getpid()}.tmp").symlink_to(victim)
    remember_export(Path("/srv/reports/周报.txt"))
    assert victim.read_text(encoding="utf-8") == "keep me"
    memory = folder / "app-export.json"
    assert stat.S_ISREG(os.lstat(memory).st_mode)
    assert json.loads(memory.read_text(encoding="utf-8")) == {"last": "/srv/reports/周报.txt"}
    assert last_export() == Path("/srv/reports/周报.txt")


def test_the_checked_record_is_private_and_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    record = _Record()
    store = tmp_path / "store.json"
    store.write_text("{}", encoding="utf-8")
    record.remember(store, os.stat(store), unclean=False)
    record.save()
    folder = tmp_path / "cache" / "duban"
    assert [p.name for p in folder.iterdir()] == ["checked.json"]
    assert stat.S_IMODE(os.stat(folder / "checked.json").st_mode) == 0o600
    fresh = _Record()
    assert fresh.seen(store, os.stat(store)) is False


def test_no_module_writes_a_temp_file_of_its_own() -> None:
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [*(root / "store").rglob("*.py"), *(root / "tui").rglob("*.py")]:
        if path.name == "atomic.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "mkstemp(" in text or "os.replace(" in text:
            offenders.append(path.relative_to(root).as_posix())
    assert offenders == []
