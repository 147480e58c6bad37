"""One year of 督办 on a small plan of our own (tests/data/loop_plan_2021.txt: 3 main tasks,
8 items, 9 units), the way a clerk runs it (issue 10, "Done when"):

import → adjust (a 延期) → collect (three units' files out, filled the way a unit fills
them, read back with one conflict) → remind (text and .docx) → sign off → report to
.docx and .xlsx → carry over into next year's plan.

The command line runs in-process (tests/conftest.py `run`): what the commands say and
write is the point here, not how a process ends.  The clock is set per step, so the
history and the working-day figures fall on known days of 2021, around the National
Day week (1–7 October off; Sunday 26 September and Saturday 9 October worked: 调休).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, InProcess

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")
pytest.importorskip("chinese_calendar", reason="chinesecalendar is a dependency of duban")

PLAN_2021 = ROOT / "tests" / "data" / "loop_plan_2021.txt"
PLAN_2022 = ROOT / "tests" / "data" / "loop_plan_2022.txt"


class Clock:
    """duban.store.author.now, set by the test: every history entry at a known moment, read
    in the office's zone (the stamps' +08:00)."""

    def __init__(self) -> None:
        self.at = ""

    def __call__(self) -> str:
        return self.at

    def set(self, day: str, time: str = "09:00") -> None:
        self.at = f"{day}T{time}:00.000+08:00"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    import time

    from duban.store import author

    c = Clock()
    monkeypatch.setattr(author, "now", c)
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield c
    monkeypatch.undo()
    time.tzset()


def show(run: InProcess, item_id: str) -> dict:
    return json.loads(run("show", item_id, "--json").stdout)


def ls(run: InProcess, *args: str) -> dict[str, dict]:
    return {i["id"]: i for i in json.loads(run("ls", *args, "--json").stdout)}


def store_bytes(store_path: Path) -> dict[str, bytes]:
    """Every file of the store (the index and one file per plan), to prove nothing was written."""
    folder = store_path.parent
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "backup" not in str(p.relative_to(folder))}


# ---------------------------------------------------------------- a unit at its desk

def fill_xlsx(path: Path, progress: dict[str, str], retype: str | None = None, explanation: str | None = None) -> None:
    """What a unit does with the .xlsx: types 进展情况, re-types an id cell the way a Chinese
    keyboard does (full-width, capitals, spaces), adds a row of explanation."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[2]]
    col = header.index("进展情况") + 1
    for row in range(3, ws.max_row + 1):
        item_id = ws.cell(row, 1).value
        if item_id in progress:
            ws.cell(row, col).value = progress[item_id]
        if item_id == retype:
            ws.cell(row, 1).value = " " + item_id.upper().replace(".", "．").replace("2", "２") + " "
    if explanation:
        ws.insert_rows(4)
        ws.cell(4, 3).value = explanation
    wb.save(path)


def fill_docx(path: Path, progress: dict[str, str]) -> None:
    document = docx.Document(str(path))
    table = document.tables[0]
    col = [c.text for c in table.rows[0].cells].index("进展情况")
    for row in table.rows[1:]:
        if row.cells[0].text.strip() in progress:
            row.cells[col].text = progress[row.cells[0].text.strip()]
    document.add_paragraph("特此报告。区教育局办公室，联系电话：1234567")
    document.save(str(path))


# ---------------------------------------------------------------- the year

