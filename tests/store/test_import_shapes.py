"""Text shapes people paste (issue 12 §2), each from a small plan written for this test."""

from __future__ import annotations

import pytest

from duban.store import deadlines
from duban.store.importer import parse_plan_text
from duban.store.importer.cells import Cell
from duban.store.importer.plan import build_plan
from duban.store.importer.rows import read_table_from_rows

BROWSER_COPY = """首页 > 政务公开 > 工作要点
某某市2023年政务公开工作任务分解表
序号\t工作任务\t具体要求\t牵头单位\t责任单位\t完成时限
一、着力推进政策发布解读
1\t1.做好惠企政策集中发布。\t在政府门户网站开设惠企政策专区，分类汇总涉企政策。
及时更新政策兑现流程。\t市发展改革委\t市工业和信息化局
市商务局
市财政局\t6月底前
2\t2.加强政策解读回应。\t重要政策出台后同步发布解读材料。\t市政府办公室\t各区县人民政府\t政策出台后3个工作日内
3\t3.开展政策吹风活动。\t每季度组织一次政策吹风会。\t市政府新闻办\t市直各部门\t每季度
二、持续优化政务服务公开
4\t4.公开办事指南。\t动态调整政务服务事项清单。\t市政务服务
管理中心\t各县（区）人民政府\t三季度末
5\t5.推进“一件事”公开。\t梳理公布“一件事”办理流程。\t市政务服务管理中心
（市审改办）\t市直有关部门\t上半年
抄送：市委办公室
"""


def test_browser_copy_with_spilled_cells_and_heading_rows() -> None:
    result = parse_plan_text(BROWSER_COPY, "copy.txt", "b")
    assert result.plan.year == 2023 and result.plan.layout == "rows"
    assert [m.label for m in result.plan.main_tasks] == ["一、着力推进政策发布解读", "二、持续优化政务服务公开"]
    assert [(i.n, i.number, i.text) for i in result.items] == [
        (1, "1", "做好惠企政策集中发布。"), (2, "2", "加强政策解读回应。"), (3, "3", "开展政策吹风活动。"),
        (4, "4", "公开办事指南。"), (5, "5", "推进“一件事”公开。"),
    ]
    first, second, third, fourth, fifth = result.items
    # The title is the item; the requirement column is kept with it, both paragraphs.
    assert first.requirement == "在政府门户网站开设惠企政策专区，分类汇总涉企政策。及时更新政策兑现流程。"
    assert first.lead_units == ["市发展改革委"]
    assert first.units == ["市发展改革委", "市工业和信息化局", "市商务局", "市财政局"]
    assert fourth.lead_units == ["市政务服务管理中心"], "a unit name broken over two lines is one name"
    assert fourth.units[1] == "各县（区）人民政府", "a collective name stays whole"
    assert fifth.lead_units == ["市政务服务管理中心（市审改办）"], "a bracket line belongs to the unit above"
    assert (second.deadline.kind, third.deadline.kind) == ("relative", "recurring")
    assert (fourth.deadline.due, fifth.deadline.due) == ("2023-09-30", "2023-06-30")
    assert fifth.deadline.raw == "上半年", "the 抄送 line after the table is not data"
    assert fourth.main != first.main and fifth.main == fourth.main
    assert not result.warnings


def test_row_spanning_cells_appear_only_in_their_first_row() -> None:
    text = (
        "2022年某县政务公开任务\n"
        "主 要 任 务\t具 体 事 项\t牵 头 单 位\t完成时限\n"
        "一、深化决策公开\t推进重大决策预公开。\t县司法局\t6月底前\n"
        "\t公开决策事项目录。\t县政府办\t\n"
        "做好解读回应工作。\t县政府办\n"
        "二、加强平台建设\t整合政务新媒体。\t县委网信办\t年底前\n"
        "开展网站普查。\t县政府办\n"
    )
    result = parse_plan_text(text, "span.txt", "s")
    assert [i.text for i in result.items] == [
        "推进重大决策预公开。", "公开决策事项目录。", "做好解读回应工作。", "整合政务新媒体。", "开展网站普查。"]
    items = result.items
    assert [i.lead_units for i in items] == [["县司法局"], ["县政府办"], ["县政府办"], ["县委网信办"], ["县政府办"]]
    assert [i.deadline.due for i in items] == ["2022-06-30"] * 3 + ["2022-12-31"] * 2, "a spanned deadline is inherited"
    assert items[2].main == items[0].main and items[4].main == items[3].main != items[0].main


