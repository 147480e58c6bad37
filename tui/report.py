"""The annual summary: summary data → one description of the report (blocks) → a format.

The description is built once.  `to_rich` turns it into Rich renderables, printed as
plain text, terminal colour or SVG by a Console; `to_markdown` and `to_html` write the
same blocks as Markdown and HTML tables (real HTML tables: box-drawing characters in
a <pre> line up only in a font whose CJK glyphs are exactly two cells, which printers
and browsers rarely pick).  Imported text only ever goes in as Text or escaped.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rich import box
from rich.cells import set_cell_size
from rich.console import Console, Group, RenderableType
from rich.text import Text

from store import workdays
from store.model import STATUSES
from store.summary import Summary, Tally, UnitRow
from store.text import cut, display_width
from tui.i18n import Labels
from tui.report_table import GridTable

FORMATS = ("text", "ansi", "md", "html", "svg")
EXTENSIONS = {".txt": "text", ".text": "text", ".ans": "ansi", ".md": "md", ".markdown": "md",
              ".html": "html", ".htm": "html", ".svg": "svg"}
TEXT_CUT = 40  # cells of item text in the overdue and due-soon tables


@dataclass
class Col:
    header: str
    justify: str = "left"
    ratio: int | None = None
    min_width: int | None = None


@dataclass
class TableBlock:
    columns: list[Col]
    rows: list[list[str]] = field(default_factory=list)
    styles: list[str | None] = field(default_factory=list)  # a style per row (light, heading)
    title: str | None = None
    full_width: bool = False  # spread to the page width, with a rule between rows


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Lines:
    lines: list[str]
    style: str | None = None


Block = Heading | Lines | TableBlock


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def describe(s: Summary, t: Labels, units: list[str] | None = None, filters: list[str] | None = None) -> list[Block]:
    """The report as blocks, in reading order."""
    from tui.report_loop import loop_blocks, overview_rows  # the 督办 loop's part (it imports this module)

    year = "、".join(str(y) for y in s.years) or str(s.as_of.year)
    region = "、".join(s.regions)
    title = t("report.title", region=region, year=year) if region else t("report.title_plain", year=year)
    head = [t("report.as_of", date=s.as_of.isoformat()),
            t("report.plans", plans="；".join(f"{p.key} {p.title}" for p in s.plans) or t("report.none"))]
    if units:
        head.append(t("report.units_filter", units="、".join(units)))
    head.extend(filters or [])  # a filtered view (the app's export) says what was filtered
    blocks: list[Block] = [Heading(title, 1), Lines(head, "dim")]

    o = s.overview
    blocks.append(Heading(t("report.overview")))
    over = TableBlock([Col(""), Col(t("report.count"), "right"), Col(t("report.share"), "right")])
    over.rows.append([t("report.items"), str(o.items), "100.0%" if o.items else "—"])
    for status in STATUSES:
        over.rows.append([t(f"report.{status}"), str(o.by_status[status]), _pct(o.share(status))])
    over.rows += overview_rows(s, t)  # signed off, extended
    over.rows.append([t("report.overdue_col"), str(o.overdue), _pct(o.overdue / o.items if o.items else 0)])
    over.rows.append([t("report.all_year"), str(o.all_year), _pct(o.all_year / o.items if o.items else 0)])
    over.rows.append([t("report.rate"), "", _pct(o.rate)])
    over.styles = [None] * (len(over.rows) - 3) + ["red" if o.overdue else None, None, "bold"]
    blocks.append(over)

    blocks.append(Heading(t("report.by_main")))
    blocks.append(_tally_table(t, t("report.main"), [(g.label, g.tally) for g in s.by_main_task], full=True))

    blocks.append(Heading(t("report.by_unit")))
    for title_key, rows in (("report.by_lead", s.by_lead_unit), ("report.by_any", s.by_any_unit)):
        named = [r for r in rows if not r.collective]
        collective = [r for r in rows if r.collective]
        blocks.append(_unit_table(t, t(title_key), named))
        if collective:
            blocks.append(_unit_table(t, f"{t(title_key)} · {t('report.collective')}", collective))

    blocks.append(Heading(t("report.overdue")))
    working = "_working" if workdays.mode() == "working" else ""  # the summary counts as the config says
    blocks.append(_due_table(t, s.overdue, t("report.days_over" + working), "red"))
    blocks.append(Heading(t("report.due_soon" + working, days=30)))
    blocks.append(_due_table(t, s.due_soon, t("report.days_left" + working), "yellow"))

    blocks += loop_blocks(s, t)  # extended, not signed off, carried over

    if s.since is not None:
        blocks.append(Heading(t("report.changes", since=s.since.isoformat())))
        table = TableBlock([Col(t("report.at")), Col(t("report.id")), Col(t("report.by")),
                            Col(t("report.change")), Col(t("report.note"), ratio=3)])
        for c in s.changes:
            if c.undo:
                change = t("report.undo")
            elif c.from_ and c.from_ != c.to:
                change = f"{t.status(c.from_)}→{t.status(c.to)}"
            else:
                change = t.status(c.to) if not c.note else ""
            table.rows.append([c.at[:16].replace("T", " "), c.item_id, c.by, change, c.note or ""])
        blocks.append(table if table.rows else Lines([t("report.none")]))

    if s.detail:
        blocks.append(Heading(t("report.detail")))
        table = TableBlock([Col(t("report.d_work"), ratio=2), Col(t("report.d_text"), ratio=4),
                            Col(t("report.d_units"), ratio=2), Col(t("report.d_due"), ratio=1, min_width=8),
                            Col(t("report.d_progress"), ratio=2)], full_width=True)
        pending_work = ""
        for row in s.detail:
            if row.kind == "main":
                table.rows.append([row.label, "", "", "", ""])
                table.styles.append("bold")
            elif row.kind == "work":
                pending_work = row.label
            elif row.item is not None:
                item = row.item
                table.rows.append([pending_work, f"{item.id} {item.text}", item.units_raw,
                                   item.deadline.raw or t(f"kind.{item.deadline.kind}"), item.note or ""])
                table.styles.append(None)
                pending_work = ""
        blocks.append(table)
    return blocks


def _tally_table(t: Labels, first: str, rows: list[tuple[str, Tally]], full: bool) -> TableBlock:
    cols = [Col(first, ratio=4), Col(t("report.items"), "right"), Col(t("report.done"), "right")]
    if full:
        cols += [Col(t("report.doing"), "right"), Col(t("report.todo"), "right"), Col(t("report.blocked"), "right")]
    cols += [Col(t("report.overdue_col"), "right"), Col(t("report.rate"), "right")]
    table = TableBlock(cols)
    for label, tally in rows:
        cells = [label, str(tally.items), str(tally.done)]
        if full:
            cells += [str(tally.by_status["doing"]), str(tally.by_status["todo"]), str(tally.by_status["blocked"])]
        cells += [str(tally.overdue), _pct(tally.rate)]
        table.rows.append(cells)
        table.styles.append("red" if tally.overdue else None)
    return table


def _unit_table(t: Labels, title: str, rows: list[UnitRow]) -> TableBlock:
    table = _tally_table(t, t("report.unit"), [(r.name, r.tally) for r in rows], full=False)
    table.title = title
    return table


def _due_table(t: Labels, rows: list, days_header: str, tone: str) -> Block:
    if not rows:
        return Lines([t("report.none")])
    table = TableBlock([Col(t("report.id")), Col(t("report.text"), ratio=4), Col(t("report.lead"), ratio=2),
                        Col(t("report.due")), Col(days_header, "right")])
    for r in rows:
        table.rows.append([r.item.id, cut(r.item.text.split("\n")[0], TEXT_CUT), r.lead, r.item.deadline.due,
                           str(r.days)])
        table.styles.append(tone)
    return table


# ---------------------------------------------------------------- renderers

def _longest(block: TableBlock, n: int) -> int:
    return max([display_width(block.columns[n].header)] + [
        max((display_width(line) for line in row[n].split("\n")), default=0) for row in block.rows])


def column_widths(block: TableBlock, page: int) -> list[int]:
    """Each column's width in cells for a page `page` cells wide: what its longest cell
    needs, the text columns (those with a ratio) shrunk to fit.  Set on the Rich columns
    so Rich need not measure every cell (a tenth of a second per thousand rows)."""
    natural = [max(_longest(block, n), col.min_width or 1) for n, col in enumerate(block.columns)]
    room = page - (3 * len(block.columns) + 1)  # padding and rules
    flexible = [n for n, c in enumerate(block.columns) if c.ratio]
    fixed = sum(w for n, w in enumerate(natural) if n not in flexible)
    if block.full_width and flexible:
        spare = max(len(flexible) * 4, room - fixed)
        total_ratio = sum(block.columns[n].ratio or 1 for n in flexible)
        for n in flexible:
            natural[n] = max(block.columns[n].min_width or 4, spare * (block.columns[n].ratio or 1) // total_ratio)
        return natural
    over = sum(natural) - room
    if over > 0 and flexible:
        flex_total = sum(natural[n] for n in flexible)
        for n in flexible:
            natural[n] = max(4, natural[n] - over * natural[n] // flex_total - 1)
    return natural


def to_rich(blocks: list[Block], ascii_only: bool = False, width: int = 100) -> RenderableType:
    return Group(*_rich_parts(blocks, ascii_only, width))


def _rich_parts(blocks: list[Block], ascii_only: bool, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = []
    shape = box.ASCII if ascii_only else box.SQUARE
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(Text(""))
            parts.append(Text(block.text, style="bold underline" if block.level == 1 else "bold"))
        elif isinstance(block, Lines):
            parts.extend(Text(line, style=block.style or "") for line in block.lines)
        else:
            widths = column_widths(block, width)
            parts.append(GridTable(
                headers=[c.header for c in block.columns], widths=widths,
                justify=[c.justify for c in block.columns], rows=block.rows, styles=block.styles,
                box=shape, title=block.title, rules_between_rows=block.full_width,
            ))
    return parts


def _md_cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", "<br>") or " "


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += ["", "#" * (block.level) + " " + _md_cell(block.text), ""]
        elif isinstance(block, Lines):
            out += [_md_cell(line) + "  " for line in block.lines]
        else:
            if block.title:
                out += [f"*{_md_cell(block.title)}*", ""]
            out.append("| " + " | ".join(_md_cell(c.header) for c in block.columns) + " |")
            out.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in block.columns) + "|")
            out += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out).lstrip() + "\n"


HTML_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
        "WenQuanYi Micro Hei", "Hiragino Sans GB", sans-serif; color: #1d1f23; margin: 2em; font-size: 14px; }}
h1 {{ font-size: 1.5em; margin-bottom: .2em; }}
h2 {{ font-size: 1.15em; margin: 1.4em 0 .4em; }}
p {{ margin: .1em 0; }}
.dim {{ color: #5f6368; }}
table {{ border-collapse: collapse; margin: .3em 0 1em; }}
caption {{ text-align: left; font-style: italic; padding: .2em 0; }}
th, td {{ border: 1px solid #c4c4c4; padding: 3px 8px; vertical-align: top; }}
th {{ background: #f0f0ec; font-weight: 600; }}
td.right, th.right {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.red td {{ color: #b3261e; }}
tr.yellow td {{ color: #8a5a00; }}
tr.bold td {{ font-weight: 600; background: #f7f7f4; }}
table.full {{ width: 100%; }}
@media print {{ body {{ margin: 0; font-size: 10pt; }} tr {{ page-break-inside: avoid; }} }}
</style>
</head>
<body>
"""


