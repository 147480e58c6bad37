"""The `duban` command's arguments: every subcommand, its options and the function that
runs it (a Handler, imported only when that command runs: a quick check imports only
what its command needs)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence


class Handler:
    """The function that runs a subcommand, named where the subcommand is declared."""

    __slots__ = ("module", "function")

    def __init__(self, module: str, function: str) -> None:
        self.module, self.function = module, function

    def __call__(self, args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(self.module), self.function)(args)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Handler) and (self.module, self.function) == (other.module, other.function)

    def __hash__(self) -> int:
        return hash((self.module, self.function))

    def __repr__(self) -> str:
        return f"Handler({self.module!r}, {self.function!r})"


class _Skipped:
    """A subcommand not asked for this run: its options are not built (build_parser(only))."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        return None

    def add_mutually_exclusive_group(self, **kwargs: object) -> _Skipped:
        return self

    def add_argument_group(self, *args: object, **kwargs: object) -> _Skipped:
        return self

    def set_defaults(self, **kwargs: object) -> None:
        return None


def command(sub: argparse._SubParsersAction, name: str, common: argparse.ArgumentParser, handler: Handler,
            **kwargs: object) -> argparse.ArgumentParser:
    """A subcommand that takes the common options and runs `handler`."""
    only = getattr(sub, "only", None)
    if only is not None and name != only:
        return _Skipped()  # type: ignore[return-value]
    p = sub.add_parser(name, parents=[common], **kwargs)
    p.set_defaults(handler=handler)
    return p


TOP_OPTIONS = ("--store", "--lang")  # the options before a command that take a value


def command_word(argv: Sequence[str] | None) -> str | None:
    """The subcommand these arguments name (the first word that is not an option or an
    option's value), so that only its parser is built; None when help is asked for
    before it, or there is none (then every subcommand is built)."""
    skip = False
    for word in sys.argv[1:] if argv is None else argv:
        if skip:
            skip = False
        elif word in ("-h", "--help", "--"):
            return None
        elif word.startswith("-"):
            skip = "=" not in word and len(word) > 2 and any(o.startswith(word) for o in TOP_OPTIONS)
        else:
            return word
    return None


class ArgumentError(Exception):
    """An argument argparse could not take: (its English message, the command's usage)."""


