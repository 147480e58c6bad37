"""The store on a real file in a temp dir: atomic, UTF-8 as-is, history, re-import merge."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from duban.store.importer import read_plan
from duban.store.repository import Repository, UnknownItem
from duban.store.storage import SCHEMA_VERSION, AtomicJSONStorage, StoreError
from tests.conftest import plan_file


@pytest.fixture
def repo(store_path: Path) -> Repository:
    return Repository(store_path, user="alice")


def _import(repo: Repository, prefix: str, key: str = "p1"):
    return repo.import_plan(read_plan(plan_file(prefix), key))


def test_store_is_utf8_as_is_one_document_per_line(repo: Repository) -> None:
    _import(repo, "000")
    index = repo.path.read_bytes().decode("utf-8")
    items = repo.plan_file("p1").read_bytes().decode("utf-8")
    for raw in (index, items):
        assert "\\u" not in raw
        assert json.loads(raw)["_meta"]["1"]["schema"] == SCHEMA_VERSION
    assert "红塔区2021年政务公开工作要点任务清单" in index and "区发展和改革局" in items
    assert len(json.loads(items)["items"]) == 67
    assert len(items.splitlines()) > 67, "one document per line, readable in an editor"


def test_a_change_rewrites_only_its_plan_file(repo: Repository) -> None:
    _import(repo, "000", "p1")
    _import(repo, "002", "p2")
    before = repo.plan_file("p1").stat().st_mtime_ns, repo.path.stat().st_mtime_ns
    repo.set_status(["p2.3"], "done")
    assert (repo.plan_file("p1").stat().st_mtime_ns, repo.path.stat().st_mtime_ns) == before


def test_schema_1_store_is_read_and_split_on_first_write(repo: Repository) -> None:
    result = read_plan(plan_file("001"), "p1")
    legacy = {"_meta": {"1": {"schema": 1}}, "plans": {"1": result.plan.to_doc()},
              "items": {str(k): i.to_doc() for k, i in enumerate(result.items, 1)}}
    repo.path.parent.mkdir(parents=True)
    repo.path.write_text(json.dumps(legacy, ensure_ascii=False), encoding="utf-8")
    assert len(repo.load().items) == 36 and not repo.plans_dir.exists(), "reading never writes"
    repo.set_status(["p1.2"], "doing")
    index = json.loads(repo.path.read_text(encoding="utf-8"))
    assert "items" not in index and index["_meta"]["1"]["schema"] == SCHEMA_VERSION
    snap = repo.load()
    assert len(snap.items) == 36 and next(i for i in snap.items if i.id == "p1.2").status == "doing"


def test_status_change_and_note_leave_history(repo: Repository) -> None:
    _import(repo, "000")
    repo.set_status(["p1.3"], "doing", note="开始整理")
    repo.add_note("p1.3", "已完成一半")
    item = next(i for i in repo.load().items if i.id == "p1.3")
    assert item.status == "doing" and item.note == "已完成一半"
    assert [(h.by, h.from_, h.to, h.note) for h in item.history] == [
        ("alice", "todo", "doing", "开始整理"), ("alice", "doing", "doing", "已完成一半")]
    with pytest.raises(UnknownItem):
        repo.set_status(["p1.999"], "done")


def test_unknown_id_leaves_the_file_untouched(repo: Repository) -> None:
    _import(repo, "000")
    # A status change writes the plan's own file (never the index): compare every data file.
    files = lambda: {p: p.read_bytes() for p in repo.path.parent.rglob("*.json")}  # noqa: E731
    before = files()
    assert repo.plan_file("p1") in before
    with pytest.raises(UnknownItem):
        repo.set_status(["p1.1", "nope"], "done")
    with pytest.raises(UnknownItem):
        repo.set_status(["nope", "p1.1"], "done")
    assert files() == before, "all or none: p1.1 is not changed when an id beside it is unknown"


def test_reimport_updates_texts_and_keeps_status_notes_history(repo: Repository, tmp_path: Path) -> None:
    _import(repo, "000")
    repo.set_status(["p1.5"], "done", note="已公开")
    corrected = tmp_path / plan_file("000").name
    text = plan_file("000").read_text(encoding="utf-8").replace("依法依规全面、主动、及时公开", "依法依规全面、主动、及时、准确公开")
    corrected.write_text(text, encoding="utf-8")
    report = repo.import_plan(read_plan(corrected, "p1"))
    assert not report.new_plan and report.added == 0 and report.updated == 1 and report.removed == []
    items = repo.load().items
    assert len(items) == 67
    item = next(i for i in items if i.id == "p1.5")
    assert "及时、准确公开" in item.text
    assert item.status == "done" and item.note == "已公开" and len(item.history) == 1
    again = repo.import_plan(read_plan(corrected, "p1"))
    assert again.unchanged == 67 and len(repo.load().items) == 67


def test_two_plans_side_by_side(repo: Repository) -> None:
    _import(repo, "000", "p1")
    _import(repo, "002", "p2")
    snap = repo.load()
    assert [p.key for p in snap.plans] == ["p1", "p2"]
    assert len(snap.items) == 67 + 52
    assert repo.next_key() == "p3"


def test_write_is_atomic_and_keeps_permissions(repo: Repository) -> None:
    _import(repo, "001")
    os.chmod(repo.path, 0o640)
    repo.set_status(["p1.1"], "done")
    assert stat.S_IMODE(repo.path.stat().st_mode) == 0o640
    leftovers = [p.name for p in repo.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"items": {"1": ', "not valid JSON"),
        ('[1, 2, 3]', "not a duban store"),
        ('{"items": {}}', "not a duban store"),
        ('{"_meta": {"1": {"schema": 99}}, "items": {}}', "newer duban"),
        ("\xff\xfe garbage", "not valid JSON"),
    ],
)
def test_broken_or_foreign_store_is_refused_and_untouched(store_path: Path, content: str, message: str) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content.encode("latin-1") if content.startswith("\xff") else content.encode())
    before = store_path.read_bytes()
    repo = Repository(store_path)
    with pytest.raises(StoreError, match=message) as err:
        repo.set_status(["p1.1"], "done")
    assert str(store_path) in str(err.value)
    assert store_path.read_bytes() == before


def test_storage_reads_fresh_after_another_writer(store_path: Path) -> None:
    # (a table of its own: "plans" and "items" documents are checked on read, store/validate.py)
    a, b = AtomicJSONStorage(store_path), AtomicJSONStorage(store_path)
    a.write({"notes": {"1": {"id": "x"}}})
    assert b.read()["notes"]["1"]["id"] == "x"
    b.write({"notes": {"1": {"id": "y"}}})
    assert a.read()["notes"]["1"]["id"] == "y"


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    repo = Repository(blocker / "store.json")
    with pytest.raises(StoreError, match="not-a-folder"):
        repo.import_plan(read_plan(plan_file("001"), "p1"))
