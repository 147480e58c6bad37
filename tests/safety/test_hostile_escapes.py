"""Terminal escapes planted in a hand-edited store, in file names, in the lock holder's
name and in arguments never reach a terminal: every read command (as a subprocess, its
bytes read), every report format, the error lines, and the app's screen and toasts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli

SAMPLE = Path(__file__).resolve().parents[2] / "tui" / "cli" / "sample_plan.txt"
# OSC 52 (clipboard write), OSC 8 (link), screen clears, 8-bit CSI and OSC, bell, bidi override.
PAYLOADS = ["\x1b]52;c;SGVsbG8=\x07", "\x1b]8;;http://evil.example/\x1b\\点我\x1b]8;;\x1b\\", "\x1b[2J\x1b[H",
            "\x9b2J", "\x9d0;title\x9c", "\x07", "\u202e", "\x1bc", "\x1bP1$r\x1b\\", "\r"]
EVIL = "".join(PAYLOADS)
# What must not be in the bytes: ESC, BEL, other C0 but tab/newline, DEL, C1 (as UTF-8), bidi.
FORBIDDEN = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
SGR = re.compile(rb"\x1b\[[0-9;]*m")
# Payload text that would show that a sequence was cut in half rather than removed.
LEFTOVERS = (b"52;c;", b"]8;;", b"SGVsbG8", b"[2J")


def assert_clean(data: bytes, what: str, colour: bool = False, whole: bool = True) -> None:
    if colour:
        data = SGR.sub(b"", data)
    bad = FORBIDDEN.search(data)
    assert bad is None, f"{what}: {bad.group(0)!r} at {bad.start()}: {data[max(0, bad.start() - 40):bad.start() + 20]!r}"
    for left in LEFTOVERS if whole else ():
        assert left not in data, f"{what}: {left!r} left behind"


def plant(store: Path) -> None:
    """Escapes in every kind of string the store holds: what a hand edit (or a malicious
    colleague with write access to the group folder) can do."""
    index = json.loads(store.read_text("utf-8"))
    plan = index["plans"]["1"]
    plan["title"] = "方案" + EVIL
    plan["region"] = "区" + EVIL
    plan["source"] = "file" + EVIL + ".txt"
    for node in plan["nodes"]:
        node["title"] = node["title"] + EVIL
        node["number"] = (node["number"] or "") + "\x1b[8m"
    store.write_text(json.dumps(index, ensure_ascii=False), "utf-8")
    plan_file = store.with_name("store.plans") / "p1.json"
    data = json.loads(plan_file.read_text("utf-8"))
    for doc in data["items"].values():
        doc["text"] += EVIL
        doc["units"] = [u + "\x1b]52;c;eA==\x07" for u in doc["units"]] + ["区财政局" + EVIL]
        doc["lead_units"] = [doc["units"][0]]
        doc["units_raw"] += EVIL
        doc["number"] = "1" + EVIL
        doc["deadline"]["raw"] += EVIL
        doc["history"].append({"at": "2026-03-01T09:00:00+08:00", "by": "mallory" + EVIL, "from": "todo",
                               "to": "doing", "note": "进展" + EVIL})
        doc["status"] = "doing"
    plan_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


@pytest.fixture
def hostile_store(cli: Cli, store_path: Path) -> Cli:
    cli("import", str(SAMPLE), "--year", "2026")
    plant(store_path)
    return cli


READS = [["ls"], ["ls", "--json"], ["ls", "--unit", "区财政局"], ["ls", "--search", "公开", "--width", "60"],
         ["show", "p1.1"], ["show", "p1.1", "--json"], ["units"], ["units", "--json"], ["plans"], ["plans", "--json"],
         ["log"], ["log", "--json"], ["log", "p1.1"], ["log", "--by", "mallory"], ["backups"],
         ["report"], ["report", "--detail"], ["report", "--detail", "--format", "md"],
         ["report", "--detail", "--format", "html"], ["report", "--format", "svg"]]


def raw(cli: Cli, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "duban.tui.cli.main", *args], env=env or cli.env, capture_output=True,
                          timeout=60, cwd=Path(__file__).resolve().parents[2])


@pytest.mark.slow  # a subprocess per command or a LibreOffice start: slow by nature
def test_no_read_command_prints_an_escape_from_the_store(hostile_store: Cli) -> None:
    for argv in READS:
        result = raw(hostile_store, *argv)
        assert result.returncode == 0, (argv, result.stderr.decode())
        assert_clean(result.stdout, " ".join(argv))
        assert_clean(result.stderr, " ".join(argv) + " (stderr)")
    shown = raw(hostile_store, "show", "p1.1").stdout.decode()
    assert "mallory" in shown and "进展" in shown and "点我" in shown  # the data is there, the escapes are not


def test_the_ansi_report_has_only_its_own_colours(hostile_store: Cli) -> None:
    result = raw(hostile_store, "report", "--detail", "--format", "ansi")
    assert SGR.search(result.stdout)  # it is coloured
    assert_clean(result.stdout, "report ansi", colour=True)


@pytest.mark.parametrize("ext", ["txt", "md", "html", "svg", "ansi"])
def test_exported_reports_hold_no_escapes(hostile_store: Cli, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"r.{ext}"
    hostile_store("report", "--detail", "--out", str(out))  # a file: in-process will do
    assert_clean(out.read_bytes(), f"report.{ext}", colour=ext == "ansi")


def test_file_names_and_arguments_echoed_in_errors_are_made_safe(hostile_store: Cli, tmp_path: Path) -> None:
    evil_name = tmp_path / ("plan" + EVIL.replace("/", "") + ".txt")
    for argv in (["import", str(evil_name)],                       # no such file: its name echoed
                 ["show", "p1." + EVIL], ["ls", "--status", EVIL], ["ls", "--plan", EVIL],
                 ["ls", "--as-of", EVIL], ["log", "--since", EVIL], ["set", "p1.1", EVIL],
                 ["report", "--format", EVIL], ["--store", str(tmp_path / ("s" + EVIL.replace("/", "")) / "x.json"), "show", "p1.1"]):
        result = raw(hostile_store, *argv)
        assert result.returncode == 2, (argv, result.stderr.decode())
        # argparse quotes a bad choice with repr(): escaped text, harmless, not removed
        assert_clean(result.stdout + result.stderr, " ".join(argv), whole=argv[1:2] != ["--format"])
    evil_name.write_text(SAMPLE.read_text("utf-8"), "utf-8")  # a real file under a hostile name
    result = raw(hostile_store, "import", str(evil_name), "--key", "p2", "--year", "2026")
    assert result.returncode == 0, result.stderr.decode()
    assert_clean(result.stdout + result.stderr, "import under a hostile name")
    assert_clean(raw(hostile_store, "plans").stdout, "plans after import")


def test_a_hostile_lock_holder_name_is_shown_safely(hostile_store: Cli, store_path: Path) -> None:
    from filelock import FileLock

    (store_path.parent / "cfg" / "duban").mkdir(parents=True, exist_ok=True)
    env = dict(hostile_store.env, DUBAN_CONFIG=str(store_path.parent / "cfg" / "duban" / "config.toml"))
    Path(env["DUBAN_CONFIG"]).write_text("lock_timeout = 0.2\n", "utf-8")
    holder = Path(str(store_path) + ".lock.who")
    with FileLock(str(store_path) + ".lock"):
        holder.write_text(json.dumps({"user": "mallory" + EVIL, "pid": 1, "host": "h" + EVIL, "since": "now" + EVIL}))
        result = raw(hostile_store, "set", "p1.1", "done", env=env)
    assert result.returncode == 2
    assert b"mallory" in result.stderr
    assert_clean(result.stdout + result.stderr, "locked by")


def test_the_sanitizer_removes_whole_sequences() -> None:
    from duban.store.text import safe

    assert safe("a" + EVIL + "b") == "a点我b"
    assert safe("中文\tand\nlines") == "中文\tand\nlines"  # tab and line breaks are text
    assert safe("lone \ud800 surrogate") == "lone \ufffd surrogate"


async def test_the_app_screen_and_toasts_show_no_escape(hostile_store: Cli, store_path: Path, monkeypatch) -> None:
    from duban.tui.app.app import make_app
    from duban.tui.settings.config import load_settings
    from tests.tui.conftest import TODAY

    monkeypatch.setenv("XDG_CONFIG_HOME", str(store_path.parent / "cfg"))
    app = make_app(load_settings(store=str(store_path)), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.notify("toast " + EVIL, title="t" + EVIL)
        await pilot.press("down", "down")
        await pilot.pause(0.3)
        screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "mallory" in screen or "进展" in screen or "点我" in screen
        assert_clean(screen.encode("utf-8", "surrogatepass"), "app screen")
        toasts = [n.message for n in app._notifications]
        assert toasts and all(FORBIDDEN.search(t.encode()) is None for t in toasts)


def test_the_guard_lets_only_colour_through(tmp_path: Path) -> None:
    code = ("import sys; from duban.tui.cli.terminal_guard import Guard; g = Guard(); "
            "print('\\x1b[31mred\\x1b[0m', 'x\\x1b]52;c;eA==\\x07y\\x9b2Jz\\x07'); "
            "sys.stdout.write('\\x1b'); sys.stdout.flush(); sys.stdout.write('[1mb\\xc2'); g.release()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=Path(__file__).resolve().parents[2],
                         env=dict(os.environ, PYTHONIOENCODING="utf-8")).stdout
    assert out.startswith(b"\x1b[31mred\x1b[0m x]52;c;eA==y2Jz\n\x1b[1mb")
    assert_clean(SGR.sub(b"", out).replace(b"]52;c;eA==", b""), "guard")
