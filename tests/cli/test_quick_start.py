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