def test_columns_in_any_order_and_header_synonyms() -> None:
    text = (
        "某区2024年政务公开工作安排\n"
        "时间节点\t配合\t牵头部门\t工作任务\t序号\n"
        "年底前\t各街道办事处\t区财政局\t公开预决算信息。\t1\n"
        "每月10日前\t区直各部门\t区统计局\t发布统计数据。\t2\n"
    )
    result = parse_plan_text(text, "order.txt", "o")
    first, second = result.items
    assert first.text == "公开预决算信息。" and first.lead_units == ["区财政局"]
    assert first.units == ["区财政局", "各街道办事处"]
    assert second.deadline.kind == "recurring" and second.deadline.raw == "每月10日前"


def test_numbering_restarting_under_each_main_task_keeps_ids_unique() -> None:
    text = "某县2023年政务公开任务表\n序号\t主要任务\t具体事项\t责任单位\n" + "".join(
        f"{n}\t{main if n == 1 else ''}\t事项{main[:1]}{n}。\t县政府办\n"
        for main in ("一、甲项任务", "二、乙项任务", "三、丙项任务") for n in (1, 2, 3))
    result = parse_plan_text(text, "restart.txt", "r")
    assert len(result.items) == 9 and len({i.id for i in result.items}) == 9
    assert [i.number for i in result.items] == ["1", "2", "3"] * 3
    assert len(result.plan.main_tasks) == 3
    assert not [w for w in result.warnings if "twice" in w[1]]


def test_repeated_heading_row_is_the_same_node() -> None:
    text = (
        "某区2021年政务公开要点\n序号\t工作任务\t牵头单位\t完成时限\n"
        "一、推进政务公开标准化\n1\t编制公开目录。\t区政府办\t6月底前\n"
        "一、推进政务公开标准化\n2\t更新公开指南。\t区政府办\t年底前\n"
        "二、强化监督\n3\t开展考核。\t区政府办\t年底前\n"
    )
    result = parse_plan_text(text, "repeat.txt", "h")
    assert len(result.plan.main_tasks) == 2
    assert result.items[0].main == result.items[1].main != result.items[2].main


PROSE = """某某县2024年政务公开工作要点

为深入贯彻落实条例要求，进一步提升政务公开质效，现提出如下工作要点。

一、加强政策解读
（一）提升解读质量。围绕重大政策同步组织解读，综合运用图表、视频等多种形式。
责任单位：县政府办公室，县直各部门
（二）做好政策问答。在门户网站设置政策问答栏目，
定期更新常见问题。
牵头单位：县司法局；配合单位：县政务服务中心
完成时限：6月底前
二、深化重点领域公开
（三）推进财政信息公开。按规定公开预决算和“三公”经费。（责任单位：县财政局、各乡镇人民政府）
（四）推进重大项目信息公开。
责任单位：县发展和改革局
各部门要高度重视，认真抓好落实。
"""


def test_plan_written_as_prose() -> None:
    result = parse_plan_text(PROSE, "prose.txt", "w")
    assert result.plan.layout == "prose" and result.plan.year == 2024
    assert [m.label for m in result.plan.main_tasks] == ["一、加强政策解读", "二、深化重点领域公开"]
    assert [(i.number, i.text[:8]) for i in result.items] == [
        ("（一）", "提升解读质量。围"), ("（二）", "做好政策问答。在"), ("（三）", "推进财政信息公开"), ("（四）", "推进重大项目信息")]
    one, two, three, four = result.items
    assert one.units == ["县政府办公室", "县直各部门"] and one.deadline.kind == "implicit"
    assert two.text.endswith("定期更新常见问题。")
    assert two.lead_units == ["县司法局"] and two.units == ["县司法局", "县政务服务中心"]
    assert two.deadline.due == "2024-06-30"
    assert three.text == "推进财政信息公开。按规定公开预决算和“三公”经费。"
    assert three.units == ["县财政局", "各乡镇人民政府"] and three.deadline.kind == "implicit"
    assert four.units == ["县发展和改革局"] and four.main == three.main


