"""The importer on small plans written for these tests (issue 11 §6): shapes and words the
five reference plans never show, so the importer is checked beyond the files it was built
against.  Every plan here is our own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.store import vocab
from duban.store.importer import parse_plan_text
from duban.store.repository import Repository
from tests.conftest import PLANS
from tests.store.invariants import check_plan

# The header words each reference plan uses (their README's table), where ../shared is here.
REFERENCE_HEADERS = "\n".join(p.read_text(encoding="utf-8")[:4000] for p in sorted(PLANS.glob("0*.txt")))
ALWAYS_USED = {"序号", "工作任务", "牵头单位", "责任单位", "完成时限"}  # the headers of the plans below


def _words(role: str) -> list[str]:
    return [w for w in vocab.load("headers")[role] if w not in ALWAYS_USED]


def _plan(header: list[str], rows: list[list[str]], title: str = "某县2023年政务公开工作任务表") -> str:
    return "\n".join([title, "\t".join(header), *("\t".join(r) for r in rows)]) + "\n"


ROWS = [
    ["1", "编制主动公开目录。", "县政府办", "县直各部门", "6月底前"],
    ["2", "更新政府信息公开指南。", "县司法局", "各乡镇人民政府", "10月底前"],
]


@pytest.mark.parametrize("word", _words("lead"))
def test_every_lead_header_word(word: str) -> None:
    result = parse_plan_text(_plan(["序号", "工作任务", word, "责任单位", "完成时限"], ROWS), "w.txt", "w")
    assert [i.lead_units for i in result.items] == [["县政府办"], ["县司法局"]], word
    assert result.items[0].units == ["县政府办", "县直各部门"]


@pytest.mark.parametrize("word", _words("responsible"))
def test_every_responsible_header_word(word: str) -> None:
    result = parse_plan_text(_plan(["序号", "工作任务", "牵头单位", word, "完成时限"], ROWS), "w.txt", "w")
    assert [i.units for i in result.items] == [["县政府办", "县直各部门"], ["县司法局", "各乡镇人民政府"]], word
    assert [i.lead_units for i in result.items] == [["县政府办"], ["县司法局"]]


@pytest.mark.parametrize("word", _words("deadline"))
def test_every_deadline_header_word(word: str) -> None:
    result = parse_plan_text(_plan(["序号", "工作任务", "牵头单位", "责任单位", word], ROWS), "w.txt", "w")
    assert [i.deadline.due for i in result.items] == ["2023-06-30", "2023-10-31"], word


@pytest.mark.parametrize("word", _words("seq"))
def test_every_number_header_word(word: str) -> None:
    rows = [["7", *ROWS[0][1:]], ["9", *ROWS[1][1:]]]
    result = parse_plan_text(_plan([word, "工作任务", "牵头单位", "责任单位", "完成时限"], rows), "w.txt", "w")
    assert [(i.id, i.text) for i in result.items] == [("w.7", "编制主动公开目录。"), ("w.9", "更新政府信息公开指南。")], word


@pytest.mark.parametrize("word", _words("progress"))
def test_every_progress_header_word(word: str) -> None:
    rows = [[*ROWS[0], "已完成"], [*ROWS[1], "正在梳理目录"]]
    result = parse_plan_text(_plan(["序号", "工作任务", "牵头单位", "责任单位", "完成时限", word], rows), "w.txt", "w")
    assert [i.status for i in result.items] == ["done", "doing"], word
    assert result.items[1].note == "正在梳理目录"


@pytest.mark.parametrize("word", [w for w in _words("task") if w not in REFERENCE_HEADERS][:12])
def test_task_header_words_no_reference_plan_uses(word: str) -> None:
    result = parse_plan_text(_plan(["序号", word, "牵头单位", "责任单位", "完成时限"], ROWS), "w.txt", "w")
    assert [i.text for i in result.items] == ["编制主动公开目录。", "更新政府信息公开指南。"], word
    check_plan(result, "w")


def test_a_table_without_a_number_column_numbers_its_items_in_order() -> None:
    text = _plan(["主要任务", "工作任务", "牵头单位", "完成时限"], [
        ["一、推进决策公开", "公开重大决策事项目录。", "县司法局", "6月底前"],
        ["", "做好决策草案意见征集。", "县司法局", "年底前"],
        ["二、加强平台建设", "整合政务新媒体账号。", "县委网信办", "9月底前"],
    ])
    result = parse_plan_text(text, "noseq.txt", "n")
    check_plan(result, "n")
    assert [(i.id, i.number, i.text) for i in result.items] == [
        ("n.1", None, "公开重大决策事项目录。"), ("n.2", None, "做好决策草案意见征集。"), ("n.3", None, "整合政务新媒体账号。")]
    assert [n.title for n in result.plan.main_tasks] == ["推进决策公开", "加强平台建设"]
    assert result.items[0].main == result.items[1].main != result.items[2].main


WEB_WITHOUT_NUMBERS = """首页 > 政务公开 > 计划总结
某镇2022年政务公开工作任务清单
发布时间：2022-03-01

