"""`duban report` and the app's export: choose the items, summarise, render, write."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from store.messages import Said
from store.model import Item
from store.queries import View
from store.summary import SIGNOFF_AFTER_DAYS, summarise
from tui.errors import UserError
from tui.i18n import Labels
from tui.report import FORMATS, choose_format, describe, render_chunks
from tui.textable import output_width

DEFAULT_WIDTH = 100


def build_report(view: View, items: list[Item], labels: Labels, as_of: date, fmt: str, width: int,
                 since: date | None = None, detail: bool = False, ascii_only: bool = False,
                 units: list[str] | None = None, filters: list[str] | None = None,
                 signoff_after: int = SIGNOFF_AFTER_DAYS) -> str:
    return "".join(report_chunks(view, items, labels, as_of, fmt, width, since, detail, ascii_only, units, filters,
                                 signoff_after))


def report_chunks(view: View, items: list[Item], labels: Labels, as_of: date, fmt: str, width: int,
                  since: date | None = None, detail: bool = False, ascii_only: bool = False,
                  units: list[str] | None = None, filters: list[str] | None = None,
                  signoff_after: int = SIGNOFF_AFTER_DAYS) -> Iterator[str]:
    """The report in pieces (see render_chunks): printed as it is made."""
    summary = summarise(view, items, as_of, since=since, detail=detail, signoff_after=signoff_after)
    blocks = describe(summary, labels, units, filters)
    title = blocks[0].text if blocks else "duban"  # type: ignore[union-attr]
    return render_chunks(blocks, fmt, width, ascii_only, title)


def select_items(view: View, plans: list[str], year: int | None, units: list[str]) -> list[Item]:
    items = view.plan_items(plans) if plans else view.items  # a plan asked for by key, even archived
    if year is not None:
        keys = {k for k, p in view.plans.items() if p.year == year}
        items = [i for i in items if i.plan in keys]
    if units:
        wanted: set[str] = set()
        for name in units:
            wanted |= view.resolve_unit(name)
        items = [i for i in items if wanted.intersection(i.units)]
    return items


def write_out(path: Path, text: str) -> None:
    """Replace a regular file (or nothing) whole; write straight into a device or a pipe;
    refuse a link, a folder or a read-only file (store.atomic)."""
    from store.atomic import make_dir, write_file

    try:
        make_dir(path.parent)
        write_file(path, text.encode("utf-8"), streams=True)
    except OSError as exc:
        raise UserError(Said("report_write", "{path}: cannot write the report ({reason})", path=path,
                             reason=exc.strerror)) from None


def run_report(ctx, args: argparse.Namespace) -> int:  # noqa: ANN001 - a commands.Context
    from tui.commands import _as_of

    view = ctx.view()
    for key in args.plan:
        if key not in view.plans:
            raise UserError(ctx.t("msg.unknown_plan", key=key))
    as_of = _as_of(ctx, args.as_of)
    since = _as_of(ctx, args.since) if args.since else None
    out = Path(args.out) if args.out else None
    fmt = choose_format(args.format, out, sys.stdout.isatty())
    if fmt not in FORMATS:
        raise UserError(ctx.t("msg.bad_format", format=fmt, formats=", ".join(FORMATS)))
    if args.width is not None and not 40 <= args.width <= 400:
        raise UserError(ctx.t("msg.bad_width", width=args.width))
    width = args.width or (output_width(None) if fmt == "ansi" and out is None else DEFAULT_WIDTH)
    items = select_items(view, args.plan, args.year, args.unit)
    after = ctx.settings.signoff_days  # done this long without a sign-off: listed
    if out is None:
        for chunk in report_chunks(view, items, ctx.t, as_of, fmt, width, since, args.detail, args.ascii, args.unit,
                                   signoff_after=after):
            sys.stdout.write(chunk)
    else:
        write_out(out, build_report(view, items, ctx.t, as_of, fmt, width, since, args.detail, args.ascii, args.unit,
                                    signoff_after=after))
        print(ctx.t("report.exported", path=out), file=sys.stderr)
    return 0


def export_path(folder: Path | None = None) -> Path:
    """Where the app writes a report: the current folder if writable, else the data folder."""
    from tui.config import data_dir

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"duban-report-{stamp}.txt"
    for candidate in ([folder] if folder else []) + [Path.cwd(), data_dir() / "reports"]:
        if candidate is not None and (os.access(candidate, os.W_OK) or not candidate.exists()):
            return candidate / name
    return data_dir() / "reports" / name