FRAGMENTS = """首页 > 信息公开 > 重点工作
某某区2022年政务公开重点工作任务清单
发布时间：2022-04-01
工作任务
具体要求
牵头单位
责任单位
完成时限
一、推进决策公开
（一）完善重大行政决策
预公开制度
1
对涉及群众切身利益的重大决策，
通过网站征集公众意见。
区司法局
区直各部门
6月底前
2
建立决策事项目录并
按年度公开。
区政府办公室
每年一次
二、提升平台
服务水平
3
优化政府网站集约化平台功
能。
区政务服务
管理中心
各镇人民政府
贯穿全年
4.
开展政务新媒体季度检查。
区委网信办
每季度
"""


def test_page_text_one_fragment_per_line() -> None:
    result = parse_plan_text(FRAGMENTS, "crawl.txt", "f")
    assert result.plan.layout == "fragments" and result.plan.year == 2022
    plan = result.plan
    assert [n.label for n in plan.nodes] == ["一、推进决策公开", "（一）完善重大行政决策预公开制度", "二、提升平台服务水平"]
    assert [(i.n, i.text) for i in result.items] == [
        (1, "对涉及群众切身利益的重大决策，通过网站征集公众意见。"), (2, "建立决策事项目录并按年度公开。"),
        (3, "优化政府网站集约化平台功能。"), (4, "开展政务新媒体季度检查。")]
    one, two, three, four = result.items
    assert one.lead_units == ["区司法局"] and one.units == ["区司法局", "区直各部门"]
    assert two.units == ["区政府办公室"] and two.deadline.kind == "recurring"
    assert three.lead_units == ["区政务服务管理中心"] and three.units == ["区政务服务管理中心", "各镇人民政府"]
    assert three.deadline.kind == "all_year" and four.deadline.kind == "recurring"
    assert three.main == four.main != one.main
    # Rows whose cells were told apart by guess say so, with their line.
    assert [line for line, _ in result.warnings] == [12, 25]


def test_rows_level_entry_for_format_readers() -> None:
    """A reader's grid: merged cells given once, their continuation cells empty."""
    def row(line: int, *cells: str) -> list[Cell]:
        return [Cell(line, c.split("\n")) for c in cells]

    rows = [
        row(1, "某市2025年政务公开任务", "", "", ""),
        row(2, "主要任务", "具体事项", "牵头单位", "完成时限"),
        row(3, "一、公开财政信息", "公开部门预算。", "市财政局\n市审计局", "3月底前"),
        row(4, "", "公开部门决算。", "", "9月底前"),
        row(5, "主要任务", "具体事项", "牵头单位", "完成时限"),
        row(6, "", "公开债务信息。", "市财政局", "每季度"),
    ]
    table = read_table_from_rows(rows, "plan.docx")
    result = build_plan(table, "d", source="plan.docx")
    assert result.plan.year == 2025 and result.plan.title == "某市2025年政务公开任务"
    assert [i.text for i in result.items] == ["公开部门预算。", "公开部门决算。", "公开债务信息。"]
    assert result.items[0].lead_units == ["市财政局", "市审计局"]
    assert result.items[1].lead_units == ["市财政局", "市审计局"], "an empty unit cell is merged with the one above"
    assert len(result.plan.main_tasks) == 1 and result.items[2].deadline.kind == "recurring"


@pytest.mark.parametrize(("phrase", "kind", "due"), [
    ("每季度", "recurring", "2022-12-31"), ("每月10日前", "recurring", "2022-12-31"),
    ("每年至少1次", "recurring", "2022-12-31"), ("常态化", "recurring", "2022-12-31"),
    ("每年6月底前", "recurring", "2022-06-30"),
    ("2个工作日内", "relative", "2022-12-31"), ("收到后15日内", "relative", "2022-12-31"),
    ("上半年", "date", "2022-06-30"), ("三季度末", "date", "2022-09-30"), ("一季度", "date", "2022-03-31"),
    # Dates as spreadsheets write them.
    ("2022-06-30", "date", "2022-06-30"), ("2022/9/1", "date", "2022-09-01"), ("2022.12", "date", "2022-12-31"),
    ("2022-06-30 00:00:00", "date", "2022-06-30"),
])
def test_recurring_relative_and_period_deadlines(phrase: str, kind: str, due: str) -> None:
    deadline, understood = deadlines.parse(phrase, 2022)
    assert understood and (deadline.kind, deadline.due, deadline.raw) == (kind, due, phrase)