工作任务

具体要求

责任单位

完成时限

一、推进权力运行公开

及时调整并公开镇权责清单。

镇党政办

6月底前

落实行政执法公示制度。

镇综合执法队

年底前

二、做好基层公开

按季度公开村级财务收支。

各村民委员会

每季度
"""


def test_web_text_without_item_numbers() -> None:
    """002's shape (a page's text: a cell a line, blank lines between, headings in the first
    column) without its item numbers: rows are told apart by the columns' count."""
    result = parse_plan_text(WEB_WITHOUT_NUMBERS, "page.txt", "g")
    check_plan(result, "g")
    assert result.review.plausible  # type: ignore[attr-defined]
    assert result.plan.year == 2022
    assert [(i.id, i.text) for i in result.items] == [
        ("g.1", "及时调整并公开镇权责清单。"), ("g.2", "落实行政执法公示制度。"), ("g.3", "按季度公开村级财务收支。")]
    assert [i.units for i in result.items] == [["镇党政办"], ["镇综合执法队"], ["各村民委员会"]]
    assert [i.deadline.due for i in result.items[:2]] == ["2022-06-30", "2022-12-31"]
    assert result.items[2].deadline.kind == "recurring"
    assert [n.title for n in result.plan.main_tasks] == ["推进权力运行公开", "做好基层公开"]
    assert result.items[0].main == result.items[1].main != result.items[2].main


def test_web_text_with_a_title_per_row_and_no_numbers_is_never_imported_askew() -> None:
    """The same page with a short title per row (工作任务) and no numbers: rows cannot be
    counted out by the columns.  Whatever is read, an item whose text is a unit or a
    deadline is never stored without the user's --force: the review refuses it."""
    titled = WEB_WITHOUT_NUMBERS
    for title, requirement in (("公开权责清单", "及时调整并公开镇权责清单。"), ("公开执法信息", "落实行政执法公示制度。"),
                               ("公开村务财务", "按季度公开村级财务收支。")):
        titled = titled.replace(requirement, f"{title}\n\n{requirement}")
    result = parse_plan_text(titled, "page.txt", "g")
    check_plan(result, "g")
    askew = [i.text for i in result.items if i.text in ("6月底前", "年底前", "镇党政办", "镇综合执法队")]
    assert not askew or not result.review.plausible, askew  # type: ignore[attr-defined]


def test_a_header_repeated_inside_a_tsv_is_not_a_row() -> None:
    header = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]
    text = _plan(header, [
        ROWS[0], header, ROWS[1],  # a spreadsheet printed with its header on every page, then pasted
        ["3", "公开财政预决算。", "县财政局", "县直各部门", "年底前"], header,
    ])
    result = parse_plan_text(text, "repeat.tsv", "t")
    check_plan(result, "t")
    assert [i.text for i in result.items] == ["编制主动公开目录。", "更新政府信息公开指南。", "公开财政预决算。"]
    assert not any("序号" in i.text or "牵头单位" in i.units_raw for i in result.items)


