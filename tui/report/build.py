"""The report from items to text: summarise, describe, fit the page, render; and writing
it to a file (the command line's `report` and the app's export)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from duban.store.messages import Said
from duban.store.model import Item
from duban.store.queries import View
from duban.store.summary import SIGNOFF_AFTER_DAYS, summarise
from duban.tui.errors import UserError
from duban.tui.report.blocks import describe
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
    from duban.tui.report.formats import render_chunks  # Rich: only once there is a report to render

    return render_chunks(blocks, fmt, width, ascii_only, title)


def fit_width(blocks: list, labels: Labels, fmt: str, width: int, strict: bool) -> int:
    """The page width to render at: `width`, unless a table cannot fit it."""
    if fmt not in ("text", "ansi", "svg"):
        return width
    need = narrowest_page(blocks)
    if width < need and strict:
        raise UserError(labels("report.too_narrow", width=width, need=need))
    return max(width, need)


def write_out(path: Path, data: str | bytes, streams: bool = True) -> None:
    """Replace a regular file (or nothing) whole; write straight into a device or a pipe
    (unless `streams` is off); refuse a link, a folder or a read-only file (duban.store.atomic).
    A failure is one line naming the file."""
    from duban.store.atomic import make_dir, write_file

    try:
        make_dir(path.parent)
        write_file(path, data.encode("utf-8") if isinstance(data, str) else data, streams=streams)
    except OSError as exc:
        raise UserError(Said("report_write", "{path}: cannot write the report ({reason})", path=path,
                             reason=exc.strerror)) from None


def export_path(folder: Path | None = None) -> Path:
    """Where the app writes a report: the current folder if writable, else the data folder."""
    from duban.tui.settings.config import data_dir

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"duban-report-{stamp}.txt"
    for candidate in ([folder] if folder else []) + [Path.cwd(), data_dir() / "reports"]:
        if candidate is not None and (os.access(candidate, os.W_OK) or not candidate.exists()):
            return candidate / name
    return data_dir() / "reports" / name
