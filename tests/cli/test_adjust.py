"""The 督办 loop on the command line (issue 10 §1 adjust, §4 sign off, §6 carry over):
each command run in-process through duban.tui.cli.main.main against a real store in a temp dir,
the store file read back from disk, and a few runs as a subprocess for exit codes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from duban.tui.cli.main import main
from tests.conftest import ROOT, Cli

SAMPLE = ROOT / "tui" / "cli" / "sample_plan.txt"  # 青禾区2026年…: 25 items, 4 main tasks, all todo


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def duban(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store_path: Path, capsys: pytest.CaptureFixture):
    """`duban ARGS…` in this process: returns what it printed; asserts the exit code."""
    for key in ("DUBAN_LANG", "DUBAN_USER", "DUBAN_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DUBAN_STORE", str(store_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")

    def run(*args: str, code: int = 0) -> Run:
        capsys.readouterr()
        rc = main(list(args))
        out, err = capsys.readouterr()
        assert rc == code, f"duban {' '.join(args)} exited {rc}: {err}"
        return Run(rc, out, err)

    run("import", "--key", "p1", str(SAMPLE))
    return run


def plan_docs(store_path: Path, key: str = "p1") -> dict[str, dict]:
    """The plan's items as they are in the file on disk."""
    data = json.loads(store_path.with_name("store.plans").joinpath(f"{key}.json").read_text("utf-8"))
    return {d["id"]: d for d in data["items"].values()}


def item(duban, item_id: str) -> dict:
    return duban("show", item_id, "--json").json()


# ------------------------------------------------------------------ §1 edit, 延期

def test_a_deadline_edit_is_an_extension_that_keeps_the_original(duban, store_path: Path) -> None:
    out = duban("edit", "p1.1", "--deadline", "2026年8月15日前", "--reason", "区政府常务会议同意延期").out
    assert "完成时限：6月底前 (2026-06-30) → 2026年8月15日前 (2026-08-15)，延期 46 天" in out
    doc = plan_docs(store_path)["p1.1"]
    assert doc["deadline"]["due"] == "2026-08-15" and doc["original_deadline"]["due"] == "2026-06-30"
    entry = doc["history"][-1]
    assert entry["field"] == "deadline" and entry["reason"] == "区政府常务会议同意延期"
    assert entry["old"]["due"] == "2026-06-30" and entry["new"]["due"] == "2026-08-15" and entry["by"]
    shown = duban("show", "p1.1").out
    assert "原定时限：6月底前 (2026-06-30)，延期 46 天" in shown and "（理由：区政府常务会议同意延期）" in shown
    listed = item(duban, "p1.1")
    assert listed["extended_days"] == 46 and listed["original_deadline"] == {"raw": "6月底前", "due": "2026-06-30"}
    # a second extension still measures from the deadline handed out
    duban("edit", "p1.1", "--deadline", "2026-09-30", "--reason", "再次延期")
    assert item(duban, "p1.1")["extended_days"] == 92
    report = duban("report", "--as-of", "2026-07-01", "--format", "text").out
    assert "延期事项" in report and "共延 92 天" in report and "附一、延期事项" in report


def test_edit_text_and_units_each_leave_an_entry_shown_in_log(duban, store_path: Path) -> None:
    out = duban("edit", "p1.2", "--text", "建立政策文件库并按月更新", "--lead", "区司法局", "--units",
                "区财政局、区审计局", "--reason", "分工调整").out
    assert out.count("p1.2：") == 3
    doc = plan_docs(store_path)["p1.2"]
    assert doc["text"] == "建立政策文件库并按月更新"
    assert doc["lead_units"] == ["区司法局"] and doc["units"] == ["区司法局", "区财政局", "区审计局"]
    assert [h["field"] for h in doc["history"]] == ["text", "lead", "responsible"]
    log = duban("log", "p1.2", "--json").json()
    assert {e["field"] for e in log} == {"text", "lead", "responsible"} and all(e["reason"] == "分工调整" for e in log)
    assert "牵头单位：区政府办公室 → 区司法局" in duban("log", "p1.2").out
    assert duban("ls", "--unit", "区审计局", "--json").json()[0]["id"] == "p1.2"
    unchanged = duban("edit", "p1.2", "--lead", "区司法局", "--reason", "同上").out
    assert "没有变化" in unchanged and len(plan_docs(store_path)["p1.2"]["history"]) == 3


