"""A quick check pays only for what it uses (issue 11 §7: at 1,000 items `ls --json` and
`set` within 2.5× of `python -c pass`).  Checked by what the fixes change, never by a
clock (tests/bench.py measures the time): which modules a command imports, and how much
of the argument parser it builds, with the same results as the whole parser."""

from __future__ import annotations

import argparse

import pytest

from duban.tui.cli.parser import ArgumentError, build_parser, command_word

ARGVS = [
    ["ls"], ["ls", "--unit", "区财政局", "--json"], ["--store", "ls", "ls"], ["--store=x", "set", "p1.1", "done"],
    ["--lang", "en", "units"], ["--sto", "report", "ls", "--overdue"], ["set", "p1.1", "p1.2", "done", "--note", "ok"],
    ["note", "p1.1", "ls"], ["report", "--detail", "--width", "80"], ["edit", "p1.1", "--deadline", "年底前"],
    ["import", "a.txt", "b.txt", "--dry-run"], ["signoff", "p1.2", "--evidence", "x"], [], ["--lang", "zh"],
    ["log", "--since", "2021-01-01"], ["show", "p1.1", "--json"],
]
MISTAKES = [["lss"], ["ls", "--bogus"], ["set"], ["report", "--format", "pdf"], ["--lang", "fr", "ls"],
            ["ls", "--width", "wide"], ["units", "extra"]]


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> dict | tuple:
    try:
        return vars(parser.parse_args(argv))
    except ArgumentError as exc:
        return exc.args


@pytest.mark.parametrize("argv", ARGVS + MISTAKES, ids=" ".join)
def test_one_subcommand_parses_as_the_whole_parser_does(argv: list[str]) -> None:
    assert _parse(build_parser(command_word(argv)), argv) == _parse(build_parser(), argv)


def test_a_quick_check_builds_only_its_own_subcommand() -> None:
    parser = build_parser(command_word(["ls", "--unit", "区财政局"]))
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == ["ls"]
    whole = build_parser(command_word(["-h", "ls"]))  # help before the command lists every command
    sub = next(a for a in whole._actions if isinstance(a, argparse._SubParsersAction))
    assert {"ls", "set", "report", "import", "edit", "signoff"} <= set(sub.choices)


# What a quick read must not import: the UI, the writers' machinery (lock, TinyDB, the merge,
# the hostname lookup), the importer's parsers, the report's summary, and
# importlib.resources (9 ms: a package's data folder is its import path).
NOT_FOR_A_READ = ("textual", "rich", "filelock", "tinydb", "socket", "difflib", "tempfile", "zipfile",
                  "importlib.resources", "duban.store.merge", "duban.store.import_tx", "duban.store.summary",
                  "duban.store.importer.table", "duban.store.importer.plan", "duban.store.restore",
                  # typing (3 ms) is for type checkers; inspect (6 ms, with ast and dis) stands in for
                  # dataclasses until used (store/lazy.defer_import); working days come from the cache;
                  # backups, the lock's holder and the unit-cell parser are the writers' and importer's
                  "typing", "ast", "dis", "chinese_calendar", "duban.store.backups", "duban.store.safety")
NOT_FOR_A_LISTING = ("duban.store.units",)  # `units` reads collective names with it


@pytest.mark.parametrize("command", [["ls", "--json"], ["ls", "--unit", "区财政局"], ["units", "--json"],
                                     ["show", "s.1", "--json"]], ids=" ".join)
def test_a_quick_read_imports_nothing_it_does_not_use(sample, cli_env: dict[str, str], command: list[str]) -> None:  # noqa: ANN001
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    banned = NOT_FOR_A_READ + (NOT_FOR_A_LISTING if command[0] in ("ls", "show") else ())
    code = (
        "import sys, io, contextlib; from duban.tui.cli.main import main\n"
        f"status = main({command!r})\n"
        f"bad = sorted(m for m in sys.modules if m in {banned!r} or m.split('.')[0] in {banned!r})\n"
        "sys.stderr.write('\\nimported: ' + repr(bad)); sys.exit(status)"
    )
    # The second run, as every run after a user's first: the caches of shipped data are built.
    subprocess.run([sys.executable, "-c", code], capture_output=True, env=cli_env, cwd=ROOT)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    imported = proc.stderr.rpartition("imported: ")[2]
    assert imported == "[]", f"duban {' '.join(command)} imported {imported}"
    json.loads(proc.stdout) if "--json" in command else None


def test_the_read_path_compiles_no_pattern_at_import(cli_env: dict[str, str]) -> None:
    """Patterns are compiled when first used (store/lazy.py): importing the modules a quick
    read goes through compiles none."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import re, sys, json, dataclasses, datetime, pathlib, argparse, tomli  # not ours\n"
        "calls = []; real = re.compile\n"
        "def counting(*a, **k):\n"
        "    where = sys._getframe(1).f_code.co_filename\n"
        "    if not where.startswith(sys.base_prefix) and 'site-packages' not in where:  # duban's own\n"
        "        calls.append(a[0])\n"
        "    return real(*a, **k)\n"
        "re.compile = counting\n"
        "import duban.store.text, duban.store.units, duban.store.queries, duban.store.validate\n"
        "import duban.store.safety, duban.store.deadlines, duban.tui.cli.terminal_guard\n"
        "print(calls)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env, cwd=ROOT)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr


def test_a_lazy_pattern_reads_as_the_compiled_one() -> None:
    import re

    from duban.store.lazy import lazy

    pattern = lazy(r"(\d+)年")
    assert pattern.search("2021年10月").group(1) == "2021"
    assert pattern.sub("X", "2021年2022年") == re.sub(r"(\d+)年", "X", "2021年2022年")
    assert pattern.findall("1年2年") == ["1", "2"] and pattern.pattern == r"(\d+)年"
    assert lazy(rb"\xc2").search(b"a\xc2", 1) is not None


def test_a_write_takes_the_lock_without_importing_filelock(sample, cli_env: dict[str, str]) -> None:  # noqa: ANN001
    """`duban set` takes the kernel's flock itself (store/lockfile.py): filelock's import
    alone (~25 ms) cost more than starting Python."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys; from duban.tui.cli.main import main\n"
            "status = main(['set', 's.1', 'doing'])\n"
            "sys.stderr.write('\\nimported: ' + repr(sorted(m for m in sys.modules if m.split('.')[0] == 'filelock')))\n"
            "sys.exit(status)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.rpartition("imported: ")[2] == "[]"
    assert "doing" in sample("show", "s.1").stdout or "进行中" in sample("show", "s.1").stdout


def test_a_deferred_module_is_the_module_once_used() -> None:
    """store/lazy.defer_import: `import inspect` binds a stand-in that becomes the module on
    first use, for whoever imported it before or after; dataclasses work with it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from duban.store.lazy import defer_import\n"
        "defer_import('inspect')\n"
        "import dataclasses, inspect as early\n"
        "@dataclasses.dataclass\n"
        "class Documented:\n"
        "    '''A class with a docstring: dataclasses never asks inspect for one.'''\n"
        "    a: int\n"
        "print('ast' in sys.modules)\n"
        "@dataclasses.dataclass\n"
        "class Bare:\n"
        "    a: int\n"
        "import inspect as late\n"
        "print(Bare.__doc__, early.signature(Bare), late is sys.modules['inspect'], early.isfunction(len))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["False", "Bare(a: int) (a: int) -> None True False"]
