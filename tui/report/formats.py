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
from pathlib import Path

from rich import box
from rich.cells import set_cell_size
from rich.console import Console, Group, RenderableType
from rich.text import Text

from duban.store.text import display_width
from duban.tui.report.blocks import Block, Heading, Lines
from duban.tui.report.grid import GridTable
from duban.tui.report.widths import column_widths

FORMATS = ("text", "ansi", "md", "html", "svg")
EXTENSIONS = {".txt": "text", ".text": "text", ".ans": "ansi", ".ansi": "ansi", ".md": "md", ".markdown": "md",
              ".html": "html", ".htm": "html", ".svg": "svg"}


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