TWO_ROW_HEADERS = {
    "word text": "某区2023年政务公开任务分解\n\t序号\n\t工作任务\n\t责任单位\n\t完成时限\n\t\n\t\n\t牵头单位\n\t配合单位\n\t\n"
                 "\t1\n\t公开年度预算。\n\t区财政局\n\t各街道办事处\n\t3月底前\n"
                 "\t2\n\t公开统计公报。\n\t区统计局\n\t区直各部门\n\t4月底前\n",
    "spreadsheet": "某区2023年政务公开任务分解\n序号\t工作任务\t责任单位\t\t完成时限\n\t\t牵头单位\t配合单位\t\n"
                   "1\t公开年度预算。\t区财政局\t各街道办事处\t3月底前\n2\t公开统计公报。\t区统计局\t区直各部门\t4月底前\n",
    "browser": "某区2023年政务公开任务分解\n序号\t工作任务\t责任单位\t完成时限\n牵头单位\t配合单位\n"
               "1\t公开年度预算。\t区财政局\t各街道办事处\t3月底前\n2\t公开统计公报。\t区统计局\t区直各部门\t4月底前\n",
}


@pytest.mark.parametrize("shape", sorted(TWO_ROW_HEADERS))
def test_header_in_two_rows(shape: str) -> None:
    """责任单位 spanning 牵头单位 | 配合单位 in a second header row."""
    result = parse_plan_text(TWO_ROW_HEADERS[shape], "two.txt", "t")
    assert [c.role for c in result.review.columns] == ["seq", "task", "lead", "responsible", "deadline"]
    assert [(i.text, i.lead_units, i.units, i.deadline.due) for i in result.items] == [
        ("公开年度预算。", ["区财政局"], ["区财政局", "各街道办事处"], "2023-03-31"),
        ("公开统计公报。", ["区统计局"], ["区统计局", "区直各部门"], "2023-04-30")]


def test_numbered_points_spilled_from_one_cell_stay_in_it() -> None:
    text = ("某县2021年政务公开任务\n序号\t工作任务\t牵头单位\t责任单位\t完成时限\n"
            "1\t1.公开规划纲要。\n2.公开年度计划。\t县发展改革委\t县级各部门\t年底前\n"
            "2\t做好预算公开。\t县财政局\t县级各部门\t年底前\n")
    result = parse_plan_text(text, "points.tsv", "n")
    assert [i.text for i in result.items] == ["1.公开规划纲要。\n2.公开年度计划。", "做好预算公开。"]
    assert result.items[0].lead_units == ["县发展改革委"]


def test_two_unit_columns_without_a_lead_column_and_labelled_unit_cells() -> None:
    text = ("某区2022年政务公开任务\n序号\t工作任务\t责任单位\t配合单位\t完成时限\n"
            "1\t公开部门预算。\t区财政局\t各街道办事处\t年底前\n"
            "2\t公开统计公报。\t牵头单位：区统计局；配合单位：区发展和改革局、各街道办事处\t\t年底前\n")
    result = parse_plan_text(text, "units.tsv", "u")
    assert [c.role for c in result.review.columns][2:4] == ["lead", "responsible"]
    first, second = result.items
    assert first.lead_units == ["区财政局"] and first.units == ["区财政局", "各街道办事处"]
    assert second.lead_units == ["区统计局"] and second.units == ["区统计局", "区发展和改革局", "各街道办事处"]


def test_web_page_text_with_a_missing_cell_and_a_footer() -> None:
    cells = ["首页 > 政务公开", "某市2024年政务公开重点任务清单", "序号", "重点任务", "牵头单位", "配合单位", "完成时限",
             "一、加强政策解读", "1", "做好政策文件解读工作。", "市政府办公室", "市直各部门", "全年",
             "2", "开展政策进基层活动。", "市司法局", "6月底前",
             "二、优化政务服务", "3", "公开办事指南。", "市政务服务\n管理局", "各县（市、区）人民政府", "每季度",
             "4", "推进“一网通办”。", "市数据局", "年底前", "扫一扫在手机打开当前页"]
    result = parse_plan_text("\n\n".join(cells) + "\n", "web.txt", "w")
    assert [(i.text, i.units, i.deadline.raw) for i in result.items] == [
        ("做好政策文件解读工作。", ["市政府办公室", "市直各部门"], "全年"),
        ("开展政策进基层活动。", ["市司法局"], "6月底前"),
        ("公开办事指南。", ["市政务服务管理局", "各县（市、区）人民政府"], "每季度"),
        ("推进“一网通办”。", ["市数据局"], "年底前")]
    assert not result.warnings


