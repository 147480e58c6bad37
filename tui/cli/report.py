"""`duban report`: the items asked for, in the format asked for, to the terminal or a file
(the report itself is made in tui/report/)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from duban.store.messages import Said
from duban.store.model import Item
from duban.store.queries import Filter, View
from duban.store.summary import summarise
from duban.tui.cli.textable import output_width
from duban.tui.errors import UserError
from duban.tui.report.blocks import describe, filter_line
from duban.tui.report.build import DEFAULT_WIDTH, build_report, report_chunks, write_out
from duban.tui.report.formats import EXTENSIONS, FORMATS, choose_format
from duban.tui.settings.i18n import Labels


def check_extension(t: Labels, out: Path, fmt: str | None) -> None:
    """Never a format under a name that promises another: plain text named .docx, .xlsx or
    .csv is refused by Word and Excel, HTML named .txt reads as markup."""
    suffix = out.suffix.lower()  # none at all (/dev/null, a pipe, "minutes"): text, or --format
    if suffix and suffix not in EXTENSIONS:
        raise UserError(t("report.bad_extension", path=out, ext=out.suffix or "—",
                          extensions=" ".join(sorted(EXTENSIONS))))
    if fmt and suffix and EXTENSIONS[suffix] != fmt and not (EXTENSIONS[suffix] == "text" and fmt == "md"):
        raise UserError(t("report.format_mismatch", path=out, format=fmt, ext=suffix))


def command_filters(t: Labels, plans: list[str], year: int | None, units: list[str]) -> list[str]:
    """`duban report`'s own filters as the line under the title ("筛选：方案 p1；单位 区财政局")."""
    parts = []
    if plans:
        parts.append(t("report.f_plans", plans="、".join(plans)))
    if year is not None:
        parts.append(t("report.f_year", year=year))
    if units:
        parts.append(t("report.f_units", units="、".join(units)))
    return filter_line(t, parts)


def run_report(ctx, args: argparse.Namespace) -> int:  # noqa: ANN001 - a commands.Context
    from duban.tui.cli.items import check_units

    view = ctx.view()
    ctx.check_plans(view, args.plan)
    check_units(ctx, view, args.unit)
    as_of = ctx.day(args.as_of)
    since = ctx.day(args.since) if args.since else None
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() in BINARY:  # .docx/.xlsx: written below, never as text
        if args.format and args.format != BINARY[out.suffix.lower()]:
            raise UserError(ctx.t("report.format_mismatch", path=out, format=args.format, ext=out.suffix.lower()))
    elif out is not None:
        check_extension(ctx.t, out, args.format)
    fmt = choose_format(args.format, out, sys.stdout.isatty())
    if out is not None and args.format is None and out.suffix.lower() in BINARY:
        fmt = BINARY[out.suffix.lower()]
    if fmt in BINARY.values():  # Word and Excel: files only, from the same description
        return _run_binary(ctx, args, view, out, fmt, as_of, since)
    if fmt not in FORMATS:
        raise UserError(ctx.t("msg.bad_format", format=fmt, formats=", ".join(FORMATS)))
    if args.width is not None and not 40 <= args.width <= 400:
        raise UserError(ctx.t("msg.bad_width", width=args.width))
    width = args.width or (output_width(None) if fmt == "ansi" and out is None else DEFAULT_WIDTH)
    items = report_items(view, args)
    filters = command_filters(ctx.t, args.plan, args.year, args.unit)
    strict = args.width is not None
    after = ctx.settings.signoff_days  # done this long without a sign-off: listed
    if out is None:
        for chunk in report_chunks(view, items, ctx.t, as_of, fmt, width, since, args.detail, args.ascii,
                                   filters=filters, strict_width=strict, signoff_after=after):
            sys.stdout.write(chunk)
    else:
        write_out(out, build_report(view, items, ctx.t, as_of, fmt, width, since, args.detail, args.ascii,
                                    filters=filters, strict_width=strict, signoff_after=after))
        print(ctx.t("report.exported", path=out), file=sys.stderr)
    return 0


BINARY = {".docx": "docx", ".xlsx": "xlsx"}


def _run_binary(ctx, args: argparse.Namespace, view: View, out: Path | None, fmt: str, as_of: date,  # noqa: ANN001
                since: date | None) -> int:
    if out is None:
        raise UserError(Said("report_binary_out", "--format {format} writes a file: add --out FILE.{format}",
                             format=fmt))
    items = report_items(view, args)
    blocks = describe(summarise(view, items, as_of, since=since, detail=args.detail), ctx.t, args.unit)
    if fmt == "docx":
        from duban.tui.report.word import to_docx as convert
    else:
        from duban.tui.report.excel import to_xlsx as convert
    write_out(out, convert(blocks))
    print(ctx.t("report.exported", path=out), file=sys.stderr)
    return 0


def report_items(view: View, args: argparse.Namespace) -> list[Item]:
    """The items `duban report` (and --brief, --bulletin) speak of: --plan, --year, --unit."""
    return view.select(Filter(plans=args.plan, years=[args.year] if args.year is not None else [], units=args.unit))


def cmd_report(args: argparse.Namespace) -> int:
    from duban.tui.cli.items import Context

    return run_report(Context(args), args)
