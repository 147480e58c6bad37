"""duban collect: sheets out per unit, filled the way a unit would (openpyxl, python-docx),
read back as a preview, applied in one transaction, conflicts never overwritten."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli
from tests.office import convert, office

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")
SAMPLE = ROOT / "tui" / "cli" / "sample_plan.txt"


@pytest.fixture
def plan(cli: Cli) -> Cli:
    cli("import", "--key", "p1", "--year", "2021", str(SAMPLE))
    return cli


def _rows(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def _fill_xlsx(path: Path, progress: dict[str, str], status: dict[str, str] | None = None,
               explanation: bool = False) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[2]]
    col_p, col_s = header.index("进展情况") + 1, header.index("当前状态") + 1
    for row in range(3, ws.max_row + 1):
        item_id = ws.cell(row, 1).value
        if item_id in progress:
            ws.cell(row, col_p).value = progress[item_id]
            # a unit re-typing the id cell: spaces, capitals, full-width characters
            ws.cell(row, 1).value = f" {item_id.upper().replace('.', '．').replace('1', '１')} "
        if status and item_id in status:
            ws.cell(row, col_s).value = status[item_id]
    if explanation:
        ws.insert_rows(4)
        ws.cell(4, 3).value = "说明：以上事项由我局办公室汇总"
    wb.save(path)


def _status(cli: Cli, item_id: str) -> str:
    return cli.json("show", item_id)["status"]


def test_one_sheet_per_unit_with_title_items_and_empty_progress(plan: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan("collect", "--unit", "区财政局", "--unit", "区政务服务局", "--out", str(out), "--as-of", "2021-11-20")
    assert sorted(p.name for p in out.iterdir()) == ["区政务服务局.xlsx", "区财政局.xlsx"]
    rows = _rows(out / "区财政局.xlsx")
    assert rows[0][0] == "区财政局 2021年政务公开工作任务进展情况（截至11月）"
    assert rows[1] == ("编号", "主要任务", "具体事项", "牵头单位", "责任单位", "完成时限", "当前状态", "最新进展", "进展情况")
    ids = [r[0] for r in rows[2:]]
    listed = {i["id"] for i in plan.json("ls", "--unit", "区财政局")}
    assert set(ids) == listed and ids
    assert all(r[8] in (None, "") for r in rows[2:])
    assert all(r[6] == "未开始" for r in rows[2:])


def test_read_previews_then_apply_writes_with_conflict_kept(plan: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan("collect", "--unit", "区财政局", "--out", str(out), "--as-of", "2021-11-20")
    sheet = out / "区财政局.xlsx"
    a, b, c = [r[0] for r in _rows(sheet)[2:5]]
    _fill_xlsx(sheet, {a: "已完成，共公开预算文件12份", b: "正在推进，已起草"}, {c: "受阻"}, explanation=True)
    plan("note", b, "办公室电话确认在做")  # changed in duban after the sheet was sent

    preview = plan("collect", "--read", str(sheet)).stdout
    assert f"{a}  未开始 → 已完成" in preview
    assert "【区财政局】已完成，共公开预算文件12份" in preview
    assert f"{b}  未开始 → 进行中  冲突" in preview
    assert "1 行没有编号" in preview
    assert _status(plan, a) == "todo"  # a preview writes nothing

    plan("collect", "--read", str(sheet), "--apply")
    assert _status(plan, a) == "done"
    assert _status(plan, c) == "blocked"  # the status cell said otherwise
    assert _status(plan, b) == "todo"  # the conflict was not overwritten
    shown = plan.json("show", a)
    assert shown["history"][-1]["note"] == "【区财政局】已完成，共公开预算文件12份"
    assert shown["history"][-1]["by"]  # recorded with the importing user

    again = plan("collect", "--read", str(sheet), "--apply").stdout  # the same file twice adds nothing
    assert "已导入过" in again
    assert len(plan.json("show", a)["history"]) == len(shown["history"])


def test_two_units_report_on_a_shared_item(plan: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan("collect", "--out", str(out), "--as-of", "2021-11-20")
    shared = [i for i in plan.json("ls") if len(i["units"]) > 1][0]
    first, second = shared["units"][:2]
    _fill_xlsx(out / f"{first}.xlsx", {shared["id"]: "已起草方案"})
    _fill_xlsx(out / f"{second}.xlsx", {shared["id"]: "已完成"})
    plan("collect", "--read", str(out / f"{first}.xlsx"), str(out / f"{second}.xlsx"), "--apply")
    notes = [h["note"] for h in plan.json("show", shared["id"])["history"]]
    assert notes[-2:] == [f"【{first}】已起草方案", f"【{second}】已完成"]


def _fill_docx(path: Path, progress: dict[str, str]) -> None:
    document = docx.Document(str(path))
    table = document.tables[0]
    for row in table.rows[1:]:
        item_id = row.cells[0].text.strip()
        if item_id in progress:
            row.cells[8].text = progress[item_id]
    document.add_paragraph("以上情况特此报告。")
    document.save(str(path))


def test_docx_round_trip(plan: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan("collect", "--unit", "区财政局", "--out", str(out), "--format", "docx", "--as-of", "2021-11-20")
    sheet = out / "区财政局.docx"
    document = docx.Document(str(sheet))
    assert document.paragraphs[0].text == "区财政局 2021年政务公开工作任务进展情况（截至11月）"
    first = document.tables[0].rows[1].cells[0].text
    _fill_docx(sheet, {first: "暂未开展"})
    plan("set", first, "doing")
    plan("undo")  # undone: still history after the sheet, so a conflict
    assert "冲突" in plan("collect", "--read", str(sheet)).stdout


@pytest.mark.slow  # a subprocess per command or a LibreOffice start: slow by nature
def test_docx_saved_as_doc_by_libreoffice(plan: Cli, tmp_path: Path) -> None:
    soffice = office(".doc cannot be made or read here")
    out = tmp_path / "out"
    plan("collect", "--unit", "区财政局", "--out", str(out), "--format", "docx", "--as-of", "2021-11-20")
    sheet = out / "区财政局.docx"
    first = docx.Document(str(sheet)).tables[0].rows[1].cells[0].text
    _fill_docx(sheet, {first: "已完成"})
    doc = convert(soffice, sheet, "doc", out, tmp_path / "lo")
    if not doc.is_file():
        pytest.skip("this LibreOffice cannot write .doc")
    plan("collect", "--read", str(doc), "--apply")
    assert _status(plan, first) == "done"


def test_mistakes_are_one_line(plan: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["编号", "进展情况"])
    wb.save(bad)
    for args, words in ((["--read", str(bad)], "不是 duban collect 写出的表格"),
                        (["--read", str(tmp_path / "none.xlsx")], "文件不存在"),
                        (["--out", str(tmp_path), "--unit", "火星局"], "没有名为“火星局”的单位"),
                        ([], "需要 --out")):
        proc = plan("collect", *args, check=False)
        assert proc.returncode == 2 and words in proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.slow  # a subprocess per command or a LibreOffice start: slow by nature
def test_xlsx_saved_as_xls_by_libreoffice(plan: Cli, tmp_path: Path) -> None:
    soffice = office(".xls cannot be made or read here")
    out = tmp_path / "out"
    plan("collect", "--unit", "区财政局", "--out", str(out), "--as-of", "2021-11-20")
    sheet = out / "区财政局.xlsx"
    first = _rows(sheet)[2][0]
    _fill_xlsx(sheet, {first: "已完成"})
    xls = convert(soffice, sheet, "xls", out, tmp_path / "lo")
    if not xls.is_file():
        pytest.skip("this LibreOffice has no spreadsheet filters (libreoffice-calc not installed)")
    plan("collect", "--read", str(xls), "--apply")
    assert _status(plan, first) == "done"


def test_quick_checks_do_not_import_word_or_excel(plan: Cli) -> None:
    import sys

    code = ("import sys; from duban.tui.cli.main import main; main(['ls']); "
            "print('LOADED', [m for m in ('docx', 'openpyxl') if m in sys.modules])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**plan.env, "PYTHONPATH": str(ROOT)}, timeout=60, encoding="utf-8")
    assert "LOADED []" in proc.stdout, proc.stderr


def test_apply_checks_again_under_the_lock(plan: Cli, tmp_path: Path, store_path: Path) -> None:
    """A colleague's change between the preview and the write: nothing is written."""
    from duban.store.collect import apply, propose
    from duban.store.collect_files import read
    from duban.store.queries import View
    from duban.store.repository import Repository
    from duban.store.storage import StoreError

    out = tmp_path / "out"
    plan("collect", "--unit", "区财政局", "--out", str(out), "--as-of", "2021-11-20")
    sheet = out / "区财政局.xlsx"
    a, b = [r[0] for r in _rows(sheet)[2:4]]
    _fill_xlsx(sheet, {a: "已完成", b: "推进中"})
    me = Repository(store_path, user="clerk")
    rows, stamp = read(sheet)
    reading = propose(View(me.load()), str(sheet), rows, stamp, lambda text: None)
    assert [p.conflict for p in reading.proposals] == [None, None]
    Repository(store_path, user="colleague").add_note(b, "刚通了电话")
    with pytest.raises(StoreError):
        apply(me, [reading], {str(sheet): stamp})
    assert _status(plan, a) == "todo"  # all or nothing
