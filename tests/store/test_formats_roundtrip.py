"""One plan table through every writer imports to the same items; the five reference
plans, rendered as Word, Excel and web-page tables by these tests, import as from text."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.importer import read_plan
from tests.store import formats_writers as w
from tests.store.formats_sample import AFTER, EXPECTED, NOTICE, sheet, summary

WRITERS = {
    "docx": (w.write_docx, ".docx"),
    "xlsx": (w.write_xlsx, ".xlsx"),
    "xls": (w.write_xls, ".xls"),
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