def test_word_text_with_headings_merged_across_the_row() -> None:
    """Word writes a heading merged across all columns as one cell: the rows stay aligned."""
    cells = ["序号", "工作任务", "责任单位", "完成时限", "一、深化决策公开",
             "1", "完善重大行政决策公众参与机制。", "县司法局牵头，县直各部门负责", "6月底前",
             "2", "公开决策事项目录。", "县政府办公室", "年底前",
             "二、加强政策解读", "（一）做好解读工作",
             "3", "同步发布政策解读材料。", "县直各部门", "贯穿全年",
             "4", "开展政策进社区活动。", "各乡镇人民政府", "9月底前"]
    text = "某县2022年政务公开工作任务分解表\n" + "".join(f"\t{c}\n" for c in cells)
    result = parse_plan_text(text, "word.txt", "w")
    assert [n.label for n in result.plan.nodes] == ["一、深化决策公开", "二、加强政策解读", "（一）做好解读工作"]
    assert [(i.text, i.lead_units, i.deadline.raw) for i in result.items] == [
        ("完善重大行政决策公众参与机制。", ["县司法局"], "6月底前"), ("公开决策事项目录。", ["县政府办公室"], "年底前"),
        ("同步发布政策解读材料。", ["县直各部门"], "贯穿全年"), ("开展政策进社区活动。", ["各乡镇人民政府"], "9月底前")]
    assert result.items[3].work == result.plan.nodes[2].id


def test_word_text_merged_headings_without_a_number_column() -> None:
    cells = ["工作任务", "具体措施", "责任单位", "完成时限", "一、深化决策公开",
             "完善公众参与机制", "开展意见征集。", "县司法局", "6月底前",
             "公开决策目录", "按年度公开目录。", "县政府办公室", "年底前",
             "二、加强政策解读",
             "同步解读", "同步发布解读材料。", "县直各部门", "贯穿全年"]
    result = parse_plan_text("某县2022年政务公开任务\n" + "".join(f"\t{c}\n" for c in cells), "word.txt", "w")
    assert [m.label for m in result.plan.main_tasks] == ["一、深化决策公开", "二、加强政策解读"]
    assert [(i.text, i.requirement, i.units, i.deadline.raw) for i in result.items] == [
        ("完善公众参与机制", "开展意见征集。", ["县司法局"], "6月底前"),
        ("公开决策目录", "按年度公开目录。", ["县政府办公室"], "年底前"),
        ("同步解读", "同步发布解读材料。", ["县直各部门"], "贯穿全年")]
    assert result.items[2].main == result.plan.main_tasks[1].id


def test_columns_of_people_and_unknown_remarks_are_not_the_item() -> None:
    text = ("某区2022年政务公开任务\n序号\t工作任务\t责任单位\t责任领导\t类别\t完成时限\n"
            "1\t公开部门预算。\t区财政局\t张明\t重点\t年底前\n2\t公开统计公报。\t区统计局\t李强\t一般\t年底前\n")
    result = parse_plan_text(text, "people.tsv", "q")
    assert [c.role for c in result.review.columns] == ["seq", "task", "responsible", "ignore", "ignore", "deadline"]
    assert [i.text for i in result.items] == ["公开部门预算。", "公开统计公报。"]


def test_headings_numbered_in_the_number_column() -> None:
    text = ("某区2022年政务公开任务\n序号\t工作任务\t责任单位\t完成时限\n一\t加强政策解读\t\t\n（一）\t做好解读工作\t\t\n"
            "1\t同步发布解读材料。\t区政府办\t年底前\n2\t开展解读活动。\t区司法局\t6月底前\n"
            "二\t深化平台建设\t\t\n3\t整合政府网站。\t区数据局\t年底前\n")
    result = parse_plan_text(text, "seq.tsv", "s")
    assert [n.label for n in result.plan.nodes] == ["一、加强政策解读", "（一）做好解读工作", "二、深化平台建设"]
    assert [(i.n, i.text) for i in result.items] == [(1, "同步发布解读材料。"), (2, "开展解读活动。"), (3, "整合政府网站。")]
    assert result.items[2].main == result.plan.nodes[2].id and result.items[2].work is None