class Parser(argparse.ArgumentParser):
    """argparse, except that a mistake is raised, not printed: main() says it in one line,
    in the user's language (argparse prints two English lines)."""

    def error(self, message: str):  # type: ignore[override]  # noqa: ANN201
        raise ArgumentError(message, self.prog)

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse asks shutil (which imports bz2 and lzma, 2 ms) for the terminal's
        # width each time it checks an argument: ask the terminal directly.
        return self.formatter_class(prog=self.prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size reports it: $COLUMNS, else the
    terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80




def _common() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument("--store", default=argparse.SUPPRESS, help="store file (default: $DUBAN_STORE, else XDG data dir)")
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help="language of labels")
    return common


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `only`, just that subcommand's (a quick check builds one
    parser, not thirty: argparse costs ~0.3 ms a subcommand).  A word that names no
    subcommand gets the whole parser, to say so with every choice."""
    common = _common()
    parser = Parser(
        prog="duban", parents=[common],
        description="督办: track a 政务公开 work plan — import it, check it, update it, summarise it.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.only = only  # type: ignore[attr-defined]  # read by command()
    parser.set_defaults(handler=Handler("duban.tui.cli.setup", "cmd_app"))  # no command: the app

    p = command(sub, "import", common, Handler("duban.tui.cli.adjust", "cmd_import"),
                help="import plan files (re-import merges)")
    p.add_argument("files", nargs="+", metavar="FILE")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--key", help="plan key (default: the plan it is a version of, else p1, p2, …)")
    where.add_argument("--into", metavar="KEY", help="merge into this plan (when duban is not sure it is the same plan)")
    where.add_argument("--new", action="store_true", help="import as a new plan, whatever it resembles")
    p.add_argument("--year", type=int, help="plan year (default: from the title)")
    p.add_argument("--dry-run", action="store_true",
                   help="write nothing; show the columns and their roles, every item, the warnings and the check")
    p.add_argument("--format", choices=("text", "json"), default="text", help="--dry-run output (json for scripts)")
    p.add_argument("--force", action="store_true", help="import even when the result fails the plausibility check")
    p.add_argument("--columns", metavar="ROLES",
                   help="the columns' roles, left to right: task,requirement,lead,responsible,deadline (or 事项,要求,牵头单位,…)")
    p.add_argument("--header-row", type=int, metavar="N", help="the line (row) that holds the table's header")
    p.add_argument("--carry-from", metavar="K", help="then carry plan K's unfinished items into it (回头看)")
    p.add_argument("--sheet", metavar="NAME", help="the Excel sheet that holds the plan (default: found by its header)")
    p.add_argument("--table", type=int, metavar="N", help="the table (1, 2, …) of a Word file, web page or PDF")

    p = command(sub, "ls", common, Handler("duban.tui.cli.items", "cmd_ls"),
                help="list items (all of them; options narrow)")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--unit", action="append", default=[], metavar="UNIT")
    p.add_argument("--lead", action="store_true", help="only where the unit leads (牵头)")
    p.add_argument("--status", action="append", default=[], metavar="STATUS", help="todo, doing, done, blocked (or 未开始 …)")
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--due-within", metavar="30d", help="due within a window: 30d, 2w, 1m")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--as-of", metavar="DATE", help="the day overdue is judged on (default today)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--width", type=int, help="table width (default: the terminal's)")
    p.add_argument("--archived", action="store_true", help="include archived plans' items")
    p.add_argument("--withdrawn", action="store_true", help="include withdrawn items")
    p.add_argument("--format", choices=["csv", "xlsx"], help="the ledger (台账) as a file: csv (UTF-8 with BOM) or xlsx")
    p.add_argument("--out", metavar="FILE", help="write the ledger here (default: standard output)")

    p = command(sub, "show", common, Handler("duban.tui.cli.show", "cmd_show"),
                help="one item in full, with its history")
    p.add_argument("id")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--json", action="store_true")

    p = command(sub, "set", common, Handler("duban.tui.cli.items", "cmd_set"),
                help="set the status of items: duban set ID… STATUS")
    p.add_argument("args", nargs="+", metavar="ID… STATUS")
    p.add_argument("--note", help="a progress note recorded with the change")

    p = command(sub, "note", common, Handler("duban.tui.cli.items", "cmd_note"),
                help="add a progress note without changing status")
    p.add_argument("id")
    p.add_argument("text")

    p = command(sub, "units", common, Handler("duban.tui.cli.overview", "cmd_units"),
                help="units with item counts by status and overdue")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--width", type=int)

    p = command(sub, "plans", common, Handler("duban.tui.cli.adjust", "cmd_plans"),
                help="the plans in the store; rename or archive one")
    p.add_argument("--json", action="store_true")
    p.add_argument("--width", type=int)
    p.add_argument("--archived", action="store_true", help="list archived plans too")
    change = p.add_mutually_exclusive_group()
    change.add_argument("--rename", metavar="KEY", help="with --title, --region, --year")
    change.add_argument("--archive", metavar="KEY", help="out of default views, still reached by --plan KEY")
    change.add_argument("--unarchive", metavar="KEY")
    p.add_argument("--title")
    p.add_argument("--region")
    p.add_argument("--year", type=int)

    p = command(sub, "demo", common, Handler("duban.tui.cli.setup", "cmd_demo"),
                help="try duban on a bundled sample plan (temporary store)")
    p.add_argument("--width", type=int)

    p = command(sub, "report", common, Handler("duban.tui.cli.report", "cmd_report"),
                help="the annual summary for meetings (text, ansi, md, html, svg)")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--year", type=int)
    p.add_argument("--unit", action="append", default=[], metavar="UNIT")
    p.add_argument("--as-of", metavar="DATE", help="the day overdue is judged on (default today)")
    p.add_argument("--since", metavar="DATE", help="add what changed since this day")
    p.add_argument("--detail", action="store_true", help="add every item in the 进展情况 layout")
    p.add_argument("--format", choices=["text", "ansi", "md", "html", "svg", "docx", "xlsx"])
    p.add_argument("--out", metavar="FILE", help="write here (the format follows the extension)")
    p.add_argument("--width", type=int, help="line width for text and ansi (default 100)")
    p.add_argument("--ascii", action="store_true", help="draw tables with +-| instead of box characters")
    p.add_argument("--brief", action="store_true", help="one paragraph for meeting minutes")
    p.add_argument("--bulletin", action="store_true", help="units ranked by overdue and completion (通报)")

    p = command(sub, "remind", common, Handler("duban.tui.cli.remind", "cmd_remind"),
                help="催办: one notice per unit with its overdue and due-soon items")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--unit", action="append", default=[], metavar="UNIT")
    p.add_argument("--overdue", action="store_true", help="only overdue items")
    p.add_argument("--within", metavar="10d", help="due-soon window in working days (default: due_soon_days)")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--format", choices=["text", "docx"])
    p.add_argument("--out", metavar="FILE")

    p = command(sub, "bulletin", common, Handler("duban.tui.cli.remind", "cmd_bulletin"),
                help="通报: units ranked by overdue and completion")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--out", metavar="FILE")
    p.add_argument("--width", type=int)

    p = command(sub, "collect", common, Handler("duban.tui.cli.collect", "cmd_collect"),
                help="the monthly round: a sheet per unit out, filled sheets back in")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--unit", action="append", default=[], metavar="UNIT")
    p.add_argument("--out", metavar="DIR", help="write one sheet per unit into this folder")
    p.add_argument("--format", choices=["xlsx", "docx"], default="xlsx")
    p.add_argument("--as-of", metavar="DATE", help="the month in the title (default today)")
    p.add_argument("--read", nargs="+", metavar="FILE", help="sheets sent back (.xlsx .docx .xls .doc)")
    p.add_argument("--apply", action="store_true", help="write what --read previews")

    p = command(sub, "log", common, Handler("duban.tui.cli.history", "cmd_log"),
                help="the history of changes, newest first")
    p.add_argument("id", nargs="?")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--by", metavar="USER")
    p.add_argument("--json", action="store_true")
    p.add_argument("--width", type=int)

    p = command(sub, "undo", common, Handler("duban.tui.cli.history", "cmd_undo"),
                help="revert your last change (again: the one before)")
    p.add_argument("--force", action="store_true", help="undo even if a colleague changed the item since")
    command(sub, "backups", common, Handler("duban.tui.cli.history", "cmd_backups"),
                help="the rolling backups beside the store")
    p = command(sub, "restore", common, Handler("duban.tui.cli.history", "cmd_restore"),
                help="put backup N back (the current store is backed up first)")
    p.add_argument("number", type=int, metavar="N")

    p = command(sub, "app", common, Handler("duban.tui.cli.setup", "cmd_app"),
                help="open the app (the same as duban with no command)")

    p = command(sub, "keys", common, Handler("duban.tui.cli.setup", "cmd_keys"),
                help="the effective key bindings (keymap and overrides)")
    p.add_argument("--keymap", help="show this keymap instead of the configured one")

    p = command(sub, "config", common, Handler("duban.tui.cli.setup", "cmd_config"), help="check the config file")
    p.add_argument("what", choices=["check"])

    from duban.tui.cli.adjust_args import add_arguments

    add_arguments(sub, common)  # edit, add, rm, signoff, carry (issue 10)
    if only is not None and only not in sub.choices:
        return build_parser()
    return parser


def commands() -> set[str]:
    """The subcommands' names (to say which one a misplaced argument belongs to)."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)
