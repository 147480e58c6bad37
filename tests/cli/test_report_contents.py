"""What the annual report says (issue 9): net changes, the status in 进展情况, filters
under the title, sections and ids in order, 全年 as `ls` says it, tables that fit every
width they accept, Chinese line breaking, and no plain text under a .docx name.

On our own sample plan, in-process (the report's words are the point, not the process).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duban.store.text import display_width
from tests.conftest import InProcess

FORMATS = ("text", "md", "html")


def report(run: InProcess, *args: str) -> str:
    return run("report", "--as-of", "2026-07-05", *args).stdout


def section(text: str, title: str) -> str:
    """The text of the section headed `title` (up to the next numbered heading)."""
    part = text.split(title, 1)[1]
    return re.split(r"\n(?:<h2>|## )?[一二三四五六七八九十]+、", part, maxsplit=1)[0]


# ---------------------------------------------------------------- 3: net changes

def test_undone_changes_are_not_reported_as_progress(sample: InProcess) -> None:
    sample("set", "s.1", "s.2", "s.3", "done")
    sample("undo")
    sample("set", "s.4", "doing")
    for fmt in FORMATS:
        out = report(sample, "--since", "2000-01-01", "--format", fmt)
        changes = section(out, "2000-01-01 以来的变化")
        assert "s.4" in changes and "未开始→进行中" in changes, fmt
        assert not re.search(r"s\.[123]\b", changes), f"{fmt}: an undone change is not progress"
        assert "撤销" in changes and "3 项变化已被撤销" in changes, fmt


def test_show_marks_an_undo_and_what_it_undid(sample: InProcess) -> None:
    sample("set", "s.1", "done")
    sample("undo")
    lines = [line.strip() for line in sample("show", "s.1").stdout.splitlines() if "tester" in line]
    assert lines[0].endswith("↶ 撤销 已完成 → 未开始"), "an undo is not an ordinary change"
    assert lines[1].endswith("未开始 → 已完成  （已撤销）")


# ---------------------------------------------------------------- 4: 进展情况 has the status

def test_detail_progress_shows_the_status_with_the_latest_note(sample: InProcess) -> None:
    sample("set", "s.1", "done", "--note", "9月已报送材料")
    sample("set", "s.2", "doing")
    for fmt in FORMATS:
        out = report(sample, "--detail", "--format", fmt, "--width", "200")
        assert "已完成：9月已报送材料" in out, fmt
        rows = {m.group(1): m.group(0) for m in re.finditer(r"(s\.\d+) [^\n]*", out)}
        assert "进行中" in rows["s.2"] and "未开始" in rows["s.3"], fmt


# ---------------------------------------------------------------- 5: unknown extensions

# .docx and .xlsx are real formats now (test_report_files.py)
@pytest.mark.parametrize("name", ["r.csv", "r.pdf", "r.doc"])
def test_an_unknown_extension_is_an_error_listing_the_supported_ones(sample: InProcess, tmp_path: Path,
                                                                     name: str) -> None:
    out = tmp_path / name
    ran = sample("report", "--out", str(out), check=False)
    assert ran.returncode == 2 and not out.exists()
    assert ".md" in ran.stderr and ".html" in ran.stderr and ".txt" in ran.stderr and ran.stderr.count("\n") == 1
    ran = sample("report", "--out", str(out), "--format", "text", check=False)
    assert ran.returncode == 2 and not out.exists(), "--format does not make .csv text"
    sample("report", "--out", str(tmp_path / "r.md"))
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("#")


def test_a_format_that_contradicts_the_extension_is_an_error(sample: InProcess, tmp_path: Path) -> None:
    ran = sample("report", "--out", str(tmp_path / "r.html"), "--format", "text", check=False)
    assert ran.returncode == 2 and "r.html" in ran.stderr and not (tmp_path / "r.html").exists()
    sample("report", "--out", str(tmp_path / "r.txt"), "--format", "md")
    sample("report", "--out", str(tmp_path / "plain"), "--format", "md")
    assert "## 一、总体情况" in (tmp_path / "plain").read_text(encoding="utf-8")
    sample("report", "--out", str(tmp_path / "minutes"))  # no extension at all: text
    assert "一、总体情况\n┌" in (tmp_path / "minutes").read_text(encoding="utf-8")


# ---------------------------------------------------------------- 6: filters under the title

def test_the_report_states_its_filters_under_the_title(sample: InProcess) -> None:
    for fmt in FORMATS:
        out = report(sample, "--unit", "区财政局", "--plan", "s", "--format", fmt)
        head = out[: out.index("总体情况")]
        assert "筛选：方案 s；单位 区财政局" in head, fmt
    assert "筛选" not in report(sample)


def test_build_report_states_any_filter_it_is_given(sample: InProcess) -> None:
    from datetime import date

    from duban.store.queries import Filter, View
    from duban.store.repository import Repository
    from duban.tui.report.blocks import filter_line
    from duban.tui.report.build import build_report
    from duban.tui.settings.i18n import Labels

    view = View(Repository(Path(sample.env["DUBAN_STORE"])).load())
    items = view.select(Filter(search="公开", overdue=True, as_of=date(2026, 7, 5)))
    t = Labels("zh")
    for fmt in FORMATS:
        out = build_report(view, items, t, date(2026, 7, 5), fmt, 100,
                           filters=filter_line(t, ["单位 区财政局", "搜索“公开”", "逾期"]))
        assert "筛选：单位 区财政局；搜索“公开”；逾期" in out[: out.index("总体情况")], fmt
    assert filter_line(t, []) == []


# ---------------------------------------------------------------- 7: order, numbering, width, line breaking

def test_ties_sort_by_plan_then_item_number(sample: InProcess) -> None:
    out = sample("report", "--as-of", "2026-12-05", "--width", "120").stdout
    late = section(out, "逾期事项")
    ids = re.findall(r"│ (s\.\d+)", late)
    assert ids.index("s.7") < ids.index("s.18") < ids.index("s.22"), ids  # all due 2026-11-30


def test_sections_are_numbered_as_printed(sample: InProcess) -> None:
    out = report(sample, "--detail")
    assert "六、事项明细（进展情况）" in out and "七、" not in out
    out = report(sample, "--detail", "--since", "7d")
    assert "六、" in out and "七、事项明细（进展情况）" in out


def _narrowest(run: InProcess, *args: str) -> int:
    ran = run("report", "--as-of", "2026-07-05", "--width", "40", *args, check=False)
    assert ran.returncode == 2 and "最窄的表格也需要" in ran.stderr
    return int(re.search(r"需要 (\d+) 列", ran.stderr).group(1))


def test_tables_fit_every_width_they_accept_and_keep_every_column(sample: InProcess) -> None:
    sample("set", "s.1", "done", "--note", "已在区政府网站集中公开（附件见政策文件库），并报市政府办公室备案。")
    args = ("--detail", "--since", "2000-01-01")
    need = _narrowest(sample, *args)
    assert need <= 80, "an 80-column terminal must work"
    ran = sample("report", "--as-of", "2026-07-05", "--width", str(need - 1), *args, check=False)
    assert ran.returncode == 2 and ran.stderr.count("\n") == 1
    wide = report(sample, *args, "--width", "200")
    columns = [line.count("┬") for line in wide.splitlines() if line.startswith("┌")]
    for width in range(need, 121, 7):
        out = report(sample, *args, "--width", str(width))
        lines = out.splitlines()
        assert max(display_width(line) for line in lines) <= width, width
        assert [line.count("┬") for line in lines if line.startswith("┌")] == columns, f"a column dropped at {width}"
        for line in lines:
            if line.startswith("│"):
                assert line.endswith("│"), (width, line)


def test_folded_cells_follow_chinese_line_breaking(sample: InProcess) -> None:
    from duban.tui.report.linebreak import NO_END, NO_START

    sample("set", "s.10", "doing", "--note", "已完成补贴政策公开（第一批），正在整理发放名单。")
    for width in (72, 80, 100):
        out = report(sample, "--detail", "--width", str(width))
        for line in out.splitlines():
            if not line.startswith("│"):
                continue
            for cell in line.strip("│").split("│"):
                text = cell.strip()
                assert not text or text[0] not in NO_START, (width, line)
                assert not text or text[-1] not in NO_END, (width, line)
                assert not re.fullmatch(r".…", text), (width, line)


def test_fold_rules() -> None:
    from duban.tui.report.linebreak import NO_START, fold

    assert fold("按时公开区级预算、决算及“三公”经费。", 10) == ["按时公开区", "级预算、", "决算及“三", "公”经费。"]
    assert all(line[0] not in NO_START for line in fold("（一）财政信息公开，预算、决算。", 6))
    assert fold("次年1月31日前", 9) == ["次年1月31", "日前"], "a number is not split"
    assert fold("公开惠民惠农补贴政策和发放信息，向村（社区）延伸。", 12, max_lines=2) == ["公开惠民惠农", "补贴政策和…"]
    assert fold("short", 10) == ["short"]


# ---------------------------------------------------------------- 25: 全年 as in ls

def test_all_year_items_read_as_in_ls(sample: InProcess) -> None:
    ls = sample("ls", "--as-of", "2026-12-10").stdout
    assert re.search(r"s\.3 .*全年", ls)
    out = sample("report", "--as-of", "2026-12-10", "--width", "120").stdout
    soon = section(out, "内到期")  # 30 天 or 30 个工作日, as the config counts
    row = next(line for line in soon.splitlines() if "│ s.3 " in line)
    assert "全年" in row and "2026-12-31" not in row
    assert re.search(r"│ s\.15 .*2026-12-31", soon), "a dated item keeps its date"


def _need(run: InProcess, *command: str) -> int:
    """The narrowest width a command's table accepts (40 is the least any --width may be)."""
    ran = run(*command, "--width", "40", check=False)
    if ran.returncode == 0:
        return 40
    assert ran.returncode == 2 and "最窄的表格也需要" in ran.stderr and ran.stderr.count("\n") == 1
    return int(re.search(r"需要 (\d+) 列", ran.stderr).group(1))


def test_ls_fits_every_width_it_accepts(sample: InProcess) -> None:
    need = _need(sample, "ls")
    assert 40 < need <= 60, "the sample's ls table cannot fold to 40 columns: an error, not a cut table"
    assert sample("ls", "--width", str(need - 1), check=False).returncode == 2
    for width in range(need, 121, 9):
        lines = sample("ls", "--width", str(width)).stdout.splitlines()
        assert max(display_width(line) for line in lines) <= width, width
        assert all(len(line.split()) >= 5 for line in lines if line.startswith("s.")), "no column dropped"


@pytest.mark.parametrize("command", ["units", "plans"])
def test_units_and_plans_fit_every_width_they_accept(sample: InProcess, command: str) -> None:
    need = _need(sample, command)
    if need > 40:
        assert sample(command, "--width", str(need - 1), check=False).returncode == 2
    for width in (need, need + 5, 100):
        lines = sample(command, "--width", str(width)).stdout.splitlines()
        assert max(display_width(line) for line in lines) <= width, (command, width)
