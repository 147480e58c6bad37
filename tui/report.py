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
from store.model import STATUSES, Item
from store.summary import Summary, Tally, UnitRow
from store.text import display_width
from tui.history_text import change_words
from tui.i18n import Labels
from tui.when import local_minute
from tui.report_table import GridTable

FORMATS = ("text", "ansi", "md", "html", "svg")
EXTENSIONS = {".txt": "text", ".text": "text", ".ans": "ansi", ".ansi": "ansi", ".md": "md", ".markdown": "md",
              ".html": "html", ".htm": "html", ".svg": "svg"}
TEXT_LINES = 2  # lines of item text in the overdue and due-soon tables (then cut with …)


@dataclass
class Col:
    header: str
    justify: str = "left"
    ratio: int | None = None
    min_width: int | None = None
    max_lines: int | None = None  # fold to at most this many lines, the last cut with …


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


def _section(t: Labels, n: int, key: str, **fields: object) -> Heading:
    """A numbered heading: sections are numbered as printed (一、二、… with none skipped)."""
    numerals = t("report.numerals").split()
    number = numerals[n - 1] if n <= len(numerals) else str(n)
    return Heading(t("report.section", n=number, title=t(key, **fields)))


def filter_line(t: Labels, parts: list[str]) -> list[str]:
    """Filter descriptions ("单位 区财政局", "逾期") as the one line a report states them in
    ("筛选：单位 区财政局；逾期"); nothing when there is no filter."""
    return [t("report.filtered", filters=t("report.filter_sep").join(parts))] if parts else []


def progress_text(t: Labels, item: Item) -> str:
    """The 进展情况 cell: the status, with the latest note ("已完成：9月已报送材料")."""
    status = t.status(item.status)
    return t("report.progress", status=status, note=item.note) if item.note else status


def due_text(t: Labels, item: Item) -> str:
    """The due date as `ls` shows it: 全年 for an all-year item, the date otherwise."""
    return t("kind.all_year") if item.deadline.kind == "all_year" else item.deadline.due


def describe(s: Summary, t: Labels, units: list[str] | None = None, filters: list[str] | None = None) -> list[Block]:
    """The report as blocks, in reading order.  `filters`: lines stated under the title
    (see filter_line), so a report of a filtered view never reads as the whole plan."""
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
    n = 0

    def section(key: str, **fields: object) -> Heading:
        nonlocal n
        n += 1
        return _section(t, n, key, **fields)

    o = s.overview
    blocks.append(section("report.s_overview"))
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

    blocks.append(section("report.s_by_main"))
    blocks.append(_tally_table(t, t("report.main"), [(g.label, g.tally) for g in s.by_main_task], full=True))

    blocks.append(section("report.s_by_unit"))
    for title_key, rows in (("report.by_lead", s.by_lead_unit), ("report.by_any", s.by_any_unit)):
        named = [r for r in rows if not r.collective]
        collective = [r for r in rows if r.collective]
        blocks.append(_unit_table(t, t(title_key), named))
        if collective:
            blocks.append(_unit_table(t, f"{t(title_key)} · {t('report.collective')}", collective))

    working = "_working" if workdays.mode() == "working" else ""  # the summary counts as the config says
    blocks.append(section("report.s_overdue"))
    blocks.append(_due_table(t, s.overdue, t("report.days_over" + working), "red"))
    blocks.append(section("report.s_due_soon" + working, days=30))
    blocks.append(_due_table(t, s.due_soon, t("report.days_left" + working), "yellow"))

    blocks += loop_blocks(s, t)  # extended, not signed off, carried over

    if s.since is not None:
        blocks.append(section("report.s_changes", since=s.since.isoformat()))
        table = TableBlock([Col(t("report.at")), Col(t("report.id")), Col(t("report.by")),
                            Col(t("report.change"), ratio=1), Col(t("report.note"), ratio=3)])
        for c in s.changes:  # net changes: summarise() leaves out what was undone
            change = change_words(t, c.from_, c.to, c.note, c.undo).replace(" → ", "→")
            table.rows.append([local_minute(c.at), c.item_id, c.by, change, c.note or ""])
        blocks.append(table if table.rows else Lines([t("report.none")]))
        if s.undone:
            blocks.append(Lines([t("report.undone_left_out", count=s.undone)], "dim"))

    if s.detail:
        blocks.append(section("report.s_detail"))
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
                body = f"{item.id} {item.text}" + (f"\n{item.requirement}" if item.requirement else "")
                table.rows.append([pending_work, body, item.units_raw,
                                   item.deadline.raw or t(f"kind.{item.deadline.kind}"), progress_text(t, item)])
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
    table = TableBlock([Col(t("report.id")), Col(t("report.text"), ratio=4, max_lines=TEXT_LINES),
                        Col(t("report.lead"), ratio=2), Col(t("report.due")), Col(days_header, "right")])
    for r in rows:
        table.rows.append([r.item.id, r.item.text.split("\n")[0], r.lead, due_text(t, r.item), str(r.days)])
        table.styles.append(tone)
    return table