def test_undo_reverts_a_whole_edit_of_several_fields(duban, store_path: Path) -> None:
    before = plan_docs(store_path)["p1.5"]
    duban("edit", "p1.5", "--text", "改过的文字", "--lead", "区司法局", "--deadline", "年底前", "--reason", "调整")
    out = duban("undo").out
    assert out.count("↶") == 3
    after = plan_docs(store_path)["p1.5"]
    for key in ("text", "lead_units", "units", "deadline"):
        assert after[key] == before[key], key
    assert "original_deadline" not in after, "moved back: no longer extended"
    assert all(h["undone"] for h in after["history"] if h.get("field") and not h.get("undo"))
    assert "没有可撤销的更改" in duban("undo", code=2).err


def test_edit_mistakes_are_one_line_and_change_nothing(cli: Cli, store_path: Path) -> None:
    cli("import", "--key", "p1", str(SAMPLE))
    before = store_path.with_name("store.plans").joinpath("p1.json").read_bytes()
    for args, words in ((["edit", "p1.1", "--deadline", "下周", "--reason", "x"], "下周"),
                        (["edit", "p1.1", "--deadline", "年底前"], "--reason"),
                        (["edit", "p1.1", "--reason", "x"], "--deadline"),
                        (["edit", "p1.99", "--text", "x", "--reason", "x"], "p1.99"),
                        (["edit", "p1.1", "--text", "  ", "--reason", "x"], "不能为空")):
        proc = cli(*args, check=False)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, (args, proc.stderr)
        assert words in proc.stderr and "Traceback" not in proc.stderr
    assert store_path.with_name("store.plans").joinpath("p1.json").read_bytes() == before


# ------------------------------------------------------------------ §1 add, rm

def test_add_an_item_and_a_work_task_under_a_main_task(duban, store_path: Path) -> None:
    out = duban("add", "--plan", "p1", "--under", "m1", "--work-task", "加强政策咨询").out
    assert "已新增工作任务 m1.3：加强政策咨询" in out, out  # m1 holds （一） and （二）: the new one is （三）, m1.3
    node = next(n for n in duban("plans", "--json").json() if n["key"] == "p1")
    assert node["main_tasks"] == 4
    out = duban("add", "--plan", "p1", "--under", "加强政策咨询", "开通政策咨询热线", "--lead", "区政务服务局",
                "--units", "区司法局", "--deadline", "9月底前", "--reason", "区长办公会交办").out
    assert "p1.26" in out
    new = item(duban, "p1.26")
    assert new["work_task"].endswith("加强政策咨询") and new["main_task"].startswith("一")
    assert new["lead_units"] == ["区政务服务局"] and new["deadline"]["due"] == "2026-09-30"
    assert plan_docs(store_path)["p1.26"]["history"][0]["field"] == "added"
    assert len(duban("ls", "--json").json()) == 26
    proc = duban("add", "--plan", "p1", "--under", "m9", "x", code=2)
    assert "m9" in proc.err and "m1" in proc.err, "names the task asked for and the ones there are"
    duban("undo")  # undoing an addition withdraws the item
    assert len(duban("ls", "--json").json()) == 25 and plan_docs(store_path)["p1.26"]["withdrawn"]


def test_rm_withdraws_out_of_counts_and_rm_undo_restores(duban, store_path: Path) -> None:
    assert "p1.3" in duban("rm", "p1.3", "--reason", "与第2项重复").out
    assert plan_docs(store_path)["p1.3"]["withdrawn"] is True
    ids = [i["id"] for i in duban("ls", "--json").json()]
    assert "p1.3" not in ids and len(ids) == 24
    assert "p1.3" in [i["id"] for i in duban("ls", "--withdrawn", "--json").json()]
    assert "已撤销" in duban("show", "p1.3").out and "与第2项重复" in duban("log", "p1.3").out
    units = {u["name"]: u["items"] for u in duban("units", "--json").json()}
    report = duban("report", "--format", "text", "--as-of", "2026-01-10").out
    assert re.search(r"│ 事项\s+│\s+24 │ 100.0% │", report), "the overview counts 24 items"
    assert units["区政府各部门"] < 25
    assert "--reason" in duban("rm", "p1.4", code=2).err
    assert "已恢复" in duban("rm", "--undo", "p1.3").out
    assert len(duban("ls", "--json").json()) == 25 and "withdrawn" not in plan_docs(store_path)["p1.3"]
    assert "没有被撤销" in duban("rm", "--undo", "p1.3").out
    duban("rm", "p1.4", "--reason", "并入第2项")
    assert "rm --undo p1.4" in duban("edit", "p1.4", "--text", "x", "--reason", "x", code=2).err


