"""The importer on our own sample plan, written out in every layout and encoding it reads.

These need no reference plan (../shared/plans): a fresh clone runs them.  One table,
five ways of writing it down; every way must give the same items.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from duban.store.importer import parse_plan_text, read_plan
from tests.conftest import SAMPLE_PLAN

TITLE = "青禾区2026年政务公开工作要点任务清单（示例）"
HEAD = ["序号", "主要任务", "工作任务", "具体事项", "牵头落实单位", "完成时限"]
ROWS = [
    ("一、提升政策公开质量", "（一）规范政策文件发布", "在区政府网站集中公开本年度行政规范性文件。", "区司法局牵头，区政府各部门负责",
     "6月底前"),
    ("一、提升政策公开质量", "（一）规范政策文件发布", "建立政策文件库，每季度更新一次。", "区政府办公室负责", "9月30日前"),
    ("一、提升政策公开质量", "（二）做好政策解读回应", "重要政策与解读材料同步发布。", "区政府办公室牵头，区融媒体中心配合",
     "贯穿全年"),
    ("二、深化重点领域公开", "（一）财政信息公开", "按时公开区级预算、决算。", "区财政局负责", "2026年3月31日前"),
    ("二、深化重点领域公开", "（一）财政信息公开", "推进政府债务信息公开。", "区财政局负责", "年底前"),
]
EXPECTED = [
    ("s.1", "在区政府网站集中公开本年度行政规范性文件。", ["区司法局", "区政府各部门"], ["区司法局"], "2026-06-30"),
    ("s.2", "建立政策文件库，每季度更新一次。", ["区政府办公室"], ["区政府办公室"], "2026-09-30"),
    ("s.3", "重要政策与解读材料同步发布。", ["区政府办公室", "区融媒体中心"], ["区政府办公室"], "2026-12-31"),
    ("s.4", "按时公开区级预算、决算。", ["区财政局"], ["区财政局"], "2026-03-31"),
    ("s.5", "推进政府债务信息公开。", ["区财政局"], ["区财政局"], "2026-12-31"),
]


def tab_led() -> str:
    """Word's table as text: each cell on a line starting with a TAB, rows apart by a blank line."""
    out = [TITLE, *("\t" + h for h in HEAD), ""]
    for n, row in enumerate(ROWS, 1):
        out += ["\t" + str(n), *("\t" + cell for cell in row), ""]
    return "\n".join(out) + "\n"


def rows_tsv() -> str:
    """A spreadsheet pasted as text: a row per line, cells apart by TABs."""
    return "\n".join([TITLE, "\t".join(HEAD), *("\t".join([str(n), *row]) for n, row in enumerate(ROWS, 1))]) + "\n"


def rows_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([TITLE])
    writer.writerow(HEAD)
    writer.writerows([n, *row] for n, row in enumerate(ROWS, 1))
    return buffer.getvalue()


def line_cells() -> str:
    """A web page's text: every cell on its own line, a blank line between cells, headings once."""
    cells = [TITLE, "工作任务", "具体要求", "责任单位", "时限要求"]
    last_main = last_work = None
    for n, (main, work, text, units, due) in enumerate(ROWS, 1):
        if main != last_main:
            cells.append(main)
            last_main = main
        if work != last_work:
            cells.append(work)
            last_work = work
        cells += [str(n), text, units, due]
    return "\n\n".join(cells) + "\n"


LAYOUTS = {"tab-led": (tab_led, "plan.txt"), "rows": (rows_tsv, "plan.txt"), "csv": (rows_csv, "plan.csv"),
           "line-cells": (line_cells, "plan.txt")}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gives_the_same_items(layout: str) -> None:
    write, name = LAYOUTS[layout]
    result = parse_plan_text(write(), name, "s")
    assert result.plan.layout == layout and result.plan.year == 2026 and result.plan.region == "青禾区"
    assert [(i.id, i.text, i.units, i.lead_units, i.deadline.due) for i in result.items] == EXPECTED
    labels = [(result.plan.node(i.main).label, result.plan.node(i.work).label) for i in result.items]
    assert labels == [(main, work) for main, work, *_ in ROWS]
    assert [i.deadline.kind for i in result.items][2] == "all_year"
    assert result.warnings == []


@pytest.mark.parametrize(("encoding", "prefix"), [("gb18030", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_encodings_and_line_ends_read_alike(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    expected = read_plan(SAMPLE_PLAN, "s")
    for ending in ("\n", "\r\n", "\r"):
        path = tmp_path / f"plan-{encoding}-{len(ending)}.txt"
        path.write_bytes(prefix + text.replace("\n", ending).encode(encoding))
        got = read_plan(path, "s")
        assert [(i.id, i.text, i.units, i.deadline) for i in got.items] == \
               [(i.id, i.text, i.units, i.deadline) for i in expected.items], (encoding, repr(ending))


def test_the_bundled_sample_plan() -> None:
    result = read_plan(SAMPLE_PLAN, "demo")
    assert result.plan.layout == "tab-led" and len(result.items) == 25 and len(result.plan.main_tasks) == 4
    kinds = [i.deadline.kind for i in result.items]
    assert kinds.count("all_year") == 8 and kinds.count("date") == 17
