"""The command line with structured files: the readers stay unloaded for quick checks,
--sheet and --table pick the plan, warnings name the sheet or table and its row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.store import formats_writers as w
from tests.store.formats_sample import sheet

READER_MODULES = ("docx", "openpyxl", "xlrd", "lxml", "pdfplumber", "pdfminer")

_PROBE = """
import sys
from duban.tui.cli.main import main
code = main(sys.argv[1:])
loaded = sorted(m for m in {mods!r} if m in sys.modules)
print("LOADED=" + ",".join(loaded), file=sys.stderr)
"""


def _loaded(cli_env: dict[str, str], *args: str) -> tuple[int, list[str]]:
    proc = subprocess.run([sys.executable, "-c", _PROBE.format(mods=READER_MODULES), *args], capture_output=True,
                          text=True, encoding="utf-8", env=cli_env, cwd=ROOT, timeout=60)
    line = next(x for x in proc.stderr.splitlines() if x.startswith("LOADED="))
    return proc.returncode, [m for m in line[len("LOADED="):].split(",") if m]


def test_quick_checks_do_not_load_the_format_readers(cli, cli_env, tmp_path: Path) -> None:
    cli("import", str(w.write_xlsx(sheet(), tmp_path / "plan.xlsx")))
    assert _loaded(cli_env, "ls", "--unit", "区财政局") == (0, [])
    assert _loaded(cli_env, "ls", "--overdue", "--as-of", "2022-12-01") == (0, [])
    # A text plan does not pay for them either; a Word file loads python-docx (and not the rest).
    text = w.write_csv(sheet(), tmp_path / "plan.csv")
    assert _loaded(cli_env, "import", "--dry-run", str(text)) == (0, [])
    code, loaded = _loaded(cli_env, "import", "--dry-run", str(w.write_docx(sheet(), tmp_path / "plan.docx")))
    assert code == 0 and "docx" in loaded and not {"openpyxl", "pdfplumber", "xlrd"} & set(loaded)


def test_import_xlsx_with_sheet_option_into_the_store(cli, tmp_path: Path) -> None:
    path = w.write_xlsx(sheet(), tmp_path / "plan.xlsx", before=["填报说明"])
    proc = cli("import", str(path), "--sheet", "任务分解表", "--key", "q")
    assert "q" in proc.stdout
    items = cli.json("ls", "--plan", "q")
    assert len(items) == 8
    assert items[0]["text"] == "公开区级部门预算和决算。"
    wrong = cli("import", str(path), "--sheet", "计划", check=False)
    assert wrong.returncode == 2
    assert "计划" in wrong.stderr and "任务分解表" in wrong.stderr and "Traceback" not in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1


def test_import_docx_table_option_and_warnings_name_the_table_and_row(cli, tmp_path: Path) -> None:
    s = sheet()
    s.rows[3][6] = "待定"  # a deadline nobody can read
    path = w.write_docx(s, tmp_path / "plan.docx")
    import docx

    document = docx.Document(path)
    extra = document.add_table(rows=1, cols=2)
    extra.cell(0, 0).text, extra.cell(0, 1).text = "联系人", "张三"
    document.element.body.insert(1, extra._tbl)
    document.save(path)
    proc = cli("import", str(path), "--table", "2", "--dry-run", "--lang", "en")
    assert f"{path}[table 2]:5:" in proc.stdout and "待定" in proc.stdout
    assert "the plan is in table 2 (another one: --sheet NAME or --table N)" in proc.stdout
    zh = cli("import", str(path), "--dry-run")
    assert f"{path}[表格 2]:5" in zh.stdout
    bad = cli("import", str(path), "--table", "1", check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_a_scanned_pdf_is_one_clear_line(cli, tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(72, 72, 400, 600)
    c.save()
    proc = cli("import", str(path), check=False)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "扫描件" in proc.stderr
    assert not Path(cli.env["DUBAN_STORE"]).exists(), "nothing written"
