"""The 督办 loop's part of the annual summary (issue 10): signed off and extended in the
overview, then the items extended (延期), done but not signed off (销号) for too long, and
carried into next year's plan (回头看).  Shown only where there is something to say, so
a plan never adjusted reads as it always did."""

from __future__ import annotations

from duban.store import workdays
from duban.store.summary import DueRow, Summary
from duban.store.text import cut
from duban.tui.report.blocks import Block, Col, Heading, TableBlock
from duban.tui.report.blocks import pct as _pct
from duban.tui.settings.i18n import Labels

TEXT_CUT = 40  # cells of item text in the loop's tables


def overview_rows(s: Summary, t: Labels) -> list[list[str]]:
    o, rows = s.overview, []
    if o.signed_off:
        rows.append([t("report.signed_off"), str(o.signed_off), _pct(o.signed_off / o.items if o.items else 0)])
    if o.extended:
        rows.append([t("report.extended"), str(o.extended), t("report.extended_days", days=o.extended_days)])
    return rows


def _table(t: Labels, rows: list[DueRow], last: list[str], cells) -> TableBlock:  # noqa: ANN001
    table = TableBlock([Col(t("report.id")), Col(t("report.text"), ratio=4), Col(t("report.lead"), ratio=2),
                        *[Col(h, "right" if n == len(last) - 1 else "left") for n, h in enumerate(last)]])
    for r in rows:
        table.rows.append([r.item.id, cut(r.item.text.split("\n")[0], TEXT_CUT), r.lead, *cells(r)])
        table.styles.append(None)
    return table


def loop_blocks(s: Summary, t: Labels) -> list[Block]:
    blocks: list[Block] = []
    if s.extended:
        blocks.append(Heading(t("report.extended_title")))
        blocks.append(_table(t, s.extended, [t("report.original_due"), t("report.due"), t("report.days_moved")],
                             lambda r: [r.item.original_deadline.due, r.item.deadline.due, str(r.days)]))
    if s.unsigned:
        working = "_working" if workdays.mode() == "working" else ""  # counted as the summary counted
        blocks.append(Heading(t("report.unsigned_title" + working, days=s.signoff_after)))
        blocks.append(_table(t, s.unsigned, [t("report.days_done" + working)], lambda r: [str(r.days)]))
    if s.carried:
        blocks.append(Heading(t("report.carried_title", count=len(s.carried))))
        blocks.append(_table(t, s.carried, [t("report.carried_to")], lambda r: [r.item.carried_to]))
    return blocks
