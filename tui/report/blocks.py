"""What the annual report says, as blocks (headings, lines, tables) in reading order: built
once from the summary, then written by any format (tui/report/formats.py) or as Word and
Excel (word.py, excel.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from duban.store import workdays
from duban.store.model import STATUSES, Item
from duban.store.summary import Summary
from duban.store.tally import Tally, UnitTally
from duban.tui.settings.i18n import Labels
from duban.tui.text.history import entry_words

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


def pct(x: float) -> str:
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
    from duban.tui.report.loop_sections import (  # the 督办 loop's part (it imports this module)
        loop_blocks,
        overview_rows,
    )

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
        over.rows.append([t(f"report.{status}"), str(o.by_status[status]), pct(o.share(status))])
    over.rows += overview_rows(s, t)  # signed off, extended
    over.rows.append([t("report.overdue_col"), str(o.overdue), pct(o.overdue / o.items if o.items else 0)])
    over.rows.append([t("report.all_year"), str(o.all_year), pct(o.all_year / o.items if o.items else 0)])
    over.rows.append([t("report.rate"), "", pct(o.rate)])
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
    blocks.append(section("report.s_due_soon" + working, days=s.soon_window))
    blocks.append(_due_table(t, s.due_soon, t("report.days_left" + working), "yellow"))

    blocks += loop_blocks(s, t)  # extended, not signed off, carried over

    if s.since is not None:
        blocks.append(section("report.s_changes", since=s.since.isoformat()))
        table = TableBlock([Col(t("report.at")), Col(t("report.id")), Col(t("report.by")),
                            Col(t("report.change"), ratio=1), Col(t("report.note"), ratio=3)])
        for c in s.changes:  # net changes: summarise() leaves out what was undone
            words = entry_words(t, c)
            table.rows.append([words.at, c.item_id, words.who, words.what.replace(" → ", "→"), words.remark])
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
        cells += [str(tally.overdue), pct(tally.rate)]
        table.rows.append(cells)
        table.styles.append("red" if tally.overdue else None)
    return table


def _unit_table(t: Labels, title: str, rows: list[UnitTally]) -> TableBlock:
    table = _tally_table(t, t("report.unit"), [(r.name, r) for r in rows], full=False)
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
