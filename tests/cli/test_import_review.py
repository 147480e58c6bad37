"""Review before trusting (issue 12 §3): `duban import --dry-run`, the plausibility
check and its refusal, --columns, --header-row; run as the user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.store.test_import_shapes import BROWSER_COPY

# A plan whose unit column has a header no vocabulary knows (承担科室): read as text.
UNKNOWN_UNITS = (
    "某区2024年政务公开任务\n"
    "序号\t工作任务\t承担科室\t完成时限\n"
    "1\t公开部门预算。\t财务股\t6月底前\n"
    "2\t公开部门决算。\t财务股\t9月底前\n"
    "3\t发布统计数据。\t统计股\t每月\n"
    "4\t公开发展规划。\t规划股\t年底前\n"
)


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_dry_run_shows_columns_roles_items_and_check(cli: Cli, tmp_path: Path, store_path: Path) -> None:
    out = cli("import", "--dry-run", str(_file(tmp_path, "copy.txt", BROWSER_COPY)), env={"DUBAN_LANG": "en"}).stdout
    assert not store_path.exists()
    assert "header at line 3" in out and "year 2023" in out
    assert "2. 工作任务  →  item (task)" in out
    assert "3. 具体要求  →  requirement (kept with the item) (requirement)" in out
    assert "4. 牵头单位  →  lead units (lead)" in out
    assert "p1.1  1  做好惠企政策集中发布。" in out
    assert "lead: 市发展改革委 · responsible: 市工业和信息化局、市商务局、市财政局 · deadline: 6月底前 → 2023-06-30" in out
    assert "requirement: 在政府门户网站开设惠企政策专区" in out
    assert "check: passed" in out


def test_dry_run_as_json(cli: Cli, tmp_path: Path) -> None:
    out = cli("import", "--dry-run", "--format", "json", str(_file(tmp_path, "copy.txt", BROWSER_COPY))).stdout
    doc = json.loads(out)
    assert [c["role"] for c in doc["columns"]] == ["seq", "task", "requirement", "lead", "responsible", "deadline"]
    assert doc["columns"][1]["header"] == "工作任务" and doc["plausible"] is True
    first = doc["items"][0]
    assert first["number"] == "1" and first["lead_units"] == ["市发展改革委"]
    assert first["responsible_units"] == ["市工业和信息化局", "市商务局", "市财政局"]
    assert first["deadline"]["due"] == "2023-06-30" and first["requirement"].startswith("在政府门户网站")


def test_implausible_import_is_refused_with_its_cause(cli: Cli, tmp_path: Path, store_path: Path) -> None:
    plan = _file(tmp_path, "plan.tsv", UNKNOWN_UNITS)
    proc = cli("import", str(plan), check=False, env={"DUBAN_LANG": "en"})
    assert proc.returncode == 2 and not store_path.exists()
    assert "4 of 4 items name no unit" in proc.stderr and "牵头单位 / 责任单位 column not found" not in proc.stderr
    assert "no 牵头单位 / 责任单位 column found" in proc.stderr and "--force" in proc.stderr
    review = cli("import", "--dry-run", str(plan), env={"DUBAN_LANG": "en"}).stdout
    assert "check failed" in review and "✗ 4 of 4 items name no unit" in review
    # --force takes the user's word for it.
    cli("import", "--force", str(plan))
    assert len(cli.json("ls")) == 4


@pytest.mark.parametrize("spec", ["seq,task,responsible,deadline", "序号,事项,责任单位,时限"])
def test_columns_name_the_roles(cli: Cli, tmp_path: Path, spec: str) -> None:
    plan = _file(tmp_path, "plan.tsv", UNKNOWN_UNITS)
    cli("import", "--columns", spec, str(plan))
    items = cli.json("ls")
    assert [(i["text"], i["units"]) for i in items][:2] == [("公开部门预算。", ["财务股"]), ("公开部门决算。", ["财务股"])]
    assert items[2]["deadline"]["kind"] == "recurring"


def test_bad_column_name_is_one_line(cli: Cli, tmp_path: Path) -> None:
    proc = cli("import", "--columns", "task,boss", str(_file(tmp_path, "plan.tsv", UNKNOWN_UNITS)), check=False,
               env={"DUBAN_LANG": "en"})
    assert proc.returncode != 0 and "'boss'" in proc.stderr and "Traceback" not in proc.stderr


def test_header_row_and_no_table_error(cli: Cli, tmp_path: Path) -> None:
    text = "通知正文\n附件\n任务\t部门\t时间\n编制公开目录。\t区政府办\t6月底前\n更新公开指南。\t区司法局\t年底前\n"
    plan = _file(tmp_path, "odd.txt", text)
    proc = cli("import", str(plan), check=False, env={"DUBAN_LANG": "en"})
    assert proc.returncode == 2
    assert "工作任务" in proc.stderr and "--columns" in proc.stderr and "--header-row" in proc.stderr
    cli("import", "--header-row", "3", "--columns", "task,responsible,deadline", "--year", "2024", str(plan))
    items = cli.json("ls")
    assert [(i["text"], i["units"], i["deadline"]["due"]) for i in items] == [
        ("编制公开目录。", ["区政府办"], "2024-06-30"), ("更新公开指南。", ["区司法局"], "2024-12-31")]


def test_requirement_is_shown_searched_and_reported(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(_file(tmp_path, "copy.txt", BROWSER_COPY)))
    show = cli("show", "p1.1", "--lang", "en").stdout
    assert "requirement：" in show and "在政府门户网站开设惠企政策专区" in show
    # Words only in the requirement find the item.
    assert [i["id"] for i in cli.json("ls", "--search", "惠企政策专区")] == ["p1.1"]
    assert cli.json("show", "p1.1")["requirement"].startswith("在政府门户网站")
    report = cli("report", "--detail", "--format", "text", "--width", "160", "--as-of", "2023-05-01").stdout
    assert "在政府门户网站开设惠企政策专区" in report
