"""One plan table through every writer imports to the same items; the five reference
plans, rendered as Word, Excel and web-page tables by these tests, import as from text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.store.importer import read_plan
from tests.store import formats_writers as w
from tests.store.formats_sample import AFTER, EXPECTED, NOTICE, sheet, summary
from tests.store.formats_writers import Sheet

WRITERS = {
    "docx": (w.write_docx, ".docx"),
    "xlsx": (w.write_xlsx, ".xlsx"),
    "xls": (w.write_xls, ".xls"),
    "excel 2003 xml": (w.write_xmlss, ".xls"),
    "html": (w.write_html, ".html"),
    "pdf": (w.write_pdf, ".pdf"),
    "csv": (w.write_csv, ".csv"),
    "tab rows": (lambda s, p: w.write_csv(s, p, "\t"), ".txt"),
    "word text": (w.write_word_text, ".txt"),
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_one_table_through_every_writer_imports_to_the_same_items(fmt: str, tmp_path: Path) -> None:
    write, suffix = WRITERS[fmt]
    path = write(sheet(notice=NOTICE, after=AFTER), tmp_path / f"plan{suffix}")
    result = read_plan(path, "p")
    assert summary(result) == EXPECTED
    assert result.plan.year == 2022
    assert [m.number for m in result.plan.main_tasks] == ["一", "二"]
    assert len(result.plan.nodes) == 6
    assert not [text for _, text in result.warnings], result.warnings


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_the_format_is_told_by_content_not_by_the_name(fmt: str, tmp_path: Path) -> None:
    write, suffix = WRITERS[fmt]
    path = write(sheet(), tmp_path / f"plan{suffix}")
    renamed = path.rename(tmp_path / "计划.dat")  # mailed on, renamed, the extension lost
    assert summary(read_plan(renamed, "p")) == EXPECTED


# -- the property: any plan table of this family reads the same through every writer

_TASKS = ["公开部门预算和决算", "公开重大建设项目批准信息", "规范政府网站栏目设置", "办好政务新媒体", "做好政策解读",
          "公开征地补偿信息", "落实重大行政决策预公开", "更新政务服务事项清单"]
_UNITS = ["区财政局", "区发展和改革局", "区政府办公室", "区自然资源局", "区住房城乡建设局", "区大数据中心", "区司法局"]
_GROUPS = ["区直各部门", "各镇人民政府", "各街道办事处"]
_DEADLINES = [("2022年6月30日前", "2022-06-30"), ("年底前", "2022-12-31"), ("贯穿全年", "2022-12-31"),
              ("10月底前", "2022-10-31"), ("2022年9月30日前", "2022-09-30"), ("11月底前", "2022-11-30")]
_CN = "一二三四五六七八九"


@st.composite
def plan_tables(draw):
    """A plan table: main tasks over work tasks over items, merged cells, one or two units."""
    rows, expected, n = [], [], 0
    for m in range(draw(st.integers(1, 3))):
        main = f"{_CN[m]}、{draw(st.sampled_from(_TASKS))}工作"
        for k in range(draw(st.integers(1, 2))):
            work = f"（{_CN[k]}）{draw(st.sampled_from(_TASKS))}"
            for j in range(draw(st.integers(1, 3))):
                n += 1
                text = f"{draw(st.sampled_from(_TASKS))}第{n}项。" + ("\n按季度更新。" if draw(st.booleans()) else "")
                lead = draw(st.sampled_from(_UNITS))
                rest = draw(st.sampled_from(["", *_UNITS, *_GROUPS]))
                rest = "" if rest == lead else rest
                raw, due = draw(st.sampled_from(_DEADLINES))
                rows.append([str(n), main if k == 0 and j == 0 else None, work if j == 0 else None, text, lead, rest, raw])
                expected.append((str(n), text.replace("\n", ""), [lead], [lead] + ([rest] if rest else []), raw, due))
    return rows, expected


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=plan_tables())
def test_property_every_writer_reads_the_same(table, tmp_path_factory) -> None:
    rows, expected = table
    folder = tmp_path_factory.mktemp("writers")
    sheet_ = Sheet(["序号", "主要任务", "工作任务", "具体事项", "牵头单位", "责任单位", "完成时限"], rows)
    for fmt, (write, suffix) in WRITERS.items():
        if fmt == "pdf":
            continue  # drawn once above: reportlab is slow for a property's many examples
        result = read_plan(write(sheet_, folder / f"plan-{fmt.replace(' ', '-')}{suffix}"), "p")
        got = [(i.number, i.text, i.lead_units, i.units, i.deadline.raw, i.deadline.due) for i in result.items]
        assert got == expected, fmt
        assert len(result.plan.main_tasks) == len({r[1] for r in rows if r[1]}), fmt
