"""One renderer for every history entry (tui/text/history.py): `show`, `log`, the report
and the app's detail pane say the same words for the same entry.  Before, `log` said an
undo as "↶ 未开始" and an undone entry as " (undone)" in English, `show` did not mark an
undone adjustment, and the report listed a 延期 as the item's status."""

from __future__ import annotations

import re

from tests.conftest import InProcess

EXTENDED = "完成时限：6月底前 (2026-06-30) → 2026年8月15日前 (2026-08-15)，延期 46 天"


def _history(shown: str) -> list[str]:
    return [line.strip() for line in shown.split("记录：", 1)[1].splitlines() if line.strip()]


def test_an_undo_reads_alike_in_show_and_log(sample: InProcess) -> None:
    sample("set", "s.1", "done")
    sample("undo")
    shown = _history(sample("show", "s.1").stdout)
    assert "↶ 撤销 已完成 → 未开始" in shown[0] and shown[1].endswith("（已撤销）")
    log = sample("log", "s.1").stdout
    assert "↶ 撤销 已完成 → 未开始" in log
    assert "未开始 → 已完成 （已撤销）" in log and "(undone)" not in log


def test_an_undone_adjustment_is_marked_in_show(sample: InProcess) -> None:
    sample("edit", "s.1", "--deadline", "2026年8月15日前", "--reason", "区政府常务会议同意延期")
    sample("undo")
    shown = _history(sample("show", "s.1").stdout)
    assert shown[0].split("  ")[2].startswith("↶ 完成时限：2026年8月15日前")
    assert EXTENDED in shown[1] and shown[1].endswith("（已撤销）")


def test_a_deadline_edit_reads_as_an_extension_in_show_log_and_report(sample: InProcess) -> None:
    sample("edit", "s.1", "--deadline", "2026年8月15日前", "--reason", "区政府常务会议同意延期")
    assert f"{EXTENDED}（理由：区政府常务会议同意延期）" in _history(sample("show", "s.1").stdout)[0]
    log = sample("log", "s.1", "--width", "200").stdout
    assert EXTENDED in log and "（理由：区政府常务会议同意延期）" in log
    report = sample("report", "--since", "2026-01-01", "--format", "md").stdout
    changes = report.split("## ", 1)[0] if "## " not in report else next(
        part for part in report.split("## ") if "变化" in part.splitlines()[0])
    row = next(line for line in changes.splitlines() if "s.1" in line)
    assert EXTENDED.replace(" → ", "→") in row and "理由：区政府常务会议同意延期" in row, row
    assert not re.search(r"\|\s*未开始\s*\|", row)  # not the item's status, as before


def test_a_note_and_a_status_change_read_alike_in_show_and_log(sample: InProcess) -> None:
    sample("set", "s.2", "doing", "--note", "已完成初稿")
    shown = _history(sample("show", "s.2").stdout)[0]
    log = next(line for line in sample("log", "s.2", "--width", "200").stdout.splitlines() if "s.2" in line)
    for part in ("未开始 → 进行中", "已完成初稿", "tester"):
        assert part in shown and part in log


def test_sign_off_and_withdrawal_read_alike_in_show_log_and_report(sample: InProcess) -> None:
    sample("set", "s.3", "done")
    sample("signoff", "s.3", "--evidence", "区府办〔2026〕12号")
    sample("rm", "s.4", "--reason", "与第3项重复")
    for item, words in (("s.3", "区府办〔2026〕12号"), ("s.4", "与第3项重复")):
        shown = _history(sample("show", item).stdout)[0]
        log = next(line for line in sample("log", item, "--width", "200").stdout.splitlines() if item in line)
        what = shown.split("  ")[2]
        assert what.split("（")[0] in log and words in shown and words in log, (shown, log)
    report = sample("report", "--since", "2026-01-01", "--format", "md").stdout
    assert "| 销号：区府办〔2026〕12号 |" in report  # a withdrawn item is out of the report, its entries too


def test_log_and_backups_say_their_columns_in_the_users_language(sample) -> None:  # noqa: ANN001
    sample("set", "s.1", "done", "--note", "已公开")
    assert sample("log").stdout.split("\n")[0].split() == ["时间", "编号", "操作人", "变更", "说明"]
    assert sample("log", "--lang", "en").stdout.split("\n")[0].split() == ["At", "ID", "By", "Change", "Note"]
    assert sample("backups").stdout.split("\n")[0].split() == ["序号", "备份时间", "文件", "KB", "位置"]
