"""The importer reads what offices produce, not just the five reference files."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.store.importer import PlanError, parse_plan_text, read_plan
from tests.conftest import plan_file

TSV = (
    "某某县2022年政务公开重点任务分工表\n"
    "序号\t主要任务\t具体任务\t牵头单位\t配合单位\t完成时间\n"
    "1\t一、加强政策解读\t1. 制定解读方案并同步发布。\t县政府办\t县直各部门\t6月底前\n"
    "2\t\t2. 开展\"局长讲政策\"活动。\t县司法局\t\t2022年9月30日前\n"
    "3\t二、规范平台建设\t3. 完成网站改版。\t县大数据中心\t县政府办\t贯穿全年\n"
    "4\t\t4. 清理政务新媒体。\t\t\t\n"
)


def test_tab_separated_rows_from_a_spreadsheet() -> None:
    result = parse_plan_text(TSV, "paste.tsv", "k")
    assert [i.id for i in result.items] == ["k.1", "k.2", "k.3", "k.4"]
    assert result.plan.layout == "rows" and result.plan.year == 2022 and result.plan.region == "某某县"
    assert [m.label for m in result.plan.main_tasks] == ["一、加强政策解读", "二、规范平台建设"]
    first, second, _, fourth = result.items
    assert first.lead_units == ["县政府办"] and first.units == ["县政府办", "县直各部门"]
    assert second.main == first.main and second.deadline.due == "2022-09-30"
    assert second.units == ["县司法局"], "a filled lead cell with an empty partner cell is not merged"
    assert fourth.units == ["县大数据中心", "县政府办"] and fourth.deadline.kind == "all_year", "merged cells inherit"
    assert first.text == "制定解读方案并同步发布。" and first.number == "1"


def test_csv_with_quoted_multi_line_cells() -> None:
    text = (
        "工作任务,具体要求,责任单位,时限要求\n"
        '"一、推进财政公开","1.公开预算\n2.公开决算",区财政局牵头，各镇负责,10月底前\n'
        ',公开债务信息,区财政局,年底前\n'
    )
    result = parse_plan_text(text, "plan.csv", "c", year=2023)
    assert len(result.items) == 2 and result.plan.layout == "csv"
    assert result.items[0].text == "1.公开预算\n2.公开决算"
    assert result.items[0].lead_units == ["区财政局"] and result.items[0].units == ["区财政局", "各镇"]
    assert result.items[1].main == result.items[0].main
    assert result.items[1].deadline.due == "2023-12-31"


def test_header_words_with_spaces_and_line_cells() -> None:
    text = "\n\n".join(["2024年某区任务", "工　作　任　务", "具 体 要 求", "责任单位", "时限要求",
                      "一、甲任务", "(一)子任务", "1", "做甲事。", "区甲局负责", "6月底前",
                      "2", "做乙事。", "区乙局负责", "年底前", "文件下载"]) + "\n"
    result = parse_plan_text(text, "web.txt", "w")
    assert [i.n for i in result.items] == [1, 2]
    assert result.items[1].deadline.due == "2024-12-31" and result.items[1].units == ["区乙局"]
    assert result.plan.node(result.items[0].work).label == "(一)子任务"


def _same(a, b) -> None:
    assert [(i.id, i.text, i.units, i.deadline, i.status) for i in a.items] == \
           [(i.id, i.text, i.units, i.deadline, i.status) for i in b.items]


def test_gb18030_file_reads_like_utf8(tmp_path: Path) -> None:
    source = plan_file("000")
    gb = tmp_path / "000-gb.txt"
    gb.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    _same(read_plan(gb, "p"), read_plan(source, "p"))


def test_bom_and_crlf_and_lone_cr(tmp_path: Path) -> None:
    source = plan_file("001")
    text = source.read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    cr = tmp_path / "cr.txt"
    cr.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    _same(read_plan(crlf, "p"), read_plan(source, "p"))
    _same(read_plan(cr, "p"), read_plan(source, "p"))


def test_utf16_with_bom(tmp_path: Path) -> None:
    source = plan_file("003")
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(source.read_text(encoding="utf-8").encode("utf-16"))
    _same(read_plan(u16, "p"), read_plan(source, "p"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        ("会议纪要\n今天讨论了三件事。\n".encode(), "no plan table found"),
        ("序号\t主要任务\t具体事项\t牵头单位\t完成时限\n".encode(), "no item rows"),
    ],
)
def test_unreadable_files_raise_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(PlanError, match=message) as err:
        read_plan(bad, "p")
    assert str(bad) in str(err.value)


def test_no_table_error_names_the_header_words_it_looked_for(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("一些文字\n", encoding="utf-8")
    with pytest.raises(PlanError) as err:
        read_plan(bad, "p")
    assert "工作任务" in str(err.value) and "完成时限" in str(err.value)


def test_unreadable_deadline_is_a_warning_with_its_line() -> None:
    text = "序号\t工作任务\t牵头单位\t完成时限\n1\t做一件事\t区甲局\t下个月\n"
    result = parse_plan_text(text, "x.tsv", "x", year=2021)
    assert result.items[0].deadline.kind == "implicit"
    assert result.warnings == [(2, "deadline '下个月' not understood; kept as implicit (year end)")]