# ------------------------------------------------------------------ §1 plans: rename, archive

def test_rename_and_archive_a_plan(duban, store_path: Path) -> None:
    out = duban("plans", "--rename", "p1", "--title", "青禾区2026年政务公开工作要点", "--region", "青禾区",
                "--year", "2026").out
    assert "标题：青禾区2026年政务公开工作要点任务清单（示例） → 青禾区2026年政务公开工作要点" in out
    assert duban("plans", "--json").json()[0]["title"] == "青禾区2026年政务公开工作要点"
    duban("plans", "--archive", "p1")
    assert duban("plans", "--json").json() == [] and "1 个已归档方案" in duban("plans").out
    assert duban("ls", "--json").json() == [], "out of the default view"
    assert len(duban("ls", "--plan", "p1", "--json").json()) == 25, "still reached by key"
    assert len(duban("ls", "--archived", "--search", "预算", "--json").json()) == 1, "still searchable"
    assert "青禾区" in duban("report", "--plan", "p1", "--format", "text").out
    duban("plans", "--unarchive", "p1")
    assert len(duban("ls", "--json").json()) == 25
    assert "--title" in duban("plans", "--rename", "p1", code=2).err
    assert "p9" in duban("plans", "--archive", "p9", code=2).err


# ------------------------------------------------------------------ §4 sign off

def test_signoff_needs_done_records_evidence_and_can_be_cancelled(duban, store_path: Path) -> None:
    duban("set", "p1.8", "done")
    refused = duban("signoff", "p1.8", "p1.9", "--evidence", "青财〔2026〕3号", code=2)
    assert "p1.9" in refused.err and "进行中" not in refused.err and "未开始" in refused.err
    assert "signoff" not in plan_docs(store_path)["p1.8"], "all or none"
    assert "--evidence" in duban("signoff", "p1.8", code=2).err
    duban("signoff", "p1.8", "--evidence", "青财〔2026〕3号")
    signoff = plan_docs(store_path)["p1.8"]["signoff"]
    assert signoff["evidence"] == "青财〔2026〕3号" and signoff["by"] and signoff["at"]
    listed = item(duban, "p1.8")
    assert listed["signoff"]["evidence"] == "青财〔2026〕3号" and item(duban, "p1.9")["signoff"] is None
    assert "已销号" in duban("ls", "--plan", "p1").out
    assert "销号：" in duban("show", "p1.8").out
    assert "已由" in duban("signoff", "p1.8", "--evidence", "again", code=2).err
    report = duban("report", "--format", "text", "--as-of", "2026-04-01").out
    overview = report.split("二、")[0]
    assert "已完成" in overview and "已销号" in overview
    assert "--reason" in duban("signoff", "--undo", "p1.8", code=2).err
    duban("signoff", "--undo", "p1.8", "--reason", "证据不全")
    assert "signoff" not in plan_docs(store_path)["p1.8"] and item(duban, "p1.8")["signoff"] is None
    duban("signoff", "p1.8", "--evidence", "补充材料")
    duban("set", "p1.8", "doing")
    assert item(duban, "p1.8")["signoff"] is None, "reopened: the sign-off no longer stands"
    duban("set", "p1.8", "done")
    assert item(duban, "p1.8")["signoff"] is None, "done again: it needs a new sign-off"
    duban("signoff", "p1.8", "--evidence", "第二次")
    assert item(duban, "p1.8")["signoff"]["evidence"] == "第二次"


