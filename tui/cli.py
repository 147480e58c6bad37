"""The `duban` command: quick checks and updates from the shell.

Imports nothing of textual: a status check must not pay for the app's start-up.
User mistakes end in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from tui.errors import UserError

EXIT_USAGE = 2
# Where each command lives (each module imports only what its commands need).
COMMAND_MODULES = {
    "units": "commands_overview", "plans": "commands_overview",
    "import": "commands_setup", "report": "commands_setup", "demo": "commands_setup", "app": "commands_setup",
    "keys": "commands_setup", "config": "commands_setup",
    "log": "commands_history", "undo": "commands_history", "backups": "commands_history",
    "restore": "commands_history",
    "collect": "commands_collect",
    "edit": "commands_adjust", "add": "commands_adjust", "rm": "commands_adjust", "signoff": "commands_adjust",
    "carry": "commands_adjust", "plans": "commands_adjust",
    "remind": "commands_remind", "bulletin": "commands_remind", "report_extra": "commands_remind",
}
COMMAND_MODULES["import"] = "commands_adjust"  # import --carry-from K: the import, then a carry-over


class ArgumentError(Exception):
    """An argument argparse could not take: (its English message, the command's usage)."""


class Parser(argparse.ArgumentParser):
    """argparse, except that a mistake is raised, not printed: main() says it in one line,
    in the user's language (argparse prints two English lines)."""

    def error(self, message: str):  # type: ignore[override]  # noqa: ANN201
        raise ArgumentError(message, self.prog)


COMMANDS = {"ls", "show", "set", "note", *COMMAND_MODULES}


def _common() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument("--store", default=argparse.SUPPRESS, help="store file (default: $DUBAN_STORE, else XDG data dir)")
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help="language of labels")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = Parser(
        prog="duban", parents=[common],
        description="督办: track a 政务公开 work plan — import it, check it, update it, summarise it.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", parents=[common], help="import plan files (re-import merges)")
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

    p = sub.add_parser("ls", parents=[common], help="list items (all of them; options narrow)")
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

    p = sub.add_parser("show", parents=[common], help="one item in full, with its history")
    p.add_argument("id")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("set", parents=[common], help="set the status of items: duban set ID… STATUS")
    p.add_argument("args", nargs="+", metavar="ID… STATUS")
    p.add_argument("--note", help="a progress note recorded with the change")

    p = sub.add_parser("note", parents=[common], help="add a progress note without changing status")
    p.add_argument("id")
    p.add_argument("text")

    p = sub.add_parser("units", parents=[common], help="units with item counts by status and overdue")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--width", type=int)

    p = sub.add_parser("plans", parents=[common], help="the plans in the store; rename or archive one")
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

    p = sub.add_parser("demo", parents=[common], help="try duban on a bundled sample plan (temporary store)")
    p.add_argument("--width", type=int)

    p = sub.add_parser("report", parents=[common], help="the annual summary for meetings (text, ansi, md, html, svg)")
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

    p = sub.add_parser("remind", parents=[common], help="催办: one notice per unit with its overdue and due-soon items")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--unit", action="append", default=[], metavar="UNIT")
    p.add_argument("--overdue", action="store_true", help="only overdue items")
    p.add_argument("--within", metavar="10d", help="due-soon window in working days (default: due_soon_days)")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--format", choices=["text", "docx"])
    p.add_argument("--out", metavar="FILE")

    p = sub.add_parser("bulletin", parents=[common], help="通报: units ranked by overdue and completion")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--out", metavar="FILE")
    p.add_argument("--width", type=int)

    p = sub.add_parser("collect", parents=[common], help="the monthly round: a sheet per unit out, filled sheets back in")
    p.add_argument("--plan", action="append", default=[], metavar="KEY")
    p.add_argument("--unit", action="append", default=[], metavar="UNIT")
    p.add_argument("--out", metavar="DIR", help="write one sheet per unit into this folder")
    p.add_argument("--format", choices=["xlsx", "docx"], default="xlsx")
    p.add_argument("--as-of", metavar="DATE", help="the month in the title (default today)")
    p.add_argument("--read", nargs="+", metavar="FILE", help="sheets sent back (.xlsx .docx .xls .doc)")
    p.add_argument("--apply", action="store_true", help="write what --read previews")

    p = sub.add_parser("log", parents=[common], help="the history of changes, newest first")
    p.add_argument("id", nargs="?")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--by", metavar="USER")
    p.add_argument("--json", action="store_true")
    p.add_argument("--width", type=int)

    p = sub.add_parser("undo", parents=[common], help="revert your last change (again: the one before)")
    p.add_argument("--force", action="store_true", help="undo even if a colleague changed the item since")
    sub.add_parser("backups", parents=[common], help="the rolling backups beside the store")
    p = sub.add_parser("restore", parents=[common], help="put backup N back (the current store is backed up first)")
    p.add_argument("number", type=int, metavar="N")

    p = sub.add_parser("app", parents=[common], help="open the app (the same as duban with no command)")

    p = sub.add_parser("keys", parents=[common], help="the effective key bindings (keymap and overrides)")
    p.add_argument("--keymap", help="show this keymap instead of the configured one")

    p = sub.add_parser("config", parents=[common], help="check the config file")
    p.add_argument("what", choices=["check"])

    from tui.cli_adjust import add_arguments

    add_arguments(sub, common)  # edit, add, rm, signoff, carry (issue 10)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Over SSH each user's locale differs: write UTF-8 whatever it says; and nothing
    # from a file, the environment or another user may drive the terminal.
    from tui.terminal_guard import Guard

    guard = Guard()
    try:
        return _main(argv)
    finally:
        guard.release()


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except ArgumentError as exc:
        from tui.cli_errors import say_argument_error

        words = sys.argv[1:] if argv is None else list(argv)
        message, prog = exc.args
        command = next((w for w in words if w in COMMANDS), None)
        if prog == "duban" and command:  # an extra argument is found after the subcommand is done
            prog = f"duban {command}"
        print(f"duban: {say_argument_error(message, prog, argv=words)}", file=sys.stderr)
        return EXIT_USAGE
    collecting = gc.isenabled()
    if args.command not in (None, "app", "demo"):
        # A command lives for a moment and makes no garbage cycles worth collecting: the
        # cyclic GC would only walk the loaded store again and again (a quarter of `ls`
        # and half of `units` at 50,000 items).  The app keeps it.
        gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from store.importer.errors import PlanError
    from store.storage import StoreError
    from tui.config import ConfigError

    try:
        _check_args(args)
        name = args.command or "app"
        if name == "report" and (args.brief or args.bulletin):
            name = "report_extra"
        module = importlib.import_module(f"tui.{COMMAND_MODULES.get(name, 'commands')}")
        status = getattr(module, f"cmd_{name}")(args)
        workdays = sys.modules.get("store.workdays")
        if workdays is not None and workdays.unknown_years:  # a count reached a year with no known holidays
            from tui.day_note import warn_unknown_years

            warn_unknown_years(_labels(args))
        return status
    except StoreError as exc:
        t = _labels(args)
        _error(f"{t.say(exc.args[0])}{_restore_hint(args, t, exc)}")
        return EXIT_USAGE
    except PlanError as exc:
        where = f"{exc.path}:{exc.line}" if exc.line else exc.path
        _error(f"{where}: {_labels(args).say(exc.message)}")
        return EXIT_USAGE
    except (UserError, ConfigError) as exc:
        _error(f"{_labels(args).say(exc.args[0]) if exc.args else exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


YEARS = (1900, 2200)  # a plan's year; dates outside are a typo (and overflow date arithmetic)
WIDTHS = (40, 400)  # columns: below 40 no table fits


def _check_args(args: argparse.Namespace) -> None:
    """Numbers and texts argparse accepts but no command can use: one line, before any work."""
    from store.messages import Said

    year = getattr(args, "year", None)
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise UserError(Said("bad_year", "--year {year}: expected a year from {low} to {high}", year=year,
                             low=YEARS[0], high=YEARS[1]))
    width = getattr(args, "width", None)
    if width is not None and not WIDTHS[0] <= width <= WIDTHS[1]:
        raise UserError(Said("bad_width_range", "--width {width}: expected {low} to {high} columns", width=width,
                             low=WIDTHS[0], high=WIDTHS[1]))
    note = getattr(args, "text", None) if args.command == "note" else getattr(args, "note", None)
    if note is not None:
        _check_note(note)


def _check_note(note: str) -> None:
    from store.messages import Said
    from store.text import safe

    if any("\udc80" <= ch <= "\udcff" for ch in note):  # bytes that were not UTF-8 (surrogateescape)
        raise UserError(Said("note_not_utf8", "the note is not UTF-8 text (is the terminal set to GBK? "
                             "use a UTF-8 locale, e.g. LANG=zh_CN.UTF-8)"))
    if not safe(note).strip():
        raise UserError(Said("note_empty", "a progress note needs some text (control characters do not count)"))


def _error(text: str) -> None:
    """An error is one line, and what it quotes (a file name, an id, a user name) is shown,
    never obeyed by the terminal."""
    from store.text import one_line

    print(f"duban: {one_line(text)}", file=sys.stderr)


def _labels(args: argparse.Namespace):  # noqa: ANN202 - tui.i18n.Labels
    """The user's language for an error, even when the config is what failed."""
    from tui.i18n import Labels

    try:
        from tui.config import load_settings

        return Labels(load_settings(None, getattr(args, "lang", None)).lang)
    except Exception:  # noqa: BLE001 - a broken config still gets its error said
        return Labels(getattr(args, "lang", None) or os.environ.get("DUBAN_LANG") or "zh")


def _restore_hint(args: argparse.Namespace, t, exc: Exception) -> str:  # noqa: ANN001
    """A store that fails to load: name the newest backup that loads, and how to restore it.
    Only for damage: after a lock timeout or a full disk, restoring would undo colleagues' work."""
    from store.storage import StoreDamaged

    if args.command in ("backups", "restore") or not isinstance(exc, StoreDamaged):
        return ""
    try:
        from store.repository import Repository
        from tui.config import load_settings

        settings = load_settings(getattr(args, "store", None), getattr(args, "lang", None))
        good = Repository(settings.store_path).newest_good_backup()
    except Exception:  # noqa: BLE001 - the hint is a courtesy; the error above stands
        return ""
    if good is None:
        return ""
    store = f" --store {settings.store_path}" if getattr(args, "store", None) else ""
    return t("msg.restore_hint", number=good.number, taken=f"{good.taken:%Y-%m-%d %H:%M}",
             command=f"duban{store} restore {good.number}")


if __name__ == "__main__":
    sys.exit(main())
