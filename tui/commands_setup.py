"""`duban import`, `report`, `demo`, the app itself, `keys` and `config check`."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from tui.commands import Context, print_items
from tui.errors import UserError
from tui.textable import Column, output_width, render

SAMPLE_PLAN = Path(__file__).parent / "sample_plan.txt"


def cmd_import(args: argparse.Namespace) -> int:
    from tui.importing import import_files

    ctx = Context(args)
    if args.key and len(args.files) > 1:
        raise UserError(ctx.t("msg.key_one_file"))
    if args.key and not re.fullmatch(r"[A-Za-z0-9_-]{1,24}", args.key):
        raise UserError(ctx.t("msg.bad_key", key=args.key))
    if args.into and len(args.files) > 1:
        raise UserError(ctx.t("msg.into_one_file"))
    return import_files(ctx, [Path(f) for f in args.files], args.key, args.year, args.dry_run, args.into, args.new,
                        sheet=args.sheet, table=args.table)


def cmd_report(args: argparse.Namespace) -> int:
    from tui.reporting import run_report

    return run_report(Context(args), args)


def cmd_demo(args: argparse.Namespace) -> int:
    import tempfile

    from tui.importing import import_files

    folder = Path(tempfile.mkdtemp(prefix="duban-demo-"))
    args.store = str(folder / "store.json")
    ctx = Context(args)
    print(ctx.t("msg.demo_store", path=ctx.settings.store_path))
    status = import_files(ctx, [SAMPLE_PLAN], "demo", date.today().year, False)
    if status:
        return status
    if sys.stdin.isatty() and sys.stdout.isatty():
        return _run_app(ctx)
    # Not on a terminal (piped, or a script): show the list instead of the app.
    view = ctx.view()
    print_items(ctx, view.items, date.today(), output_width(getattr(args, "width", None)))
    return 0


def _run_app(ctx: Context) -> int:
    from tui.app import (
        make_app,  # the only door to textual: quick checks never pay for it
    )

    make_app(ctx.settings, ctx.repo).run()
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    ctx = Context(args)
    ctx.settings.aliases()
    ctx.settings.keymap()  # a broken config is a clear error before the screen opens
    ctx.repo.load()
    return _run_app(ctx)


def no_command(args: argparse.Namespace) -> int:
    return cmd_app(args)


def cmd_keys(args: argparse.Namespace) -> int:
    from tui.keymap import ACTIONS, KeymapError, load_keymap

    ctx = Context(args)
    if args.keymap:
        try:
            keymap = load_keymap(args.keymap)
        except KeymapError as exc:
            raise UserError(str(exc)) from None
    else:
        keymap = ctx.settings.keymap()
    t = ctx.t
    columns = [Column("id"), Column("keys"), Column(t("col.text"), flex=True)]
    rows = [[action, " ".join(keymap.keys(action)), t(f"action.{action}")] for action in ACTIONS]
    print(f"keymap: {keymap.name}")
    for line in render(columns, rows, output_width(None)):
        print(line)
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from tui.themes import load_themes

    ctx = Context(args)  # reads and checks the config file
    ctx.settings.aliases()
    keymap = ctx.settings.keymap()
    specs, problems = load_themes()
    names = {s.name for s in specs}
    if ctx.settings.theme and ctx.settings.theme not in names:
        problems.append(f"{ctx.settings.config_file}: theme '{ctx.settings.theme}' not found "
                        f"(available: {', '.join(sorted(names))})")
    if problems:
        raise UserError(problems[0])
    print(f"{ctx.settings.config_file}: ok (keymap {keymap.name}, theme {ctx.settings.theme or 'duban-dark'}, "
          f"store {ctx.settings.store_path})")
    return 0