def _h(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def to_html(blocks: list[Block], title: str) -> str:
    """A self-contained, printable page: real tables, so any CJK font lines them up."""
    out = [HTML_HEAD.format(title=html.escape(title))]
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{_h(block.text)}</h{block.level}>")
        elif isinstance(block, Lines):
            cls = f' class="{block.style}"' if block.style else ""
            out += [f"<p{cls}>{_h(line)}</p>" for line in block.lines]
        else:
            out.append('<table class="full">' if block.full_width else "<table>")
            if block.title:
                out.append(f"<caption>{_h(block.title)}</caption>")
            align = [' class="right"' if c.justify == "right" else "" for c in block.columns]
            heads = "".join(f"<th{a}>{_h(c.header)}</th>" for c, a in zip(block.columns, align))
            out.append(f"<thead><tr>{heads}</tr></thead><tbody>")
            for n, row in enumerate(block.rows):
                style = block.styles[n] if n < len(block.styles) else None
                cls = f' class="{style}"' if style else ""
                cells = "".join(f"<td{a}>{_h(cell)}</td>" for cell, a in zip(row, align))
                out.append(f"<tr{cls}>{cells}</tr>")
            out.append("</tbody></table>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def render(blocks: list[Block], fmt: str, width: int, ascii_only: bool = False, title: str = "duban") -> str:
    """The report in one of FORMATS, every line within `width` cells (text and ansi)."""
    return "".join(render_chunks(blocks, fmt, width, ascii_only, title))


def render_chunks(blocks: list[Block], fmt: str, width: int, ascii_only: bool = False,
                  title: str = "duban") -> Iterator[str]:
    """The report in pieces that join to `render`'s text: the text format a few thousand
    lines at a time, so that a long report can be written as it is made (a 50,000-item
    detail held whole, as lines and as one string, is 200 MB); the others in one piece."""
    if fmt == "md":
        yield to_markdown(blocks)
        return
    if fmt == "html":
        yield to_html(blocks, title)
        return
    buffer = io.StringIO()
    terminal = fmt == "ansi"
    console = Console(
        file=buffer, width=width, force_terminal=terminal, color_system="truecolor" if terminal else None,
        no_color=not terminal and fmt == "text", record=fmt == "svg", highlight=False, emoji=False,
        markup=False, legacy_windows=False, _environ={},
    )
    if fmt == "text":
        yield from _plain_text(console, buffer, _rich_parts(blocks, ascii_only, width), width)
        return
    console.print(to_rich(blocks, ascii_only, width))
    if fmt == "svg":
        yield console.export_svg(title=title)
        return
    yield buffer.getvalue()


CHUNK_LINES = 4096


def _plain_text(console: Console, buffer: io.StringIO, parts: list[RenderableType], width: int) -> Iterator[str]:
    """The text format: tables written line by line (through Rich, a 50,000-item detail
    table took half a minute and a gigabyte), the rest printed by Rich as before.  Rich
    pads titles and cells to the width: paste-friendly lines end at their text."""
    lines: list[str] = []
    for part in parts:
        if isinstance(part, GridTable):
            # Rich crops a line wider than the page; a table within the page has none (a
            # column under two cells may hold a wide character that overflows it).
            fits = sum(part.widths) + 3 * len(part.widths) + 1 <= width and min(part.widths, default=2) >= 2
            for n, line in enumerate(part.plain_lines()):
                if (not fits or (n == 0 and part.title)) and display_width(line) > width:
                    line = set_cell_size(line, width)
                lines.append(line.rstrip())
                if len(lines) >= CHUNK_LINES:
                    yield "\n".join(lines) + "\n"
                    lines = []
        else:
            console.print(part)
            lines += [line.rstrip() for line in buffer.getvalue().split("\n")[:-1]]
            buffer.seek(0)
            buffer.truncate()
    if lines:
        yield "\n".join(lines) + "\n"


def choose_format(fmt: str | None, out: Path | None, is_terminal: bool) -> str:
    if fmt:
        return fmt
    if out is not None:
        return EXTENSIONS.get(out.suffix.lower(), "text")
    return "ansi" if is_terminal else "text"
