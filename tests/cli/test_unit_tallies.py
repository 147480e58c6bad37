"""One tally of a unit (store/tally.py) and one order of units: `duban units`, the app's
units pane, the report's unit tables and the bulletin all rank worst first — most
overdue, then lowest completion, then most items.  Before, `units` and the app skipped
the completion step (most items came first) while the report and the bulletin used it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import InProcess

PLAN = ("某区2026年政务公开任务\n序号\t工作任务\t牵头单位\t完成时限\n"
        "1\t编制预算公开目录\t区财政局负责\t年底前\n"
        "2\t公开部门预算\t区财政局负责\t年底前\n"
        "3\t公开决算\t区财政局负责\t年底前\n"
        "4\t公开审计报告\t区审计局负责\t年底前\n"
        "5\t公开整改情况\t区审计局负责\t年底前\n")


def _stocked(run: InProcess, tmp_path: Path) -> InProcess:
    plan = tmp_path / "plan.tsv"
    plan.write_text(PLAN, encoding="utf-8")
    run("import", "--year", "2026", str(plan))
    run("set", "p1.1", "done")  # 区财政局: 1 of 3 done; 区审计局: 0 of 2
    return run


def test_units_rank_lowest_completion_before_most_items(run: InProcess, tmp_path: Path) -> None:
    cli = _stocked(run, tmp_path)
    units = cli.json("units", "--as-of", "2026-03-01")
    assert [u["name"] for u in units] == ["区审计局", "区财政局"]
    assert units[1] == {"name": "区财政局", "collective": False, "items": 3, "lead": 3, "todo": 2, "doing": 0,
                        "done": 1, "blocked": 0, "overdue": 0}


def test_units_and_the_reports_unit_table_agree(run: InProcess, tmp_path: Path) -> None:
    cli = _stocked(run, tmp_path)
    names = [u["name"] for u in cli.json("units", "--as-of", "2026-03-01")]
    report = cli("report", "--as-of", "2026-03-01", "--format", "md").stdout
    section = report[report.index("三、按单位"):]
    assert section.index(names[0]) < section.index(names[1])


def test_an_unknown_unit_is_said_alike_by_ls_remind_and_collect(run: InProcess, tmp_path: Path) -> None:
    cli = _stocked(run, tmp_path)
    said = {cmd: cli(*args, check=False) for cmd, args in (
        ("ls", ["ls", "--unit", "区财务局"]), ("remind", ["remind", "--unit", "区财务局"]),
        ("collect", ["collect", "--unit", "区财务局", "--out", str(tmp_path / "out")]))}
    for cmd, ran in said.items():
        assert ran.returncode == 2, cmd
        assert "没有名为“区财务局”的单位" in ran.stderr and "最接近的：区财政局" in ran.stderr, (cmd, ran.stderr)
