"""The five real plans import to what ../shared/plans/README.md says a correct import yields."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from duban.store.importer import read_plan
from duban.store.importer.plan import ImportResult
from tests.conftest import plan_file

EXPECTED = {  # prefix: (items, main tasks, region, year)
    "000": (67, 5, "红塔区", 2021),
    "001": (36, 14, "云阳县", 2021),
    "002": (52, 6, "六安市叶集区", 2021),
    "003": (30, 5, "盐湖区", 2021),
    "004": (74, 5, "五华区", 2019),
}


@cache
def imported(prefix: str) -> ImportResult:
    return read_plan(plan_file(prefix), "p")


def item(prefix: str, n: int):
    return next(i for i in imported(prefix).items if i.n == n)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_counts_region_and_year(prefix: str) -> None:
    items, mains, region, year = EXPECTED[prefix]
    result = imported(prefix)
    assert len(result.items) == items
    assert len(result.plan.main_tasks) == mains
    assert result.plan.region == region
    assert result.plan.year == year
    assert len({i.id for i in result.items}) == items, "ids are unique"
    assert all(i.units for i in result.items), "every item names its units"
    assert all(i.text and "\t" not in i.text for i in result.items)
    assert not [w for w in result.warnings if "deadline" in w[1]], "every deadline phrase is understood"


def test_000_deadlines_units_and_inherited_units() -> None:
    result = imported("000")
    kinds = Counter(i.deadline.kind for i in result.items)
    assert kinds == {"all_year": 51, "date": 16}
    first = item("000", 1)
    assert first.id == "p.1" and first.deadline.due == "2021-10-30" and first.deadline.raw == "2021年10月30日前"
    assert first.lead_units == ["区发展和改革局"]
    assert first.units == ["区发展和改革局", "区直有关单位"]
    p6 = item("000", 6)
    assert p6.lead_units == ["区发展和改革局", "区财政局"]
    assert "各乡人民政府（街道办事处）" in p6.units
    # "实施领 域" in the source: the stray space inside CJK text is gone.
    assert "实施领域" in item("000", 4).text
    # Seven items have an empty unit cell and take the units of the item above.
    for n, above in ((59, 58), (60, 58), (62, 61), (63, 61), (65, 64), (66, 64), (67, 64)):
        assert item("000", n).units == item("000", above).units
        assert item("000", n).work == item("000", above).work
    assert {i.deadline.due for i in result.items if i.deadline.kind == "date"} >= {"2021-09-30", "2021-12-31", "2021-11-30"}


def test_000_main_task_numbers_and_page_break_repeats() -> None:
    plan = imported("000").plan
    assert [m.number for m in plan.main_tasks] == ["一", "二", "三", "四", "五"]
    assert plan.main_tasks[0].title == "深化重点领域信息公开"
    works = [n for n in plan.nodes if n.level == 2 and n.parent == plan.main_tasks[0].id]
    assert [w.number for w in works] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]


def test_001_implicit_deadlines_points_and_blank_leads() -> None:
    result = imported("001")
    assert {i.deadline.kind for i in result.items} == {"implicit"}
    assert {i.deadline.due for i in result.items} == {"2021-12-31"}
    assert result.plan.main_tasks[0].number == "一"
    assert all("bookmark" not in i.text and "_GoBack" not in i.text for i in result.items)
    first = item("001", 1)
    assert first.text.count("\n") == 1 and first.text.split("\n")[1].startswith("2.")
    assert first.lead_units == ["县发展改革委"] and first.units == ["县发展改革委", "县政府有关部门"]
    # Blank 牵头单位 (a full-width space): the 责任单位 are the only units.
    assert item("001", 2).units == ["县规划自然资源局"]
    last = result.items[-1]
    assert last.text.startswith("1.严格落实") and last.text.count("\n") == 5


def test_002_progress_report_statuses_and_notes() -> None:
    result = imported("002")
    assert [i.n for i in result.items] == list(range(1, 53))
    status = {i.n: i.status for i in result.items}
    assert {n for n, s in status.items() if s == "done"} == {31, 48}
    assert {n for n, s in status.items() if s == "todo"} == {14, 38, 43, 49}
    assert Counter(status.values())["doing"] == 46
    assert item("002", 1).note == "已建立“叶集区规划蓝图”专题,相关规划信息正在完善。"
    assert item("002", 1).history[0].by == "import"
    raws = {i.deadline.raw for i in result.items}
    assert raws == {"年底前", "持续推进", "10月底前", "6月底前"}
    assert item("002", 48).deadline.due == "2021-06-30"
    assert item("002", 9).deadline.kind == "all_year"
    # (四)做好财政信息公开 is its own work task although (三) has the same name.
    plan = result.plan
    assert plan.node(item("002", 8).work).number == "(四)"
    assert plan.node(item("002", 7).work).number == "(三)"
    assert item("002", 8).work != item("002", 7).work
    # Repeated main-task and work-task lines after page breaks make no new nodes.
    assert item("002", 2).work == item("002", 1).work
    assert item("002", 22).work == item("002", 21).work
    assert item("002", 29).work == item("002", 31).work
    # The NBSP line inside item 22 and the page's trailer are not cells of the table.
    assert item("002", 22).units[0] == "区司法局"
    assert item("002", 52).note == "正在进行"


def test_003_doubled_cells_and_mid_word_wraps() -> None:
    result = imported("003")
    plan = result.plan
    assert [m.number for m in plan.main_tasks] == ["1", "2", "3", "4", "5"]
    assert plan.main_tasks[1].title == "优化便民举措提升公开质效"
    titles = [n.title for n in plan.nodes if n.level == 2]
    assert "进一步规范拟发公文公开属性认定" in titles
    assert "加强政策多样化解读" in titles
    assert len(titles) == len(set(titles)) == 13
    assert {i.deadline.kind for i in result.items} == {"implicit"}
    assert item("003", 7).main == item("003", 1).main


def test_004_spanning_header_numbers_and_two_phrases() -> None:
    result = imported("004")
    assert [i.n for i in result.items] == list(range(1, 60)) + list(range(64, 79))
    assert result.plan.main_tasks[0].title == "着眼稳定预期，加强政策解读和回应关切"
    assert item("004", 12).main == item("004", 1).main, "unwrapped repeat of a wrapped main task is the same node"
    assert item("004", 56).main == item("004", 55).main and item("004", 56).work == item("004", 55).work
    two = item("004", 47)
    assert two.deadline.phrases == ["12月底前", "全年工作"] and two.deadline.kind == "date"
    assert two.deadline.due == "2019-12-31"
    assert item("004", 76).deadline.due == "2020-03-31"
    assert item("004", 78).deadline.due == "2020-01-20"
    assert item("004", 14).deadline.due == "2019-10-31"  # "10月底" without 前
    # Merged cells: an empty unit or deadline cell takes the one above.
    assert item("004", 2).units == item("004", 1).units and item("004", 2).deadline == item("004", 1).deadline
    assert item("004", 7).lead_units == ["区政府新闻办", "区政府办"]
    assert all("抄送" not in i.text and "抄送" not in i.deadline.raw for i in result.items)