@pytest.mark.parametrize(("cell", "lead", "others"), [
    ("区财政局\n区发展和改革局", [], ["区财政局", "区发展和改革局"]),
    ("区委宣传部\n（区网信办）\n区政务服务\n管理中心", [], ["区委宣传部（区网信办）", "区政务服务管理中心"]),
    ("区政府办公室\n融媒体中心", [], ["区政府办公室", "融媒体中心"]),
    ("区发展和改革局牵头，区住房城乡建设局、区\n交通运输局负责", ["区发展和改革局"], ["区住房城乡建设局", "区交通运输局"]),
    ("各镇（街道）、各园区管委会", [], ["各镇（街道）", "各园区管委会"]),
    ("各县（区）人民政府", [], ["各县（区）人民政府"]),
])
def test_unit_cells_over_several_lines(cell: str, lead: list[str], others: list[str]) -> None:
    from duban.store import units

    parsed, _ = units.parse(units.join_unit_lines(cell))
    assert (parsed.lead, parsed.responsible) == (lead, others)


def test_text_with_blanks_between_cells() -> None:
    """What a PDF-to-text or a console copy gives: columns set apart by blanks."""
    text = ("某市2023年政务公开重点工作任务表\n"
            "序号   工作任务                         牵头单位        完成时限\n"
            "一、推进决策公开\n"
            "1      完善重大决策公众参与机制。        市司法局        6月底前\n"
            "2      公开重大决策事项目录。            市政府办公室    年底前\n"
            "二、深化平台建设\n"
            "3      推进政府网站集约化。              市数据局        贯穿全年\n")
    result = parse_plan_text(text, "pdf.txt", "s")
    assert result.plan.layout == "spaced" and len(result.plan.main_tasks) == 2
    assert [(i.text, i.lead_units, i.deadline.raw) for i in result.items] == [
        ("完善重大决策公众参与机制。", ["市司法局"], "6月底前"), ("公开重大决策事项目录。", ["市政府办公室"], "年底前"),
        ("推进政府网站集约化。", ["市数据局"], "贯穿全年")]


def test_a_pasted_cell_may_start_with_an_ascii_quote() -> None:
    text = ("某区2022年政务公开任务\n序号\t工作任务\t责任单位\t完成时限\n"
            "1\t\"双随机、一公开\"监管信息公开。\t区市场监管局\t年底前\n2\t公开部门预算。\t区财政局\t年底前\n")
    result = parse_plan_text(text, "quote.txt", "q")
    assert [(i.text, i.lead_units) for i in result.items] == [
        ("\"双随机、一公开\"监管信息公开。", ["区市场监管局"]), ("公开部门预算。", ["区财政局"])]


def test_unnumbered_heading_alone_on_a_pasted_line() -> None:
    text = ("某区2022年政务公开任务\n工作任务\t责任单位\t完成时限\n优化营商环境\n"
            "公开涉企政策。\t区发展和改革局\t年底前\n公开收费清单。\t区财政局\t6月底前\n加强平台建设\n"
            "整合政务新媒体。\t区委网信办\t年底前\n")
    result = parse_plan_text(text, "heads.txt", "h")
    assert [m.title for m in result.plan.main_tasks] == ["优化营商环境", "加强平台建设"]
    assert [i.text for i in result.items] == ["公开涉企政策。", "公开收费清单。", "整合政务新媒体。"]
    assert result.items[2].main == result.plan.main_tasks[1].id


def test_rows_whose_lines_also_start_with_a_tab() -> None:
    text = ("某区2022年政务公开任务\n\t序号\t工作任务\t责任单位\t完成时限\n\t1\t公开部门预算。\t区财政局\t年底前\n"
            "\t2\t公开统计公报。\t区统计局\t6月底前\n\t3\t公开发展规划。\t区发展和改革局\t6月底前\n")
    result = parse_plan_text(text, "led.txt", "l")
    assert [(i.n, i.text, i.lead_units) for i in result.items] == [
        (1, "公开部门预算。", ["区财政局"]), (2, "公开统计公报。", ["区统计局"]), (3, "公开发展规划。", ["区发展和改革局"])]
