"""Every bad input is one line on stderr and exit status 2, never a traceback; a failed
command takes no backup slot; unit names and search keys are one spelling (NFKC,
zero-width characters removed); a note with nothing left after cleaning is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from duban.store.repository import Repository
from duban.store.storage import StoreError
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tui" / "cli" / "sample_plan.txt"
ZWJ, ZWSP = "\u200d", "\u200b"
PLAN = ("某区2026年政务公开任务\n序号\t工作任务\t牵头单位\t完成时限\n"
        f"1\t编制预算公开目录\t区财{ZWJ}政局负责\t6月底前\n"
        "2\t公开部门预算\t区财政局牵头，各部门负责\t年底前\n"
        f"3\t公开决算\t区财政局{ZWSP}负责\t年底前\n")


def one_line(result: subprocess.CompletedProcess) -> bool:
    err = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
    return (result.returncode == 2 and err.startswith("duban: ") and err.count("\n") == 1
            and "Traceback" not in err)


@pytest.fixture
def stocked(cli: Cli) -> Cli:
    cli("import", str(SAMPLE), "--year", "2026")
    return cli


def backups(store_path: Path) -> list[Path]:
    folder = store_path.parent / "backups"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("argv", [
    ["import", str(SAMPLE), "--year", "99999"], ["import", str(SAMPLE), "--year", "0"],
    ["import", str(SAMPLE), "--year", "-5"], ["report", "--year", "99999"],
    ["report", "--as-of", "9999-12-31"], ["ls", "--as-of", "9999-12-31"], ["ls", "--as-of", "0001-01-01", "--overdue"],
    ["units", "--as-of", "9999-12-31"], ["log", "--since", "9999-12-31"], ["report", "--since", "0001-01-01"],
    ["ls", "--due-within", "99999999999999999999d"], ["ls", "--due-within", "999999m"],
    *[[cmd, "--width", w] for cmd in ("ls", "units", "plans", "log", "report") for w in ("0", "-5", "1")],
    ["note", "p1.1", "\x1b[2J\x1b]0;x\x07"], ["note", "p1.1", "   "], ["set", "p1.1", "done", "--note", ""],
    ["set", "p1.1", "done", "--note", "\x1b[2J"], ["set", "p1.999", "done"], ["note", "p9.1", "x"],
])
def test_bad_arguments_are_one_line_and_take_no_backup(stocked: Cli, store_path: Path, argv: list[str]) -> None:
    before = backups(store_path)
    result = stocked(*argv, check=False)
    assert one_line(result), (argv, result.returncode, result.stderr)
    assert backups(store_path) == before


def test_a_note_that_is_not_utf8_is_one_line(stocked: Cli, store_path: Path) -> None:
    """A GBK terminal sends GBK bytes: Python hands them over as lone surrogates."""
    env = dict(stocked.env, LC_ALL="C.UTF-8")
    for argv in ([b"note", b"p1.1", "测试".encode("gbk")], [b"set", b"p1.1", b"doing", b"--note", "进展".encode("gbk")]):
        result = subprocess.run([sys.executable.encode(), b"-m", b"duban.tui.cli.main", *argv], env=env, cwd=ROOT,
                                capture_output=True, timeout=60)
        assert one_line(result), result.stderr
        assert "UTF-8" in result.stderr.decode()
    assert backups(store_path) == backups(store_path)[:1]  # only the import's


def test_the_repository_refuses_an_empty_note_and_keeps_a_lone_surrogate_as_text(stocked: Cli, store_path: Path) -> None:
    repo = Repository(store_path, user="tester")
    with pytest.raises(StoreError, match="needs some text"):
        repo.add_note("p1.1", "\x1b[2J\x1b]52;c;eA==\x07")
    change = repo.add_note("p1.1", "进展\ud800完成")  # from an app paste, say: stored, never an encode error
    assert change.note == "进展\ufffd完成"
    assert stocked.json("show", "p1.1")["note"] == "进展\ufffd完成"


def test_plan_files_that_are_not_regular_files_are_refused_unread(stocked: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo), str(tmp_path)):
        result = stocked("import", target, check=False)  # the FIFO would block a reader forever
        assert one_line(result), (target, result.stderr)


def test_a_csv_cell_over_128_kb_is_read(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("某区2026年任务\n序号,工作任务,牵头单位,完成时限\n1,\"" + "长" * 200_000 + "\",区财政局负责,年底前\n",
                   encoding="utf-8")
    cli("import", str(big), "--year", "2026")
    assert len(cli.json("show", "p1.1")["text"]) == 200_000


def test_a_gbk_file_name_is_kept_as_text(cli: Cli, tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/" + "测试方案.txt".encode("gbk")
    with open(name, "wb") as fh:
        fh.write(SAMPLE.read_bytes())
    result = subprocess.run([sys.executable.encode(), b"-m", b"duban.tui.cli.main", b"import", name], env=cli.env, cwd=ROOT,
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert cli.json("plans")[0]["source"] == "测试方案.txt"


@pytest.mark.parametrize("content", ["lang = \"en\"\n".encode("utf-16"), bytes(range(256)) * 4])
@pytest.mark.parametrize("which", ["config.toml", "aliases.toml"])
def test_config_files_that_are_not_utf8_are_one_line(stocked: Cli, tmp_path: Path, content: bytes, which: str) -> None:
    folder = tmp_path / "config" / "duban"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / which).write_bytes(content)
    result = stocked("ls", check=False)
    assert one_line(result), result.stderr
    assert which in result.stderr


# ---------------------------------------------------------------- item 16: one spelling per unit


def test_a_zero_width_character_does_not_make_a_second_unit(cli: Cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.tsv"
    plan.write_text(PLAN, encoding="utf-8")
    cli("import", str(plan))
    names = [u["name"] for u in cli.json("units")]
    assert names.count("区财政局") == 1 and not any(ZWJ in n or ZWSP in n for n in names)
    assert [u["items"] for u in cli.json("units") if u["name"] == "区财政局"] == [3]
    assert len(cli.json("ls", "--unit", f"区财{ZWJ}政局")) == 3  # the key typed with one is the same unit
    assert len(cli.json("ls", "--unit", "财政")) == 3


def test_a_hand_edited_unit_with_a_zero_width_joiner_is_the_same_unit(stocked: Cli, store_path: Path) -> None:
    plan_file = store_path.with_name("store.plans") / "p1.json"
    data = json.loads(plan_file.read_text("utf-8"))
    for doc in data["items"].values():
        doc["units"] = [u.replace("区财政局", f"区财{ZWJ}政局") if doc["n"] % 2 else u for u in doc["units"]]
    plan_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    names = [u["name"] for u in stocked.json("units")]
    assert names.count("区财政局") == 1 and not any(ZWJ in n for n in names)


def test_search_keys_are_folded(stocked: Cli) -> None:
    plain = stocked.json("ls", "--search", "低于4%")
    assert [i["id"] for i in plain] == ["p1.23"]
    assert stocked.json("ls", "--search", "低于４％") == plain  # full-width digit and sign (NFKC)
    assert stocked.json("ls", "--search", f"低于{ZWSP}4%") == plain  # a zero-width space pasted in