# ---------------------------------------------------------------- renderers

FLEX_MIN = 4  # cells a text column keeps however narrow the page: two CJK characters
FIXED_MIN = 2  # cells a number column's header may fold to (one CJK character)
FLEX_COMFORT = 12  # a text column narrower than this reads badly: fold headers first


def _longest(block: TableBlock, n: int, header: bool = True) -> int:
    cells = [display_width(block.columns[n].header)] if header else [0]
    return max(cells + [max((display_width(line) for line in row[n].split("\n")), default=0)
                        for row in block.rows])


def _floor(block: TableBlock, n: int) -> int:
    """The fewest cells column n can have: a text column folds to FLEX_MIN; any other
    column keeps its widest cell, and only its header folds."""
    if block.columns[n].ratio:
        return FLEX_MIN
    return max(_longest(block, n, header=False), FIXED_MIN)


def table_floor(block: TableBlock) -> int:
    """The narrowest page this table fits on, rules and padding included."""
    return 3 * len(block.columns) + 1 + sum(_floor(block, n) for n in range(len(block.columns)))


def narrowest_page(blocks: list[Block]) -> int:
    """The narrowest page every table of the report fits on (no column is ever dropped)."""
    return max((table_floor(b) for b in blocks if isinstance(b, TableBlock)), default=0)


def column_widths(block: TableBlock, page: int) -> list[int]:
    """Each column's width in cells for a page `page` cells wide: what its longest cell
    needs, the text columns (those with a ratio) shrunk to fit, then, on a page narrower
    still, the other columns' headers folded; never a column dropped.  Set on the Rich
    columns so Rich need not measure every cell (a tenth of a second per thousand rows)."""
    # A full-width table's text columns take their share of the page whatever they hold:
    # only the other columns are measured (a 50,000-item detail table has nothing else).
    natural = [col.min_width or 1 if block.full_width and col.ratio else max(_longest(block, n), col.min_width or 1)
               for n, col in enumerate(block.columns)]
    room = page - (3 * len(block.columns) + 1)  # padding and rules
    flexible = [n for n, c in enumerate(block.columns) if c.ratio]
    fixed = sum(w for n, w in enumerate(natural) if n not in flexible)
    if block.full_width and flexible:
        spare = max(len(flexible) * FLEX_MIN, room - fixed)
        total_ratio = sum(block.columns[n].ratio or 1 for n in flexible)
        for n in flexible:
            natural[n] = max(block.columns[n].min_width or FLEX_MIN, spare * (block.columns[n].ratio or 1) // total_ratio)
    # Too wide: take cells where it hurts least first.  Text columns down to a
    # comfortable width, then number columns' headers folded to two CJK characters, then
    # text down to FLEX_MIN, then headers to one character.
    fixed_cols = [n for n in range(len(natural)) if n not in flexible]
    data = {n: _floor(block, n) for n in fixed_cols}
    over = sum(natural) - room
    for cols, floor in ((flexible, lambda n: FLEX_COMFORT), (fixed_cols, lambda n: max(data[n], 4)),
                        (flexible, lambda n: FLEX_MIN), (fixed_cols, lambda n: data[n])):
        if over <= 0:
            break
        over = _squeeze(natural, cols, over, floor)
    return natural


def _squeeze(widths: list[int], cols: list[int], over: int, floor) -> int:  # noqa: ANN001
    """Take up to `over` cells from these columns, widest first, none below floor(n);
    what is still over."""
    while over > 0:
        room = [n for n in cols if widths[n] > floor(n)]
        if not room:
            break
        widest = max(widths[n] for n in room)
        for n in room:
            if widths[n] == widest and over > 0:
                widths[n] -= 1
                over -= 1
    return over


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
                max_lines=[c.max_lines for c in block.columns],
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