def test_one_year_of_the_loop(run: InProcess, clock: Clock, store_path: Path, tmp_path: Path) -> None:
    # 交办: the plan arrives in January.
    clock.set("2021-01-20")
    out = run("import", "--key", "q21", str(PLAN_2021)).stdout
    assert "主要任务 3，工作任务 5，事项 8" in out
    items = ls(run)
    assert len(items) == 8 and items["q21.7"]["deadline"]["due"] == "2021-09-30"

    # Working days against the published calendar: as of Friday 24 September, 30 September
    # is five working days away (Sunday 26 September was worked), not four.
    assert ls(run, "--as-of", "2021-09-24")["q21.2"]["workdays_left"] == 5

    # 延期: the website's deadline moves two months, with a reason; the original is kept.
    clock.set("2021-09-15")
    run("edit", "q21.7", "--deadline", "2021年11月30日前", "--reason", "集约化平台招标延后")
    seven = show(run, "q21.7")
    assert seven["deadline"]["due"] == "2021-11-30" and seven["original_deadline"]["due"] == "2021-09-30"
    assert "集约化平台招标延后" in run("show", "q21.7").stdout

    # The monthly round: three units' sheets go out on Friday 8 October.
    clock.set("2021-10-08")
    sheets = tmp_path / "round-10"
    run("collect", "--unit", "区财政局", "--unit", "区政府办公室", "--out", str(sheets), "--as-of", "2021-10-08")
    run("collect", "--unit", "区教育局", "--format", "docx", "--out", str(sheets), "--as-of", "2021-10-08")
    assert sorted(p.name for p in sheets.iterdir()) == ["区政府办公室.xlsx", "区教育局.docx", "区财政局.xlsx"]
    title = openpyxl.load_workbook(sheets / "区财政局.xlsx").active["A1"].value
    assert title == "区财政局 2021年政务公开工作任务进展情况（截至10月）"

    # After the sheets went out the office hears about the website by phone: q21.7 changes
    # in duban, so what 区政府办公室 writes about it later is a conflict.
    clock.set("2021-10-08", "10:00")
    run("set", "q21.7", "doing", "--note", "电话了解：已完成招标")

    fill_xlsx(sheets / "区财政局.xlsx", {"q21.4": "已完成，预决算及“三公”经费已于3月公开", "q21.5": "暂未开展"},
              retype="q21.4", explanation="说明：第5项待省厅补贴资金下达后开展")
    fill_xlsx(sheets / "区政府办公室.xlsx", {"q21.2": "已完成", "q21.7": "已完成招标，正在建设"}, retype="q21.2")
    fill_docx(sheets / "区教育局.docx", {"q21.6": "正在梳理教育、医疗办事指南，已完成约六成"})
    returned = [str(sheets / n) for n in ("区财政局.xlsx", "区政府办公室.xlsx", "区教育局.docx")]

    clock.set("2021-10-09", "14:00")  # a Saturday worked (调休)
    before = store_bytes(store_path)
    preview = run("collect", "--read", *returned).stdout
    assert store_bytes(store_path) == before, "a preview writes nothing"
    assert "q21.4  未开始 → 已完成" in preview and "【区财政局】已完成，预决算及“三公”经费已于3月公开" in preview
    assert "q21.5  未开始 → 未开始" in preview and "【区财政局】暂未开展" in preview
    assert "q21.2  未开始 → 已完成" in preview
    assert "q21.7  进行中 → 进行中  冲突，未写入：表格发出后已由" in preview and "2021-10-08 10:00 修改" in preview
    assert "q21.6  未开始 → 进行中" in preview and "【区教育局】正在梳理教育、医疗办事指南" in preview
    assert "另有 1 行没有编号" in preview  # the unit's explanation row
    assert "预览：4 项将更新，1 项冲突" in preview

    applied = run("collect", "--read", *returned, "--apply").stdout
    assert "已写入 4 项；1 项冲突未写入" in applied
    now = ls(run)
    assert {k: now[k]["status"] for k in ("q21.2", "q21.4", "q21.5", "q21.6", "q21.7")} == \
        {"q21.2": "done", "q21.4": "done", "q21.5": "todo", "q21.6": "doing", "q21.7": "doing"}
    assert now["q21.7"]["note"] == "电话了解：已完成招标", "the conflict did not overwrite the office's note"
    four = show(run, "q21.4")["history"][-1]
    assert four["note"].startswith("【区财政局】已完成") and four["at"].startswith("2021-10-09") and four["by"]

    # 催办 on Monday 11 October: 30 September was three working days ago (8 October,
    # Saturday 9 October 调休, 11 October), not eleven days.
    clock.set("2021-10-11")
    notice = run("remind", "--as-of", "2021-10-11", "--within", "15d", "--unit", "区融媒体中心",
                 "--unit", "区司法局").stdout
    assert "区司法局：" in notice and "[q21.1]" in notice and "已逾期 69 个工作日" in notice
    assert "区融媒体中心：" in notice and "[q21.3]" in notice and "14 个工作日后到期" in notice
    assert "于2021年10月14日前将进展情况反馈" in notice  # three working days to reply
    assert "[q21.2]" not in notice, "done items are not chased"
    # On 30 September the reply-by date skips the holiday week: 8, 9 (Saturday), 11 October.
    assert "于2021年10月11日前" in run("remind", "--as-of", "2021-09-30", "--unit", "区司法局").stdout
    notices = tmp_path / "催办.docx"
    run("remind", "--as-of", "2021-10-11", "--within", "15d", "--format", "docx", "--out", str(notices))
    paragraphs = [p.text for p in docx.Document(str(notices)).paragraphs]
    # one notice per unit with something late or due within 15 working days (q21.1, q21.3)
    assert paragraphs.count("关于督促办理政务公开工作任务有关事项的通知") == 3
    assert {p for p in paragraphs if p.endswith("：") and p.startswith("区")} == {"区司法局：", "区融媒体中心：", "区政府办公室："}
    assert any("[q21.1]" in p and "已逾期 69 个工作日" in p for p in paragraphs)
    assert any(p.startswith("无需催办的单位") and "区财政局" in p for p in paragraphs)

    # 销号: the office checks 区财政局's budget files and signs q21.4 off; q21.2, reported
    # done by 区政府办公室 on 9 October, waits for its evidence.
    clock.set("2021-10-12")
    run("signoff", "q21.4", "--evidence", "青溪财〔2021〕12号")
    signed = ls(run)
    assert signed["q21.4"]["signoff"]["evidence"] == "青溪财〔2021〕12号" and signed["q21.2"]["signoff"] is None
    assert signed["q21.4"]["signoff"]["at"].startswith("2021-10-12")
    refused = run("signoff", "q21.6", "--evidence", "x", check=False)  # still in progress
    assert refused.returncode == 2 and "q21.6：尚未完成（当前为 进行中）" in refused.stderr

    # The report of 25 October, as Word and Excel.
    clock.set("2021-10-25")
    word, excel = tmp_path / "report.docx", tmp_path / "report.xlsx"
    run("report", "--as-of", "2021-10-25", "--detail", "--out", str(word))
    run("report", "--as-of", "2021-10-25", "--detail", "--out", str(excel))
    check_word_report(word)
    check_excel_report(excel)

    # 回头看: next year's plan arrives; what 2021 left unfinished is carried into it.
    clock.set("2022-01-10")
    run("import", "--key", "q22", str(PLAN_2022))
    out = run("carry", "q21", "--into", "q22").stdout
    assert "6 项未完成事项" in out and "上年未完成事项" in out
    carried = {i["carried_from"]: i for i in ls(run, "--plan", "q22").values() if i["carried_from"]}
    assert sorted(carried) == ["q21.1", "q21.3", "q21.5", "q21.6", "q21.7", "q21.8"]
    assert {i["main_task"] for i in carried.values()} == {"上年未完成事项"}
    six = carried["q21.6"]
    assert six["status"] == "doing" and six["note"].startswith("【区教育局】正在梳理")
    assert "结转自：q21.6" in run("show", six["id"]).stdout
    origin = show(run, "q21.6")
    assert origin["carried_to"] == six["id"]
    assert origin["history"][-1]["field"] == "carried_to" and origin["history"][-1]["at"].startswith("2022-01-10")
    assert six["id"] in run("log", "q21.6").stdout
    listed = run("report", "--plan", "q21", "--as-of", "2022-01-10", "--format", "text").stdout
    section = listed.split("附三、结转下年（6 项）")[1]
    assert all(f"q21.{n} " in section for n in (1, 3, 5, 6, 7, 8)) and "q21.2 " not in section
    assert carried["q21.8"]["id"] in section  # where each went
    assert len(ls(run, "--plan", "q22")) == 3 + 6