def test_done_but_not_signed_off_for_too_long_is_listed(duban, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from duban.store import author

    monkeypatch.setattr(author, "now", lambda: "2026-03-02T09:00:00.000+08:00")
    duban("set", "p1.8", "p1.9", "done")
    duban("signoff", "p1.9", "--evidence", "网站截图")
    report = duban("report", "--format", "text", "--as-of", "2026-03-10").out
    section = report.split("附二、已完成超过 5 个工作日仍未销号")[1]
    # done Monday 2 March, as of Tuesday 10 March: 3–6 and 9–10 March, six working days
    assert "p1.8" in section and "p1.9" not in section and re.search(r"p1\.8 .*│ +6 │", section)
    assert "附二" not in duban("report", "--format", "text", "--as-of", "2026-03-06").out
    (tmp_path / "config" / "duban").mkdir(parents=True, exist_ok=True)
    (tmp_path / "config" / "duban" / "config.toml").write_text("signoff_days = 10\n", encoding="utf-8")
    assert "附二" not in duban("report", "--format", "text", "--as-of", "2026-03-10").out


def test_sign_off_lateness_counts_working_days(duban, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Done on the eve of the National Day week: eleven calendar days later is three
    working days (8 October, Saturday 9 October 调休, 11 October), not yet late."""
    from duban.store import author

    monkeypatch.setattr(author, "now", lambda: "2021-09-30T17:00:00.000+08:00")
    duban("set", "p1.8", "done")
    assert "附二" not in duban("report", "--format", "text", "--as-of", "2021-10-11").out
    # 12–15 October and Monday 18: eight working days in all, over the five allowed
    section = duban("report", "--format", "text", "--as-of", "2021-10-18").out.split("附二、")[1]
    assert "已完成超过 5 个工作日仍未销号" in section and "完成工作日" in section
    assert re.search(r"p1\.8 .*│ +8 │", section), section
    (tmp_path / "config" / "duban").mkdir(parents=True, exist_ok=True)
    (tmp_path / "config" / "duban" / "config.toml").write_text('days = "calendar"\n', encoding="utf-8")
    section = duban("report", "--format", "text", "--as-of", "2021-10-11").out.split("附二、")[1]
    assert "已完成超过 5 天仍未销号" in section and re.search(r"p1\.8 .*│ +11 │", section), section


# ------------------------------------------------------------------ §6 carry over

def next_year(tmp_path: Path) -> Path:
    text = SAMPLE.read_text("utf-8").replace("2026", "2027")
    path = tmp_path / "qinghe-2027.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_carry_copies_the_unfinished_into_next_years_plan(duban, store_path: Path, tmp_path: Path) -> None:
    duban("set", "p1.1", "p1.2", "done")
    duban("set", "p1.5", "doing", "--note", "已开展两次")
    duban("rm", "p1.25", "--reason", "不再开展")
    duban("import", "--key", "p2", str(next_year(tmp_path)))
    before = store_path.with_name("store.plans").joinpath("p2.json").read_bytes()
    preview = duban("carry", "p1", "--into", "p2", "--dry-run").out
    assert "22 项" in preview and "p1.3 " in preview and "p1.1 " not in preview and "p1.25" not in preview
    assert store_path.with_name("store.plans").joinpath("p2.json").read_bytes() == before, "a dry run writes nothing"
    out = duban("carry", "p1", "--into", "p2").out
    assert "22" in out and "上年未完成事项" in out
    carried = [i for i in duban("ls", "--plan", "p2", "--json").json() if i["carried_from"]]
    assert [i["carried_from"] for i in carried] == [f"p1.{n}" for n in range(3, 25)]
    assert {i["main_task"] for i in carried} == {"上年未完成事项"}
    assert {i["work_task"] for i in carried} == {"p1 一、提升政策公开质量", "p1 二、深化重点领域公开",
                                                 "p1 三、加强平台建设", "p1 四、强化工作保障"}, "grouped by last year's main task"
    five = next(i for i in carried if i["carried_from"] == "p1.5")
    assert five["status"] == "doing" and five["note"] == "已开展两次" and five["deadline"]["due"] == "2027-12-31"
    assert "结转自：p1.5" in duban("show", five["id"]).out
    origin = plan_docs(store_path)["p1.5"]
    assert origin["carried_to"] == five["id"] and origin["history"][-1]["field"] == "carried_to"
    assert f"结转至 {five['id']}" in duban("log", "p1.5").out
    assert "22 项" in duban("carry", "p1", "--into", "p2").out.replace("其中 ", ""), "nothing copied twice"
    assert len(duban("ls", "--plan", "p2", "--json").json()) == 25 + 22
    report = duban("report", "--plan", "p1", "--format", "text", "--as-of", "2026-12-31").out
    assert "附三、结转下年（22 项）" in report and five["id"] in report
    duban("undo")
    assert len(duban("ls", "--plan", "p2", "--json").json()) == 25 and "carried_to" not in plan_docs(store_path)["p1.5"]
    assert "不能结转到它自己" in duban("carry", "p1", "--into", "p1", code=2).err


# ------------------------------------------------------------------ the model stays readable both ways

def test_items_never_adjusted_are_stored_as_before() -> None:
    from duban.store.model import HistoryEntry, Item

    old = {"id": "p1.1", "plan": "p1", "n": 1, "text": "t", "lead_units": [], "units": [],
           "deadline": {"raw": "", "kind": "implicit", "due": "2026-12-31"},
           "history": [{"at": "2026-01-01T00:00:00", "by": "a", "from": None, "to": "todo", "note": None}]}
    item = Item.from_doc(old)
    assert not item.withdrawn and item.signoff is None and item.original_deadline is None
    assert item.extension_days == 0 and item.history[0].field is None
    assert set(item.to_doc()) == {"id", "plan", "n", "number", "main", "work", "text", "lead_units", "units",
                                  "units_raw", "deadline", "status", "history", "line"}
    assert "field" not in HistoryEntry.from_doc(old["history"][0]).to_doc()


def test_exit_codes_as_a_subprocess(cli_process: Cli, store_path: Path) -> None:
    cli = cli_process
    cli("import", "--key", "p1", str(SAMPLE))
    assert cli("edit", "p1.1", "--deadline", "9月底前", "--reason", "延期").returncode == 0
    for args in (["signoff", "p1.1", "--evidence", "x"], ["carry", "p1", "--into", "p9"],
                 ["rm", "p1.1"], ["add", "--plan", "p1", "x"]):
        proc = cli(*args, check=False)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    english = cli("--lang", "en", "signoff", "p1.1", "--evidence", "x", check=False).stderr
    assert "not done yet (it is todo)" in english


def test_import_with_carry_from(duban, store_path: Path, tmp_path: Path) -> None:
    duban("set", "p1.1", "done")
    out = duban("import", str(next_year(tmp_path)), "--carry-from", "p1").out
    assert "已导入" in out and "24 项未完成事项" in out
    carried = [i for i in duban("ls", "--plan", "p2", "--json").json() if i["carried_from"]]
    assert len(carried) == 24 and carried[0]["id"].startswith("p2.")
    assert "p9" in duban("import", str(next_year(tmp_path)), "--carry-from", "p9", code=2).err


def test_a_reimport_keeps_what_was_done_in_duban(duban, store_path: Path) -> None:
    duban("add", "--plan", "p1", "--under", "m1", "--work-task", "加强政策咨询")
    duban("add", "--plan", "p1", "--under", "加强政策咨询", "开通政策咨询热线", "--reason", "交办")
    duban("rm", "p1.3", "--reason", "重复")
    duban("edit", "p1.4", "--deadline", "2027-01-31", "--reason", "延期")
    duban("set", "p1.8", "done")
    duban("signoff", "p1.8", "--evidence", "青财〔2026〕3号")
    duban("plans", "--archive", "p1")
    duban("import", "--key", "p1", str(SAMPLE))
    docs = plan_docs(store_path)
    assert docs["p1.26"]["text"] == "开通政策咨询热线" and item(duban, "p1.26")["work_task"].endswith("加强政策咨询")
    assert docs["p1.3"]["withdrawn"] and docs["p1.8"]["signoff"]["evidence"] == "青财〔2026〕3号"
    assert docs["p1.4"]["deadline"]["due"] == "2027-01-31" and docs["p1.4"]["original_deadline"]
    assert duban("plans", "--json").json() == [], "still archived"


def test_undo_takes_back_a_rename_or_an_archiving(duban, store_path: Path) -> None:
    duban("set", "p1.1", "doing")
    duban("plans", "--rename", "p1", "--title", "新标题", "--year", "2027")
    duban("plans", "--archive", "p1")
    assert "归档" in duban("undo").out
    assert duban("plans", "--json").json()[0]["title"] == "新标题", "unarchived, still renamed"
    out = duban("undo").out
    assert "新标题 →" in out
    plan = duban("plans", "--json").json()[0]
    assert plan["title"].endswith("（示例）") and plan["year"] == 2026
    duban("undo")
    assert item(duban, "p1.1")["status"] == "todo", "then the item change before them"


@pytest.mark.parametrize(("field", "value", "words"), [
    ("signoff", 5, "signoff"), ("withdrawn", "yes", "withdrawn"), ("original_deadline", {"raw": "x"}, "deadline.kind"),
    ("carried_to", ["p2.1"], "carried_to"),
])
def test_a_damaged_loop_field_is_one_line(cli: Cli, store_path: Path, field: str, value: object, words: str) -> None:
    cli("import", "--key", "p1", str(SAMPLE))
    plan_file = store_path.with_name("store.plans") / "p1.json"
    data = json.loads(plan_file.read_text("utf-8"))
    data["items"]["3"][field] = value
    plan_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = cli("ls", check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert words in proc.stderr and "p1.3" in proc.stderr
