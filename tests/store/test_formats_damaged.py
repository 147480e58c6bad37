"""Damaged Word, Excel, web-page and PDF files: a PlanError naming the file, never a traceback."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.store.importer import PlanError, read_plan
from tests.store import formats_writers as w
from tests.store.invariants import check_plan
from tests.store.formats_sample import sheet

WRITERS = {"docx": w.write_docx, "xlsx": w.write_xlsx, "html": w.write_html, "pdf": w.write_pdf, "xls": w.write_xls,
           "xmlss": w.write_xmlss}


@cache
def original(fmt: str, folder: str) -> bytes:
    return WRITERS[fmt](sheet(), Path(folder) / f"plan-{fmt}.bin").read_bytes()


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0.05, 1.0), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=12))
def test_a_damaged_file_is_a_plan_error(fmt: str, cut: float, flips: list, tmp_path_factory) -> None:
    data = bytearray(original(fmt, str(tmp_path_factory.getbasetemp())))
    for where, byte in flips:
        data[int(where * (len(data) - 1))] = byte
    data = data[: max(8, int(len(data) * cut))]
    path = tmp_path_factory.mktemp("damaged") / f"plan.{fmt}"
    path.write_bytes(bytes(data))
    try:
        result = read_plan(path, "p")
    except PlanError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in exc.message
    else:
        assert result.items
        check_plan(result, "p")


def test_a_page_of_absurd_spans_is_read_in_bounded_work(tmp_path: Path) -> None:
    """rowspan/colspan of 9999 on every cell: covered cells are not multiplied without end."""
    row = "<tr>" + '<td rowspan="9999" colspan="9999">x</td>' * 50 + "</tr>"
    path = tmp_path / "spans.html"
    path.write_text("<html><body><table>" + row * 300 + "</table></body></html>", encoding="utf-8")
    with pytest.raises(PlanError, match="no plan table found"):
        read_plan(path, "p")


def test_a_utf16_file_cut_mid_character_is_a_plan_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(b"\xfe\xff\x00\x00\x00\x00\x00")  # a BOM, then an odd number of bytes
    with pytest.raises(PlanError):
        read_plan(path, "p")


def test_a_header_with_no_rows_is_not_a_crash() -> None:
    """Found by the damaged-file fuzzer: a cut web page left a header and no row, and
    deciding an unnamed column's role indexed an empty list (a traceback, not a PlanError)."""
    from duban.store.importer.grid import column_roles

    assert column_roles(["序号", "工作任务", "经办人"], []) == ["seq", "task", "task"]  # 经办人: no header word
