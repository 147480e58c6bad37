"""Importing through the one door: which plan a file is (by identity, never by file name),
which item is which on a re-import (text, then place), and the merge as a pure function."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from duban.store import merge
from duban.store.import_tx import ImportRefused
from duban.store.importer import read_plan
from duban.store.repository import Repository
from tests.conftest import ROOT, plan_file

HEADER = ["序号", "主要任务", "工作任务", "具体事项", "牵头落实单位", "完成时限"]


def small_plan(title: str, rows: list[tuple[str, str, str]]) -> str:
    """A plan in the Word-table export shape: rows of (main task, work task, item text)."""
    lines = ["", title, *[f"\t{h}" for h in HEADER], ""]
    for n, (main, work, text) in enumerate(rows, 1):
        lines += [f"\t{n}", f"\t{main}", f"\t{work}", f"\t{text}", "\t区财政局牵头，区直各部门负责", "\t年底前", ""]
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(store_path: Path) -> Repository:
    return Repository(store_path, user="alice")


def _items(repo: Repository) -> dict[str, object]:
    return {i.id: i for i in repo.load().items}


# -- which plan a file is (issue 8.2)

def test_another_countys_plan_under_the_same_file_name_is_a_new_plan(repo: Repository, tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "附件1.txt", plan_file("000").read_text(encoding="utf-8"))
    other = write(tmp_path / "b" / "附件1.txt", plan_file("004").read_text(encoding="utf-8"))
    repo.import_plan(read_plan(first, "p1"))
    repo.set_status(["p1.5"], "done", note="已公开")
    report = repo.import_plan(read_plan(other, "p1"))
    assert report.new_plan and report.key == "p2"
    snap = repo.load()
    assert [p.key for p in snap.plans] == ["p1", "p2"] and len(snap.items) == 67 + 74
    kept = _items(repo)["p1.5"]
    assert kept.status == "done" and kept.note == "已公开"
    assert all(not i.history for i in snap.items if i.plan == "p2"), "no history carried onto another plan"


def test_same_generic_title_and_no_region_but_other_items_is_a_new_plan(repo: Repository, tmp_path: Path) -> None:
    rows_a = [("一、公开规划", "（一）规划", f"公开第{k}项规划的编制和实施情况。") for k in range(1, 9)]
    rows_b = [("一、回应关切", "（一）回应", f"建立第{k}类舆情的收集研判和回应机制。") for k in range(1, 9)]
    a = write(tmp_path / "a" / "附件1.txt", small_plan("2021年政务公开工作要点", rows_a))
    b = write(tmp_path / "b" / "附件1.txt", small_plan("2021年政务公开工作要点", rows_b))
    repo.import_plan(read_plan(a, "p1"))
    assert repo.import_plan(read_plan(b, "p1")).key == "p2"


def test_next_years_plan_of_the_same_county_is_a_new_plan(repo: Repository, tmp_path: Path) -> None:
    text = plan_file("000").read_text(encoding="utf-8")
    next_year = write(tmp_path / plan_file("000").name, text.replace("红塔区2021年", "红塔区2022年", 1))
    repo.import_plan(read_plan(plan_file("000"), "p1"))
    report = repo.import_plan(read_plan(next_year, "p1"))
    assert report.new_plan and report.key == "p2"


def test_a_renamed_and_corrected_file_is_a_reimport(repo: Repository, tmp_path: Path) -> None:
    repo.import_plan(read_plan(plan_file("000"), "p1"))
    repo.set_status(["p1.5"], "done")
    text = plan_file("000").read_text(encoding="utf-8").replace("依法依规全面、主动、及时公开", "依法依规全面、主动、及时、准确公开")
    renamed = write(tmp_path / "红塔区清单（修订）.txt", text)
    report = repo.import_plan(read_plan(renamed, "p1"))
    assert not report.new_plan and report.key == "p1" and report.updated == 1 and report.unchanged == 66
    assert _items(repo)["p1.5"].status == "done"


def _half_changed(tmp_path: Path) -> Path:
    """Plan 000 under another title with half its items reworded: it may or may not be p1."""
    result = read_plan(plan_file("000"), "p1")
    text = plan_file("000").read_text(encoding="utf-8").replace("红塔区2021年政务公开工作要点任务清单", "红塔区政务公开重点任务")
    for item in result.items[::2]:
        first = item.text.split("\n")[0]
        text = text.replace(first[:12], "改写" + first[2:12], 1) if len(first) > 12 else text
    return write(tmp_path / "重点任务.txt", text)


def test_a_doubtful_case_asks_and_writes_nothing(repo: Repository, tmp_path: Path) -> None:
    repo.import_plan(read_plan(plan_file("000"), "p1"))
    doubtful = _half_changed(tmp_path)
    before = {p: p.read_bytes() for p in [repo.path, *repo.plans_dir.iterdir()]}
    with pytest.raises(ImportRefused) as refused:
        repo.import_plan(read_plan(doubtful, "p1"))
    message = str(refused.value.args[0])
    assert "p1" in message and "--into p1" in message and "--new" in message and "\n" not in message
    assert {p: p.read_bytes() for p in [repo.path, *repo.plans_dir.iterdir()]} == before
    assert repo.import_plan(read_plan(doubtful, "p1"), new=True).key == "p2"
    merged = repo.import_plan(read_plan(doubtful, "p1"), into="p1")
    assert merged.key == "p1" and not merged.new_plan
    with pytest.raises(ImportRefused, match="--into p9: no such plan"):
        repo.import_plan(read_plan(doubtful, "p1"), into="p9")


# -- which item is which (issue 8.3)

SAME = "按要求做好相关信息公开工作。"


def _twins(extra_first: bool = False) -> list[tuple[str, str, str]]:
    rows = [("一、深化公开", "（一）规划公开", "公开国民经济和社会发展规划。"),
            ("", "", SAME),
            ("", "（二）财政公开", "公开预决算和三公经费。"),
            ("", "", SAME),
            ("二、回应关切", "（三）回应", SAME)]
    if extra_first:
        rows.insert(0, ("一、深化公开", "（一）规划公开", "公开年度重点项目清单。"))
        rows[1] = ("", "", rows[1][2])
    return rows


def test_items_with_the_same_text_keep_their_own_history(repo: Repository, tmp_path: Path) -> None:
    plan = write(tmp_path / "twins.txt", small_plan("青禾区2021年政务公开工作要点", _twins()))
    repo.import_plan(read_plan(plan, "p1"))
    ids = [i.id for i in repo.load().items if i.text == SAME]
    assert ids == ["p1.2", "p1.4", "p1.5"]
    repo.set_status(["p1.2"], "done", note="规划已公开")
    repo.set_status(["p1.4"], "blocked", note="等待财政数据")
    report = repo.import_plan(read_plan(plan, "p1"))  # the same file again
    assert report.unchanged == 5 and report.added == 0 and report.removed == [] and report.ambiguous == []
    items = _items(repo)
    assert (items["p1.2"].status, items["p1.2"].note) == ("done", "规划已公开")
    assert (items["p1.4"].status, items["p1.4"].note) == ("blocked", "等待财政数据")
    assert items["p1.5"].status == "todo" and not items["p1.5"].history
    # A row added at the top moves every item down one place: each keeps its own still.
    shifted = write(tmp_path / "twins.txt", small_plan("青禾区2021年政务公开工作要点", _twins(extra_first=True)))
    report = repo.import_plan(read_plan(shifted, "p1"))
    assert report.added == 1 and report.removed == [] and report.ambiguous == []
    items = _items(repo)
    assert (items["p1.3"].status, items["p1.5"].status, items["p1.6"].status) == ("done", "blocked", "todo")


def test_an_ambiguous_match_is_reported_not_guessed(repo: Repository, tmp_path: Path) -> None:
    rows = [("一、深化公开", "（一）规划公开", "公开国民经济和社会发展规划。"), ("", "", SAME), ("", "", SAME)]
    plan = write(tmp_path / "p.txt", small_plan("青禾区2021年政务公开工作要点", rows))
    repo.import_plan(read_plan(plan, "p1"))
    repo.set_status(["p1.2"], "done")
    repo.set_status(["p1.3"], "blocked")
    # One of the two is gone, and nothing says which: neither history is put on the survivor.
    rows = [("一、深化公开", "（一）规划公开", "公开国民经济和社会发展规划。"), ("", "（二）其他", SAME)]
    write(plan, small_plan("青禾区2021年政务公开工作要点", rows))
    report = repo.import_plan(read_plan(plan, "p1"), into="p1")
    assert len(report.ambiguous) == 1 and "p1.2" in report.ambiguous[0] and "p1.3" in report.ambiguous[0]
    assert _items(repo)["p1.2"].status == "todo" and sorted(report.removed) == ["p1.2", "p1.3"]


def test_alike_items_are_matched_without_a_warning(repo: Repository, tmp_path: Path) -> None:
    rows = [("一、深化公开", "（一）规划公开", SAME), ("", "", SAME), ("", "", SAME)]
    plan = write(tmp_path / "p.txt", small_plan("青禾区2021年政务公开工作要点", rows))
    repo.import_plan(read_plan(plan, "p1"))
    write(plan, small_plan("青禾区2021年政务公开工作要点", rows[:2]))
    report = repo.import_plan(read_plan(plan, "p1"), into="p1")
    assert report.ambiguous == [] and report.unchanged == 2 and len(report.removed) == 1


# -- the merge is a pure function

def test_merge_is_pure_and_keeps_history_of_edited_and_moved_items(tmp_path: Path) -> None:
    rows = [("一、深化公开", "（一）规划公开", f"公开第{k}项规划的编制、审批和实施情况。") for k in range(1, 7)]
    before = read_plan(write(tmp_path / "a.txt", small_plan("青禾区2021年政务公开工作要点", rows)), "p1")
    before.items[1].status, before.items[4].status = "done", "blocked"
    old_docs = [i.to_doc() for i in before.items]
    snapshot = json.dumps(old_docs, ensure_ascii=False)
    edited = list(rows)
    edited[1] = (*rows[1][:2], "公开第2项规划的编制、审批、修订和实施情况。")  # reworded
    edited.insert(0, edited.pop(4))  # item 5 moved to the top
    after = read_plan(write(tmp_path / "b.txt", small_plan("青禾区2021年政务公开工作要点", edited)), "p1")
    plan_doc, docs, report = merge.merge(before.plan.to_doc(), old_docs, after)
    assert json.dumps(old_docs, ensure_ascii=False) == snapshot, "old documents untouched"
    assert not list(tmp_path.glob("*.json")), "no store written"
    status = {d["text"]: d["status"] for d in docs}
    assert status["公开第5项规划的编制、审批和实施情况。"] == "blocked"
    assert status["公开第2项规划的编制、审批、修订和实施情况。"] == "done"
    assert (report.added, report.updated, report.removed, report.new_plan) == (0, 1, [], False)
    assert plan_doc["key"] == "p1" and [d["id"] for d in docs] == [f"p1.{n}" for n in range(1, 7)]


@pytest.mark.parametrize("prefix", ["003", "004"])  # without item numbers, and with them
def test_a_rewritten_item_does_not_inherit_history(prefix: str) -> None:
    result = read_plan(plan_file(prefix), "p1")
    old_docs = [i.to_doc() | {"status": "done"} for i in result.items]
    fresh = read_plan(plan_file(prefix), "p1")
    assert (fresh.items[3].number is not None) == (prefix == "004")
    fresh.items[3].text = "全新的事项：建设政务公开专区并配备专人值守。"
    _, docs, report = merge.merge(result.plan.to_doc(), old_docs, fresh)
    assert docs[3]["status"] == "todo" and report.added == 1 and report.removed == ["p1.4"]


# -- one door, no cycle (issue 11 §1)

STORAGE_SIDE = ["repository", "merge", "transaction", "records", "model", "storage", "safety", "import_tx", "identity"]


def _store_imports(path: Path) -> set[str]:
    """Every store module `path` imports, TYPE_CHECKING blocks included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("store"):
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("store")}
    return names


