"""`duban report` and the app's export: choose the items, summarise, render, write."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from duban.store.messages import Said
from duban.store.model import Item
from duban.store.queries import View
from duban.store.summary import SIGNOFF_AFTER_DAYS, summarise
from duban.tui.cli.errors import UserError
from duban.tui.cli.textable import output_width
from duban.tui.report.blocks import describe, filter_line
from duban.tui.report.formats import EXTENSIONS, FORMATS, choose_format, render_chunks
from duban.tui.report.widths import narrowest_page
from duban.tui.settings.i18n import Labels

DEFAULT_WIDTH = 100


def build_report(view: View, items: list[Item], labels: Labels, as_of: date, fmt: str, width: int,
                 since: date | None = None, detail: bool = False, ascii_only: bool = False,
                 units: list[str] | None = None, filters: list[str] | None = None,
                 strict_width: bool = False, signoff_after: int = SIGNOFF_AFTER_DAYS) -> str:
    """The report of these items.  `filters`: lines stated under the title in every format,
    so a report of a filtered view never reads as the whole plan; make them with
    tui.report.filter_line(labels, ["单位 区财政局", "搜索“公报”", "逾期"]) → "筛选：…".
    `units` adds the line "单位：A、B".  A page narrower than the narrowest table is
    widened to it, or with `strict_width` (a width the user asked for) is an error."""
    return "".join(report_chunks(view, items, labels, as_of, fmt, width, since, detail, ascii_only, units, filters,
                                 strict_width, signoff_after))


def report_chunks(view: View, items: list[Item], labels: Labels, as_of: date, fmt: str, width: int,
                  since: date | None = None, detail: bool = False, ascii_only: bool = False,
                  units: list[str] | None = None, filters: list[str] | None = None,
                  strict_width: bool = False, signoff_after: int = SIGNOFF_AFTER_DAYS) -> Iterator[str]:
    """The report in pieces (see render_chunks): printed as it is made."""
    summary = summarise(view, items, as_of, since=since, detail=detail, signoff_after=signoff_after)
    blocks = describe(summary, labels, units, filters)
    width = fit_width(blocks, labels, fmt, width, strict_width)
    title = blocks[0].text if blocks else "duban"  # type: ignore[union-attr]
    return render_chunks(blocks, fmt, width, ascii_only, title)


def fit_width(blocks: list, labels: Labels, fmt: str, width: int, strict: bool) -> int:
    """The page width to render at: `width`, unless a table cannot fit it."""
    if fmt not in ("text", "ansi", "svg"):
        return width
    need = narrowest_page(blocks)
    if width < need and strict:
        raise UserError(labels("report.too_narrow", width=width, need=need))
    return max(width, need)


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
    refuse a link, a folder or a read-only file (duban.store.atomic)."""
    from duban.store.atomic import make_dir, write_file

    try:
        make_dir(path.parent)
        write_file(path, text.encode("utf-8"), streams=True)
    except OSError as exc:
        raise UserError(Said("report_write", "{path}: cannot write the report ({reason})", path=path,
                             reason=exc.strerror)) from None


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
    items = select_items(view, args.plan, args.year, args.unit)
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
    items = select_items(view, args.plan, args.year, args.unit)
    blocks = describe(summarise(view, items, as_of, since=since, detail=args.detail), ctx.t, args.unit)
    if fmt == "docx":
        from duban.tui.report.word import to_docx as convert
    else:
        from duban.tui.report.excel import to_xlsx as convert
    from duban.store.atomic import make_dir, write_file

    try:
        make_dir(out.parent)
        write_file(out, convert(blocks), streams=True)
    except OSError as exc:
        raise UserError(Said("report_write", "{path}: cannot write the report ({reason})", path=out,
                             reason=exc.strerror)) from None
    print(ctx.t("report.exported", path=out), file=sys.stderr)
    return 0


def export_path(folder: Path | None = None) -> Path:
    """Where the app writes a report: the current folder if writable, else the data folder."""
    from duban.tui.settings.config import data_dir

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"duban-report-{stamp}.txt"
    for candidate in ([folder] if folder else []) + [Path.cwd(), data_dir() / "reports"]:
        if candidate is not None and (os.access(candidate, os.W_OK) or not candidate.exists()):
            return candidate / name
    return data_dir() / "reports" / name
