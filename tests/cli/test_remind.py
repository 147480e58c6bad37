"""Working days, 催办 notices, the bulletin, the brief and the ledger, through the command line.

The sample plan straddles National Day 2021: 10-01..07 off, Saturday 10-09 a make-up working day."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import Cli

AS_OF = "2021-10-08"  # the Friday after the National Day week
PLAN = """测试区2021年政务公开工作要点任务分工
序号\t主要任务\t工作任务\t具体事项\t责任单位\t完成时限
1\t一、提升政策公开质量\t（一）规范文件发布\t在网站集中公开规范性文件。\t区司法局牵头，区财政局\t2021年9月30日前
2\t一、提升政策公开质量\t（一）规范文件发布\t建立政策文件库。\t区财政局\t2021年10月1日前
3\t二、深化重点领域公开\t（二）财政信息公开\t公开区级预算决算。\t区财政局\t2021年10月9日前
4\t二、深化重点领域公开\t（二）财政信息公开\t公开政府债务信息。\t区财政局\t2021年10月20日前
5\t二、深化重点领域公开\t（三）民生信息公开\t公开教育收费信息。\t区教育局\t2021年12月31日前
6\t二、深化重点领域公开\t（三）民生信息公开\t各部门公开办事指南。\t各部门\t2021年9月30日前
"""


@pytest.fixture
def sample(cli: Cli, tmp_path: Path) -> Cli:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    cli("import", str(path))
    return cli


def _config(cli: Cli, text: str) -> None:
    folder = Path(cli.env["XDG_CONFIG_HOME"]) / "duban"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def _by_id(cli: Cli, *args: str) -> dict[str, dict]:
    return {i["id"]: i for i in cli.json("ls", "--as-of", AS_OF, *args)}


def test_workdays_left_counts_the_chinese_calendar(sample: Cli) -> None:
    items = _by_id(sample)
    # 9-30 → 10-08: one working day (10-08); a deadline on 10-01 is as late; 10-09 is a working Saturday
    assert [items[f"p1.{n}"]["workdays_left"] for n in (1, 2, 3, 4)] == [-1, -1, 1, 9]
    sample("set", "p1.5", "done")
    assert _by_id(sample)["p1.5"]["workdays_left"] is None


def test_due_within_and_the_yellow_light_count_working_days(sample: Cli) -> None:
    assert "p1.4" in _by_id(sample, "--due-within", "9d")  # 9 working days reach 10-20
    assert "p1.4" not in _by_id(sample, "--due-within", "8d")
    assert _by_id(sample)["p1.4"]["light"] == "green"  # 7 working days reach 10-18
    _config(sample, "due_soon_days = 9\n")
    assert _by_id(sample)["p1.4"]["light"] == "yellow"
    _config(sample, 'due_soon_days = 9\ndays = "calendar"\n')
    assert _by_id(sample)["p1.4"]["light"] == "green"  # 9 days reach 10-17
    assert "p1.4" not in _by_id(sample, "--due-within", "9d")
    assert _by_id(sample)["p1.4"]["workdays_left"] == 9  # the field is working days whatever the config


def test_bad_days_setting_is_one_line(sample: Cli) -> None:
    _config(sample, 'days = "lunar"\n')
    proc = sample("ls", check=False)
    assert proc.returncode == 2 and "days" in proc.stderr and "working" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_show_says_a_deadline_on_a_holiday(sample: Cli) -> None:
    out = sample("show", "p1.2", "--as-of", AS_OF).stdout
    assert "国庆节" in out and "已逾期 1 个工作日" in out
    out = sample("show", "p1.2", "--as-of", AS_OF, "--lang", "en").stdout
    assert "National Day" in out
    assert "国庆节" not in sample("show", "p1.3", "--as-of", AS_OF).stdout


def test_remind_text_one_notice_per_unit(sample: Cli) -> None:
    _config(sample, 'office = "区政务公开办"\n')
    out = sample("remind", "--as-of", AS_OF, "--within", "5d").stdout
    notices = out.split("─" * 40)
    assert len(notices) == 2  # 区财政局 and 区司法局; 各部门 is no one's inbox
    first, second = notices
    assert "区财政局：" in first and "有 2 项已逾期、1 项将于 5 个工作日内到期" in first
    assert first.index("一、提升政策公开质量") < first.index("[p1.1]") < first.index("二、深化重点领域公开")
    assert "[p1.3]" in first and "1 个工作日后到期" in first and "[p1.4]" not in first
    assert "2021年10月12日前" in first and "区政务公开办" in first  # 3 working days: 10-09, 10-11, 10-12
    assert "区司法局：" in second and "牵头" in second and "已逾期 1 个工作日" in second
    assert out.rstrip().endswith("无需催办的单位（1 个）：区教育局")
    only = sample("remind", "--as-of", AS_OF, "--overdue", "--unit", "司法局").stdout
    assert "区司法局：" in only and "区财政局：" not in only and "无需催办" not in only


def test_remind_docx_reads_back(sample: Cli, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    out = tmp_path / "催办.docx"
    sample("remind", "--as-of", AS_OF, "--format", "docx", "--out", str(out))
    doc = docx.Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "区财政局：" in text and "区司法局：" in text and "无需催办的单位（1 个）：区教育局" in text
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    body = next(p for p in doc.paragraphs if p.text.startswith("区财政局："))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    title = doc.paragraphs[0]
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" and title.runs[0].bold
    assert sum(r._element.xml.count('w:type="page"') for p in doc.paragraphs for r in p.runs) == 1
    proc = sample("remind", "--format", "docx", check=False)
    assert proc.returncode == 2 and "--out" in proc.stderr


def test_bulletin_ranks_units(sample: Cli) -> None:
    out = sample("bulletin", "--as-of", AS_OF, "--width", "100").stdout
    assert "其中 2 个单位有逾期事项：区财政局2项、区司法局1项。" in out
    rows = [line.split() for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert [r[1] for r in rows] == ["区财政局", "区司法局", "区教育局"] and rows[0][0] == "1"
    assert sample("report", "--bulletin", "--as-of", AS_OF).stdout == sample("bulletin", "--as-of", AS_OF,
                                                                          "--width", "100").stdout


def test_report_brief(sample: Cli) -> None:
    sample("set", "p1.5", "done")
    out = sample("report", "--brief", "--as-of", AS_OF).stdout
    assert out == ("截至10月8日，全区6项任务中已完成1项、进行中0项、未开始5项，逾期3项；完成率16.7%。"
                   "逾期事项主要集中在“提升政策公开质量”“深化重点领域公开”等方面（区财政局2项、区司法局1项）。\n")
    en = sample("report", "--brief", "--as-of", AS_OF, "--lang", "en").stdout
    assert en.startswith("As of October 8, of the 6 tasks in the whole 测试区, 1 done, 0 in progress, 5 not started")


def test_ledger_csv_has_a_bom_and_xlsx_reads_back(sample: Cli, tmp_path: Path) -> None:
    out = tmp_path / "台账.csv"
    sample("ls", "--as-of", AS_OF, "--format", "csv", "--out", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "编号" and len(rows) == 7 and rows[2][0] == "p1.2" and rows[2][-2] == "-1"
    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / "台账.xlsx"
    sample("ls", "--as-of", AS_OF, "--format", "xlsx", "--out", str(book), "--unit", "区财政局")
    ws = openpyxl.load_workbook(book).active
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:M5"
    assert ws["A2"].value == "p1.1" and ws["E2"].value == "在网站集中公开规范性文件。"
    assert ws.column_dimensions["E"].width == 60 and ws["I2"].value.date().isoformat() == "2021-09-30"
    proc = sample("ls", "--format", "xlsx", "--out", str(tmp_path / "x.csv"), check=False)
    assert proc.returncode == 2


def test_unknown_year_warns_once(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.replace("2021", "2031"), encoding="utf-8")
    cli("import", str(path))
    proc = cli("remind", "--as-of", "2031-10-08")
    assert proc.stderr.count("2031") == 1 and "周一至周五" in proc.stderr


def test_ls_json_in_an_unknown_year_warns_once_on_stderr(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.replace("2021", "2031"), encoding="utf-8")
    cli("import", str(path))
    proc = cli("ls", "--json", "--as-of", "2031-10-08")
    assert proc.stderr.count("2031") == 1 and proc.stdout.lstrip().startswith("[")


def test_xlsx_ledger_keeps_text_that_looks_like_a_formula(cli: Cli, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.replace("公开教育收费信息。", "=HYPERLINK(\"http://x\")公开教育收费信息。"), encoding="utf-8")
    cli("import", str(path))
    book = tmp_path / "l.xlsx"
    cli("ls", "--format", "xlsx", "--out", str(book), "--unit", "区教育局")
    cell = openpyxl.load_workbook(book).active["E2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_remind_in_calendar_days_says_days(sample: Cli) -> None:
    _config(sample, 'days = "calendar"\n')
    out = sample("remind", "--as-of", AS_OF, "--within", "5d").stdout
    assert "将于 5 天内到期" in out and "已逾期 8 天" in out and "工作日内到期" not in out