def check_word_report(path: Path) -> None:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    assert "截至 2021-10-25" in paragraphs
    tables = {_before(document, t): [[c.text for c in r.cells] for r in t.rows] for t in document.tables}
    overview = {row[0]: row[1:] for row in tables["一、总体情况"]}
    # done (what units report) and signed off (what the office confirmed) counted apart
    assert overview["已完成"][0] == "2" and overview["已销号"][0] == "1"
    assert overview["延期事项"] == ["1", "共延 61 天"]
    extended = tables["附一、延期事项"]
    assert extended[1][0] == "q21.7" and extended[1][3:] == ["2021-09-30", "2021-11-30", "61"]
    unsigned_title = next(p for p in paragraphs if p.startswith("附二、"))
    assert unsigned_title == "附二、已完成超过 5 个工作日仍未销号"
    # q21.2 done on 9 October: 11–15, 18–22 and 25 October, eleven working days (16 calendar)
    assert [r[0] for r in tables[unsigned_title][1:]] == ["q21.2"] and tables[unsigned_title][1][-1] == "11"
    detail = tables["六、事项明细（进展情况）"]
    progress = {r[1].split(" ")[0]: r[-1] for r in detail[1:] if r[1].startswith("q21.")}
    assert progress["q21.4"].startswith("已完成") and "【区财政局】已完成" in progress["q21.4"]
    assert "【区教育局】正在梳理教育、医疗办事指南" in progress["q21.6"]
    assert "电话了解：已完成招标" in progress["q21.7"]


def _before(document, table) -> str:  # noqa: ANN001
    """The heading paragraph just before a table in the body."""
    from docx.text.paragraph import Paragraph

    el = table._tbl.getprevious()
    while el is not None and not el.tag.endswith("}p"):
        el = el.getprevious()
    return Paragraph(el, document).text if el is not None else ""


def check_excel_report(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    overview = {r[0]: r[1:] for r in wb["一、总体情况"].iter_rows(values_only=True)}
    assert overview["已完成"][0] == 2 and overview["已销号"][0] == 1
    extended = list(wb["附一、延期事项"].iter_rows(values_only=True))
    assert extended[1][0] == "q21.7" and extended[1][-1] == 61
    unsigned = next(ws for ws in wb.worksheets if ws.title.startswith("附二"))
    assert [r[0] for r in unsigned.iter_rows(min_row=2, values_only=True)] == ["q21.2"]
    detail = list(wb["六、事项明细（进展情况）"].iter_rows(values_only=True))
    notes = {str(r[1]).split(" ")[0]: r[-1] for r in detail[1:] if r[1]}
    assert "【区教育局】正在梳理" in notes["q21.6"] and notes["q21.1"] == "未开始"
