"""The annual summary: golden text for a fixed store, and every format's promises."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from duban.store.text import display_width
from tests.conftest import ROOT, Cli, InProcess, plan_file

GOLDEN = ROOT / "tests" / "data" / "golden" / "report-2021-11-01.txt"
AS_OF = "2021-11-01"
ESCAPE = re.compile(r"\x1b|\x9b")


@pytest.fixture
def seeded(run: InProcess) -> InProcess:
    """The seeds imported, some statuses set: a store whose numbers we know (in-process:
    the report's text is the point; the exit-status contract is tested as a process)."""
    run("import", "--key", "p1", str(plan_file("000")))
    run("import", "--key", "p2", str(plan_file("002")))
    run("set", "p1.1", "p1.2", "p1.3", "done")
    run("set", "p1.9", "blocked", "--note", "等待市级统一部署")
    run("set", "p1.20", "doing")
    run("note", "p2.30", "试点领域目录已完成 26 个")
    return run


def test_text_report_matches_the_golden_file(seeded: Cli) -> None:
    out = seeded("report", "--as-of", AS_OF, "--format", "text").stdout
    if os.environ.get("DUBAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(out, encoding="utf-8")
    assert out == GOLDEN.read_text(encoding="utf-8")


def test_overview_and_main_task_counts_match_the_store(seeded: Cli) -> None:
    items = seeded.json("ls", "--as-of", AS_OF)
    out = seeded("report", "--as-of", AS_OF, "--format", "text").stdout
    count = lambda status: sum(1 for i in items if i["status"] == status)  # noqa: E731
    overdue = sum(1 for i in items if i["overdue"])

    def row(label: str) -> list[str]:
        line = next(line for line in out.splitlines() if re.match(rf"│ {label}\s", line))
        return [c.strip() for c in line.strip("│").split("│")]

    assert row("事项")[1] == str(len(items)) == "119"
    assert row("已完成")[1] == str(count("done")) == "5"
    assert row("进行中")[1] == str(count("doing")) == "47"
    assert row("受阻")[1] == str(count("blocked")) == "1"
    assert row("未开始")[1] == str(count("todo")) == "66"
    assert row("逾期")[1] == str(overdue)
    assert row("完成率")[2] == f"{5 / 119 * 100:.1f}%"
    first_main = [i for i in items if i["main_task"] == "一、深化重点领域信息公开"]
    cells = row("p1 一、深化重点领域信息公开")
    assert cells[1:] == [str(len(first_main)), "3", "1", "22", "1",
                         str(sum(i["overdue"] for i in first_main)), f"{3 / len(first_main) * 100:.1f}%"]


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_text_lines_fit_the_width_and_carry_no_escape_codes(seeded: Cli, width: int) -> None:
    out = seeded("report", "--as-of", AS_OF, "--detail", "--since", "2021-01-01", "--width", str(width),
                 env={"FORCE_COLOR": "1", "COLUMNS": "300"}).stdout
    assert not ESCAPE.search(out)
    assert max(display_width(line) for line in out.splitlines()) <= width
    assert "…" not in out.split("七、")[1], "the detail table folds long cells, never cuts them"


def test_ascii_switch_uses_no_box_drawing(seeded: Cli) -> None:
    out = seeded("report", "--as-of", AS_OF, "--ascii").stdout
    assert "+-" in out and not re.search(r"[─│┌┐└┘├┤┬┴┼]", out)


def test_detail_reproduces_every_item_of_the_progress_report(seeded: Cli) -> None:
    out = seeded("report", "--as-of", AS_OF, "--plan", "p2", "--detail", "--width", "200").stdout
    detail = out.split("六、事项明细（进展情况）")[1]  # numbered as printed: no changes section here
    for item in seeded.json("ls", "--plan", "p2"):
        assert f"{item['id']} " in detail
        if item["note"]:
            first_words = item["note"][:8]
            assert first_words in detail.replace("│", "").replace(" ", "") or first_words in detail
    assert "一、进一步强化重点领域信息公开" in detail and "(四)做好财政信息公开。" in detail


def test_since_lists_the_changes_in_the_period(seeded: Cli) -> None:
    out = seeded("report", "--as-of", AS_OF, "--since", "2000-01-01", "--width", "120").stdout
    changes = out.split("六、2000-01-01 以来的变化")[1]
    assert changes.count("tester") == 6
    assert "等待市级统一部署" in changes and "未开始→受阻" in changes


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ("meta", "br", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


def test_html_is_well_formed_utf8_and_escaped(seeded: Cli, tmp_path: Path) -> None:
    seeded("note", "p1.5", "<script>alert(1)</script> & [bold]粗[/bold]")
    out = tmp_path / "report.html"
    seeded("report", "--as-of", AS_OF, "--out", str(out), "--detail", "--width", "240")
    page = out.read_text(encoding="utf-8")
    parser = _Tables()
    parser.feed(page)
    assert parser.ok and parser.stack == []
    assert '<meta charset="UTF-8">' in page and "Noto Sans CJK SC" in page and "<table" in page
    assert "<script>" not in page and "&lt;script&gt;" in page and "[bold]粗[/bold]" in page


def test_markdown_tables_parse_and_escape_pipes(seeded: Cli, tmp_path: Path) -> None:
    seeded("note", "p1.4", "a|b")
    out = tmp_path / "report.md"
    seeded("report", "--as-of", AS_OF, "--out", str(out), "--detail")
    lines = out.read_text(encoding="utf-8").splitlines()
    tables = 0
    for n, line in enumerate(lines):
        if re.fullmatch(r"\|(?:-{3}:?\|)+|\|(?:(?:---|---:)\|)+", line):
            tables += 1
            columns = len(re.split(r"(?<!\\)\|", lines[n - 1])) - 2
            assert columns == line.count("|") - 1
            body = lines[n + 1: lines.index("", n)]
            assert body and all(len(re.split(r"(?<!\\)\|", row)) - 2 == columns for row in body)
    assert tables >= 8
    assert "a\\|b" in out.read_text(encoding="utf-8")


def test_svg_and_format_from_extension(seeded: Cli, tmp_path: Path) -> None:
    svg = tmp_path / "slides.svg"
    seeded("report", "--as-of", AS_OF, "--out", str(svg))
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    txt = tmp_path / "minutes.txt"
    seeded("report", "--as-of", AS_OF, "--out", str(txt))
    assert "一、总体情况" in txt.read_text(encoding="utf-8") and not ESCAPE.search(txt.read_text(encoding="utf-8"))


def test_english_report(seeded: Cli) -> None:
    out = seeded("report", "--as-of", AS_OF, "--lang", "en").stdout
    assert "1. Overview" in out and "Done %" in out


def test_unit_and_year_narrow_the_report(seeded: Cli) -> None:
    out = seeded("report", "--as-of", AS_OF, "--unit", "区财政局").stdout
    assert "筛选：单位 区财政局" in out
    total = next(line for line in out.splitlines() if line.startswith("│ 事项"))
    finance = [i for i in seeded.json("ls", "--unit", "区财政局")]
    assert f" {len(finance)} " in total
    assert "（无）" in seeded("report", "--year", "1999").stdout


def test_bad_report_arguments(seeded: Cli) -> None:
    for args in (("--as-of", "soon"), ("--width", "5"), ("--plan", "zz")):
        proc = seeded("report", *args, check=False)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, args