def test_storage_never_imports_the_importer_and_has_no_import_cycle() -> None:
    modules = {f"store.{name}": ROOT / "store" / f"{name}.py" for name in STORAGE_SIDE}
    graph = {m: {n for n in _store_imports(p) if n in modules} for m, p in modules.items()}
    for module, path in modules.items():
        assert not any(n.startswith("duban.store.importer") for n in _store_imports(path)), module
    seen: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        assert seen.get(m) != 1, f"import cycle: {' → '.join([*trail, m])}"
        if seen.get(m) == 2:
            return
        seen[m] = 1
        for n in graph[m]:
            visit(n, [*trail, m])
        seen[m] = 2

    for module in graph:
        visit(module, [])


def test_a_reimport_keeps_the_year_the_plan_was_given(store_path: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    from duban.tui.cli.main import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    rows = [("一、深化公开", "（一）规划公开", f"公开第{k}项规划的编制和实施情况。") for k in range(1, 5)]
    plan = write(tmp_path / "无年份.txt", small_plan("青禾区政务公开工作要点", rows))
    assert main(["--store", str(store_path), "import", "--year", "2020", str(plan)]) == 0
    Repository(store_path, user="alice").set_status(["p1.2"], "doing")
    assert main(["--store", str(store_path), "import", "--dry-run", str(plan)]) == 0
    assert "p1  青禾区政务公开工作要点" in capsys.readouterr().out, "the dry run names the plan it would merge into"
    assert main(["--store", str(store_path), "import", str(plan)]) == 0
    snap = Repository(store_path).load()
    assert [p.year for p in snap.plans] == [2020] and {i.deadline.due for i in snap.items} == {"2020-12-31"}
    assert next(i for i in snap.items if i.id == "p1.2").status == "doing"


def test_the_command_line_says_an_ambiguous_match_in_a_warning_line(store_path: Path, tmp_path: Path, monkeypatch,
                                                                     capsys) -> None:
    from duban.tui.cli.main import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    rows = [("一、深化公开", "（一）规划公开", "公开国民经济和社会发展规划。"), ("", "", SAME), ("", "", SAME)]
    plan = write(tmp_path / "p.txt", small_plan("青禾区2021年政务公开工作要点", rows))
    assert main(["--store", str(store_path), "--lang", "en", "import", str(plan)]) == 0
    assert main(["--store", str(store_path), "set", "p1.2", "done"]) == 0
    assert main(["--store", str(store_path), "set", "p1.3", "blocked"]) == 0
    # One of the two is gone and the other moved to a new work task: which one, nothing says.
    write(plan, small_plan("青禾区2021年政务公开工作要点", [rows[0], ("", "（二）其他", SAME)]))
    capsys.readouterr()
    assert main(["--store", str(store_path), "--lang", "en", "import", "--into", "p1", str(plan)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  warning")]
    assert len(warnings) == 1 and "p1.2, p1.3" in warnings[0] and "cannot be told" in warnings[0]


def test_merge_leaves_its_inputs_alone() -> None:
    before = read_plan(plan_file("002"), "p1")
    old_docs = [i.to_doc() | {"status": "done"} for i in before.items]
    result = read_plan(plan_file("002"), "p1")
    as_read = [i.to_doc() for i in result.items]
    _, docs, report = merge.merge(before.plan.to_doc(), old_docs, result)
    assert [i.to_doc() for i in result.items] == as_read
    assert {d["status"] for d in docs} == {"done"} and report.unchanged == 52


def test_a_file_name_standing_in_for_a_title_is_no_identity() -> None:
    from collections import Counter

    from duban.store.identity import identify, texts

    result = read_plan(plan_file("003"), "p1")
    stored = read_plan(plan_file("003"), "p1").plan
    for plan in (result.plan, stored):
        plan.title, plan.region, plan.source = "附件1.txt", None, "附件1.txt"
    # 40% of the items the same: enough with one real title, not with a file name for one.
    old = texts(i.text for i in result.items[:12]) + Counter(f"其他事项{k}" for k in range(18))
    assert identify(result, [stored], lambda key: old).kind == "doubt"
    result.plan.title = stored.title = "盐湖区政务公开工作要点"
    assert identify(result, [stored], lambda key: old).kind == "same"