def test_an_empty_unit_cell_takes_the_units_of_the_row_above() -> None:
    """The plans README: an empty cell is merged with the one above, units included (000: within
    a work task; 004: also where a new work task starts beside a unit cell merged over both).
    The first item with no unit above it names none, and says so."""
    text = _plan(["序号", "主要任务", "工作任务", "具体事项", "牵头单位", "完成时限"], [
        ["1", "一、推进决策公开", "（一）决策预公开", "公开决策事项目录。", "", "6月底前"],
        ["2", "", "", "征集公众意见。", "县司法局", "6月底前"],
        ["3", "", "", "公开意见采纳情况。", "", "9月底前"],
        ["4", "", "（二）政策解读", "同步发布解读材料。", "", "年底前"],
        ["5", "二、加强平台建设", "（三）网站普查", "开展网站季度检查。", "县委网信办", "每季度"],
    ])
    result = parse_plan_text(text, "units.txt", "u")
    check_plan(result, "u")
    assert [i.units for i in result.items] == [[], ["县司法局"], ["县司法局"], ["县司法局"], ["县委网信办"]]
    assert result.items[2].work == result.items[1].work != result.items[3].work
    assert [line for line, message in result.warnings if "u.1" in str(message)], "the item with no unit is named"
    assert not [m for _, m in result.warnings if "u.3" in str(m) or "u.4" in str(m)]


def test_reimports_that_add_and_remove_rows_keep_each_items_own_status(tmp_path: Path) -> None:
    def plan(rows: list[list[str]]) -> str:
        return _plan(["序号", "工作任务", "牵头单位", "责任单位", "完成时限"], rows, "某县2023年政务公开重点任务")

    first = [["1", "编制主动公开目录。", "县政府办", "县直各部门", "6月底前"],
             ["2", "更新政府信息公开指南。", "县司法局", "各乡镇人民政府", "10月底前"],
             ["3", "公开财政预决算。", "县财政局", "县直各部门", "年底前"],
             ["4", "开展政务公开培训。", "县政府办", "各乡镇人民政府", "年底前"]]
    repo = Repository(tmp_path / "store.json", user="tester")
    report = repo.import_plan(parse_plan_text(plan(first), "plan.txt", "r"))
    repo.set_status([f"{report.key}.2"], "done")
    repo.set_status([f"{report.key}.4"], "blocked")
    # Row 3 removed, a new row between 1 and 2, the rest moved down.
    second = [first[0], ["2", "公开重大建设项目批准信息。", "县发展改革局", "", "9月底前"],
              ["3", *first[1][1:]], ["4", *first[3][1:]]]
    again = repo.import_plan(parse_plan_text(plan(second), "plan.txt", "r"))
    assert (again.key, again.new_plan, again.added) == (report.key, False, 1)
    assert again.removed == [f"{report.key}.3"]
    items = {i.text: i for i in repo.load().items}
    assert set(items) == {"编制主动公开目录。", "公开重大建设项目批准信息。", "更新政府信息公开指南。", "开展政务公开培训。"}
    assert items["更新政府信息公开指南。"].status == "done" and items["更新政府信息公开指南。"].history
    assert items["开展政务公开培训。"].status == "blocked"
    assert items["公开重大建设项目批准信息。"].status == "todo" and not items["公开重大建设项目批准信息。"].history
    # And back: the removed row returns as a new item, the added one goes.
    third = repo.import_plan(parse_plan_text(plan(first), "plan.txt", "r"))
    assert third.added == 1 and len(third.removed) == 1
    assert {i.text: i.status for i in repo.load().items}["更新政府信息公开指南。"] == "done"
