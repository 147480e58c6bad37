"""A hostile-store fuzzer: take a valid store, change one field of one document to every
wrong type (and a few wrong values), and run every read command (and the writing ones):
each ends in one line on stderr naming the file, exit status 2, and no file of the
store or its backups changes by a byte.  Run in-process, for speed (~2,000 runs)."""

from __future__ import annotations

import contextlib
import functools
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from duban.tui.cli import main as cli
from duban.tui.cli.main import main

SAMPLE = Path(__file__).resolve().parents[2] / "tui" / "cli" / "sample_plan.txt"
MISSING = object()
WRONG = [None, True, 7, 2.5, "x", [], [3], {"a": 1}, MISSING]

Allowed = Callable[[Any], bool]


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _text_or_null(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _int(v: Any) -> bool:
    return type(v) is int


def _units(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(u, str) for u in v)


def _status(v: Any) -> bool:
    return v in ("todo", "doing", "done", "blocked")


# What each field may hold (the test's own statement of the schema, not the code's).
ITEM: dict[str, Allowed] = {
    "id": _text, "plan": lambda v: v == "p1", "n": _int, "number": _text_or_null, "main": _text_or_null,
    "work": _text_or_null, "text": _text, "lead_units": _units, "units": _units,
    "units_raw": _text, "deadline": lambda v: False, "status": _status,
    "history": lambda v: v == [], "line": lambda v: v is None or type(v) is int,
}
OPTIONAL_ITEM = {"number", "main", "work", "units_raw", "line", "history"}
DEADLINE: dict[str, Allowed] = {"raw": _text, "kind": lambda v: v in ("date", "all_year", "implicit"),
                                "due": lambda v: False, "phrases": _units}
ENTRY: dict[str, Allowed] = {"at": _text, "by": _text, "from": lambda v: v is None or _status(v), "to": _status,
                             "note": _text_or_null, "undo": lambda v: type(v) is bool,
                             "undone": lambda v: type(v) is bool}
OPTIONAL_ENTRY = {"from", "note", "undo", "undone"}
PLAN: dict[str, Allowed] = {"key": lambda v: v == "p1", "title": _text, "region": _text_or_null, "year": _int,
                            "source": _text, "layout": _text, "imported_at": _text, "nodes": lambda v: v == []}
OPTIONAL_PLAN = {"region", "source", "layout", "imported_at", "nodes"}
NODE: dict[str, Allowed] = {"id": _text, "level": lambda v: v in (1, 2), "number": _text_or_null,
                            "title": _text, "parent": _text_or_null}
OPTIONAL_NODE = {"number", "parent"}

READ_COMMANDS = [
    ["ls"], ["ls", "--json"], ["ls", "--unit", "区财政局", "--overdue"], ["ls", "--search", "公开"],
    ["show", "p1.1"], ["show", "p1.1", "--json"], ["units"], ["units", "--json"], ["plans"], ["plans", "--json"],
    ["log"], ["log", "--json"], ["log", "p1.1"], ["report"], ["report", "--detail", "--format", "md"],
    ["report", "--format", "html"], ["report", "--format", "ansi", "--since", "2026-01-01"],
]
WRITE_COMMANDS = [["set", "p1.2", "doing"], ["note", "p1.2", "进展"], ["undo"]]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse
            code = exc.code  # type: ignore[assignment]
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-store")
    store = folder / "store.json"
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CONFIG_HOME", str(folder / "cfg"))
    mp.setenv("XDG_DATA_HOME", str(folder / "data"))
    mp.setenv("XDG_CACHE_HOME", str(folder / "cache"))
    mp.delenv("DUBAN_STORE", raising=False)
    mp.setenv("DUBAN_LANG", "en")
    mp.setattr(cli, "build_parser", functools.cache(cli.build_parser))  # argparse costs 10 ms a run
    for argv in (["import", str(SAMPLE), "--year", "2026"], ["set", "p1.1", "doing", "--note", "开始"]):
        code, _, err = run("--store", str(store), *argv)
        assert code == 0, err
    yield store
    mp.undo()


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of the store and its backups (the lock's own bookkeeping aside)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".lock" not in p.name}


def _mutations() -> list[tuple[str, str, str, Any]]:
    """(file, document path, field, wrong value) for every field of every document kind."""
    out = []
    kinds = [("plan", "plans", PLAN, OPTIONAL_PLAN), ("node", "plans", NODE, OPTIONAL_NODE),
             ("item", "items", ITEM, OPTIONAL_ITEM), ("deadline", "items", DEADLINE, {"phrases"}),
             ("entry", "items", ENTRY, OPTIONAL_ENTRY)]
    for kind, table, fields, optional in kinds:
        for name, allowed in fields.items():
            for value in WRONG:
                if value is MISSING and name in optional:
                    continue
                if value is not MISSING and allowed(value):
                    continue
                out.append((kind, table, name, value))
    for bad_day in ("2026-02-30", "20260630", "2026-6-30", "9999-99-99", ""):
        out.append(("deadline", "items", "due", bad_day))
    return out


def _document(data: dict, kind: str) -> dict:
    if kind == "plan":
        return data["plans"]["1"]
    if kind == "node":
        return data["plans"]["1"]["nodes"][1]
    item = next(d for d in data["items"].values() if d["id"] == "p1.1")
    return {"item": item, "deadline": item["deadline"], "entry": item["history"][0]}[kind]


def _mutate(store: Path, kind: str, table: str, name: str, value: Any) -> Path:
    path = store if table == "plans" else store.with_name("store.plans") / "p1.json"
    data = json.loads(path.read_text("utf-8"))
    doc = _document(data, kind)
    if value is MISSING:
        doc.pop(name, None)
    else:
        doc[name] = value
    # The same layout duban writes (one document per line); this is what a hand edit leaves.
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def _one_line(err: str) -> bool:
    return err.endswith("\n") and err.count("\n") == 1 and err.startswith("duban: ") and "Traceback" not in err


MUTATIONS = _mutations()


def test_the_fuzzer_covers_every_field_and_wrong_type() -> None:
    assert len(MUTATIONS) > 200
    assert {(k, n) for k, _, n, _ in MUTATIONS} >= {("item", "n"), ("item", "history"), ("item", "status"),
                                                   ("deadline", "due"), ("entry", "by"), ("plan", "year")}


def test_every_wrong_type_in_any_document_is_one_line_and_changes_nothing(valid: Path) -> None:
    store = valid
    pristine = _files(store.parent)
    failures: list[str] = []
    seen: set[tuple[str, str]] = set()
    for i, (kind, table, name, value) in enumerate(MUTATIONS):
        path = _mutate(store, kind, table, name, value)
        before = _files(store.parent)
        # The first wrong value of each field meets every command; the others, three read
        # commands and one writing one in turn (all fail at the same read; ~15 s in all).
        if (kind, name) not in seen:
            seen.add((kind, name))
            commands = READ_COMMANDS + WRITE_COMMANDS
        else:
            commands = [READ_COMMANDS[(3 * i + k) % len(READ_COMMANDS)] for k in range(3)]
            commands.append(WRITE_COMMANDS[i % len(WRITE_COMMANDS)])
        for argv in commands:
            code, out, err = run("--store", str(store), *argv)
            if code != 2 or not _one_line(err) or out:
                failures.append(f"{kind}.{name}={value!r}: {' '.join(argv)} → exit {code}: {err.strip()[:200]}")
            elif path.name not in err and argv in READ_COMMANDS:  # a write may fail sooner: "no item p1.2"
                failures.append(f"{kind}.{name}={value!r}: {' '.join(argv)}: the error does not name {path.name}: {err}")
        if _files(store.parent) != before:
            failures.append(f"{kind}.{name}={value!r}: a file changed")
        for rel, content in pristine.items():  # put the valid store back
            (store.parent / rel).write_bytes(content)
        if len(failures) > 20:
            break
    assert not failures, "\n".join(failures[:20])


def test_the_error_names_file_item_and_field(valid: Path) -> None:
    pristine = _files(valid.parent)
    try:
        _mutate(valid, "item", "items", "n", "3")
        code, _, err = run("--store", str(valid), "ls")
        assert code == 2
        assert "p1.json" in err and "p1.1" in err and " n:" in err and '"3"' in err
        for rel, content in pristine.items():
            (valid.parent / rel).write_bytes(content)
        _mutate(valid, "entry", "items", "by", {"a": 1})
        code, _, err = run("--store", str(valid), "log")
        assert code == 2 and "history 1" in err and "by" in err
    finally:
        for rel, content in pristine.items():
            (valid.parent / rel).write_bytes(content)


@pytest.mark.parametrize("damage", ["plans_is_a_file", "index_is_a_list", "table_is_a_list", "doc_is_text",
                                    "doc_id_not_a_number", "item_of_another_plan"])
def test_damaged_files_and_folders_are_one_line(valid: Path, damage: str) -> None:
    pristine = _files(valid.parent)
    plans_dir = valid.with_name("store.plans")
    plan_file = plans_dir / "p1.json"
    moved = valid.parent / "moved-plans"
    try:
        if damage == "plans_is_a_file":
            plans_dir.rename(moved)
            plans_dir.write_text("x")
        elif damage == "index_is_a_list":
            valid.write_text("[1, 2]")
        else:
            data = json.loads(plan_file.read_text("utf-8"))
            if damage == "table_is_a_list":
                data["items"] = [1]
            elif damage == "doc_is_text":
                data["items"]["1"] = "x"
            elif damage == "doc_id_not_a_number":
                data["items"]["x"] = data["items"].pop("1")
            else:
                data["items"]["2"]["plan"] = "p9"
            plan_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        for argv in READ_COMMANDS[:12] + WRITE_COMMANDS:
            code, out, err = run("--store", str(valid), *argv)
            assert code == 2 and _one_line(err) and not out, (argv, code, err)
    finally:
        if moved.exists():
            plans_dir.unlink()
            moved.rename(plans_dir)
        for rel, content in pristine.items():
            (valid.parent / rel).write_bytes(content)


def test_a_file_checked_before_is_checked_again_after_any_edit(valid: Path) -> None:
    """Files already checked are remembered (store/checked.py) by device, inode, size, mtime
    and ctime: an edit of the same size with the modification time put back is still seen."""
    import os

    from duban.store.checked import RECORD

    pristine = _files(valid.parent)
    plan_file = valid.with_name("store.plans") / "p1.json"
    try:
        assert run("--store", str(valid), "ls")[0] == 0  # checked, and remembered
        assert RECORD.seen(plan_file, os.stat(plan_file)) is False
        before = os.stat(plan_file)
        text = plan_file.read_text("utf-8")
        assert '"status": "doing"' in text
        plan_file.write_text(text.replace('"status": "doing"', '"status": "doinG"', 1), "utf-8")
        os.utime(plan_file, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert os.stat(plan_file).st_size == before.st_size
        code, _, err = run("--store", str(valid), "ls")
        assert code == 2 and "status" in err and "doinG" in err
    finally:
        for rel, content in pristine.items():
            (valid.parent / rel).write_bytes(content)
