"""The `duban` command: quick checks and updates from the shell.

Imports nothing of textual: a status check must not pay for the app's start-up.
User mistakes end in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from collections.abc import Sequence

from duban.tui.cli.parser import ArgumentError, Handler, build_parser, command_word, commands
from duban.tui.errors import UserError

EXIT_USAGE = 2
EXIT_FAILED = 1  # not the user's mistake: the output could not be written
# What a full disk, a quota or a dead terminal raise on writing the output.
OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
# Reads that write nothing but stdout and stderr: run as the program, they end as soon as
# their output is flushed.  The interpreter's teardown (freeing every loaded item, one by
# one, then every module) is a tenth of `ls` at 1,000 items and grows with the store.
QUICK_EXIT = frozenset({"ls", "units", "show"})
_KEPT: list[object] | None = None  # a list while the program runs a quick check (see keep_until_exit)


def keep_until_exit(*objects: object) -> None:
    """Let what a quick check built live until the process ends: freeing 50,000 documents
    and rows one object at a time when a command returns costs `ls` a tenth of its time,
    and the process ends a moment later anyway.  A caller in Python (a test) frees them."""
    if _KEPT is not None:
        _KEPT.extend(objects)


def main(argv: Sequence[str] | None = None) -> int:
    global _KEPT
    # Over SSH each user's locale differs: write UTF-8 whatever it says; and nothing
    # from a file, the environment or another user may drive the terminal.
    from duban.tui.cli.terminal_guard import Guard

    if command_word(argv) not in (None, "app", "demo"):
        from duban.store.lazy import defer_import

        defer_import("inspect")  # see defer_import: a quick check never needs it
    # The program itself running a quick read (not a caller in Python): it ends in _exit_now.
    _KEPT = [] if argv is None and command_word(argv) in QUICK_EXIT else None
    guard = Guard()
    try:
        status = _main(argv)
        try:  # what is still buffered: a full disk must not pass for success
            sys.stdout.flush()
        except BrokenPipeError:
            pass  # the reader stopped reading (head, less): as it always was, quietly
        except OSError as exc:
            if exc.errno not in OUTPUT_ERRORS:
                raise
            words = list(sys.argv[1:] if argv is None else argv)
            lang = words[words.index("--lang") + 1] if "--lang" in words[:-1] else None
            status = _output_failed(exc, argparse.Namespace(lang=lang))
    finally:
        guard.release()
    if _KEPT is not None:
        _exit_now(status)
    return status


def _exit_now(status: int) -> None:
    """End the process once the output is out and the exit handlers have run (the record
    of checked store files is saved by one); if the output cannot be flushed (a closed
    pipe), return and let the interpreter's exit handle it as it always has."""
    if not isinstance(status, int):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status)


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser(command_word(argv)).parse_args(argv)
    except ArgumentError as exc:
        from duban.tui.cli.argparse_words import say_argument_error

        words = sys.argv[1:] if argv is None else list(argv)
        message, prog = exc.args
        command = next((w for w in words if w in commands()), None)
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
        if collecting and _KEPT is None:  # a quick check ends now: a collection would walk all it kept
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from duban.store.importer.errors import PlanError
    from duban.store.storage import StoreError
    from duban.tui.settings.config import ConfigError

    try:
        _check_args(args)
        handler = args.handler
        if args.command == "report" and (args.brief or args.bulletin):
            handler = Handler("duban.tui.cli.remind", "cmd_report_extra")  # a paragraph or a ranking, not the report
        status = handler(args)
        workdays = sys.modules.get("duban.store.workdays")
        if workdays is not None and workdays.unknown_years:  # a count reached a year with no known holidays
            from duban.tui.text.day_note import warn_unknown_years

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
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRORS:
            raise
        return _output_failed(exc, args)


def _output_failed(exc: OSError, args: argparse.Namespace) -> int:
    """`duban report > /dev/full`: one line, and a failure status, never a traceback."""
    from duban.store.messages import Said

    said = Said("output_failed", "cannot write the output ({reason})", reason=exc.strerror or str(exc))
    _error(_labels(args).say(said))
    return EXIT_FAILED


YEARS = (1900, 2200)  # a plan's year; dates outside are a typo (and overflow date arithmetic)
WIDTHS = (40, 400)  # columns: below 40 no table fits


def _check_args(args: argparse.Namespace) -> None:
    """Numbers and texts argparse accepts but no command can use: one line, before any work."""
    from duban.store.messages import Said

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
    from duban.store.messages import Said
    from duban.store.text import safe

    if any("\udc80" <= ch <= "\udcff" for ch in note):  # bytes that were not UTF-8 (surrogateescape)
        raise UserError(Said("note_not_utf8", "the note is not UTF-8 text (is the terminal set to GBK? "
                             "use a UTF-8 locale, e.g. LANG=zh_CN.UTF-8)"))
    if not safe(note).strip():
        raise UserError(Said("note_empty", "a progress note needs some text (control characters do not count)"))


def _error(text: str) -> None:
    """An error is one line, and what it quotes (a file name, an id, a user name) is shown,
    never obeyed by the terminal."""
    from duban.store.text import one_line

    print(f"duban: {one_line(text)}", file=sys.stderr)


def _labels(args: argparse.Namespace):  # noqa: ANN202 - duban.tui.settings.i18n.Labels
    """The user's language for an error, even when the config is what failed."""
    from duban.tui.settings.i18n import Labels

    try:
        from duban.tui.settings.config import load_settings

        return Labels(load_settings(None, getattr(args, "lang", None)).lang)
    except Exception:  # noqa: BLE001 - a broken config still gets its error said
        return Labels(getattr(args, "lang", None) or os.environ.get("DUBAN_LANG") or "zh")


def _restore_hint(args: argparse.Namespace, t, exc: Exception) -> str:  # noqa: ANN001
    """A store that fails to load: name the newest backup that loads, and how to restore it.
    Only for damage: after a lock timeout or a full disk, restoring would undo colleagues' work."""
    from duban.store.storage import StoreDamaged

    if args.command in ("backups", "restore") or not isinstance(exc, StoreDamaged):
        return ""
    try:
        from duban.store.repository import Repository
        from duban.tui.settings.config import load_settings

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
