"""`duban import`, `report`, `demo`, the app itself, `keys` and `config check`."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from duban.store.resources import folder
from duban.tui.cli.items import Context
from duban.tui.cli.listing import print_items
from duban.tui.cli.textable import Column, output_width, render
from duban.tui.errors import UserError

SAMPLE_PLAN = folder("duban.tui.cli") / "sample_plan.txt"


def cmd_import(args: argparse.Namespace) -> int:
    from duban.tui.cli.importing import import_files

    ctx = Context(args)
    if args.key and len(args.files) > 1:
        raise UserError(ctx.t("msg.key_one_file"))
    if args.key and not re.fullmatch(r"[A-Za-z0-9_-]{1,24}", args.key):
        raise UserError(ctx.t("msg.bad_key", key=args.key))
    if args.into and len(args.files) > 1:
        raise UserError(ctx.t("msg.into_one_file"))
    from duban.store.importer.rows import Options, parse_columns

    try:
        columns = parse_columns(args.columns) if args.columns else None
    except ValueError as exc:
        raise UserError(ctx.t("review.bad_columns", word=exc.args[0])) from None
    options = Options(columns=columns, header_row=args.header_row)
    return import_files(ctx, [Path(f) for f in args.files], args.key, args.year, args.dry_run,
                        args.into, args.new, options=options, force=args.force, fmt=args.format,
                        sheet=args.sheet, table=args.table)


def cmd_demo(args: argparse.Namespace) -> int:
    import shutil
    import signal
    import tempfile

    def leave(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    folder = Path(tempfile.mkdtemp(prefix="duban-demo-"))
    # The temporary store goes when the demo ends, however it ends: a hang-up over SSH
    # or a kill ends it through the finally below, as Ctrl+C and the app's quit do.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, leave)
    try:
        return _demo(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _demo(args: argparse.Namespace, folder: Path) -> int:
    from duban.tui.cli.importing import import_files

    args.store = str(folder / "store.json")
    ctx = Context(args)
    print(ctx.t("msg.demo_store_temp", path=ctx.settings.store_path))
    status = import_files(ctx, [SAMPLE_PLAN], "demo", date.today().year, False)
    if status:
        return status
    return _run_app(ctx, args)


def _run_app(ctx: Context, args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Not on a terminal (piped, a script, cron): the list instead of a screen nobody sees
        # (and the app, reading a closed input, would never end).
        view = ctx.view()
        print_items(ctx, view, view.counted_docs(), date.today(), output_width(getattr(args, "width", None)))
        return 0
    return _open_app(ctx)


def _open_app(ctx: Context) -> int:
    from duban.tui.app.app import (
        make_app,  # the only door to textual: quick checks never pay for it
    )

    make_app(ctx.settings, ctx.repo).run()
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    ctx = Context(args)
    ctx.settings.aliases()
    ctx.settings.keymap()  # a broken config is a clear error before the screen opens
    ctx.repo.load()
    return _run_app(ctx, args)


def no_command(args: argparse.Namespace) -> int:
    return cmd_app(args)


def cmd_keys(args: argparse.Namespace) -> int:
    from duban.tui.settings.keymap import ACTIONS, KeymapError, load_keymap

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
    from duban.tui.settings.themes import load_themes

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
    config = ctx.settings.config_file
    key = "config.ok" if config is not None and config.is_file() else "config.none"
    print(ctx.t(key, path=config, keymap=keymap.name, theme=ctx.settings.theme or "duban-dark",
                store=ctx.settings.store_path))
    return 0
