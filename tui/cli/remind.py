"""`duban remind` (催办), `duban bulletin` (通报) and `duban report --brief`.

The counting is in store/remind.py and store/summary.py; this module picks the items,
says them in the user's language and writes them (python-docx only for --format docx).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from duban.store.day_words import parse_window
from duban.store.queries import Filter
from duban.store.remind import reminders, standings
from duban.tui.cli.items import Context, check_units
from duban.tui.cli.report import report_items
from duban.tui.cli.textable import Column, output_width, render
from duban.tui.errors import UserError
from duban.tui.report.build import write_out


def _days(ctx: Context, text: str, what: str) -> int:
    try:
        days = parse_window(text)
    except ValueError:
        raise UserError(ctx.t("msg.bad_window", value=text)) from None
    if days > 366:
        raise UserError(ctx.t("msg.bad_window", value=f"{what} {text}"))
    return days


def _selection(ctx: Context, args: argparse.Namespace):  # noqa: ANN202 - (view, items)
    view = ctx.view()
    ctx.check_plans(view, args.plan)
    return view, view.select(Filter(plans=args.plan))


def cmd_remind(args: argparse.Namespace) -> int:
    from duban.tui.report.remind_text import as_text, letters

    ctx = Context(args)
    view, items = _selection(ctx, args)
    as_of = ctx.day(args.as_of)
    wanted = check_units(ctx, view, args.unit) if args.unit else None
    within = None if args.overdue else _days(ctx, args.within or f"{ctx.settings.due_soon_days}d", "--within")
    reply = _days(ctx, ctx.settings.reply_within, "reply_within")
    r = reminders(view, items, as_of, within, reply, wanted)
    fmt = args.format or ("docx" if args.out and args.out.lower().endswith(".docx") else "text")
    office = ctx.settings.office
    if fmt == "docx":
        if not args.out:
            raise UserError(ctx.t("remind.needs_out"))
        out = Path(args.out)
        if out.suffix.lower() != ".docx":
            raise UserError(ctx.t("remind.bad_out", path=out, format="docx"))
        from duban.tui.report.remind_word import write_letters

        sep = "、" if ctx.t.lang == "zh" else ", "
        quiet = ctx.t("remind.quiet", count=len(r.quiet), units=sep.join(r.quiet)) if r.quiet else None
        try:
            write_letters(out, letters(ctx.t, r, office), quiet)
        except OSError as exc:
            raise UserError(ctx.t("remind.write_failed", path=out, reason=exc.strerror)) from None
        print(ctx.t("remind.written", path=out, count=len(r.notices)), file=sys.stderr)
    else:
        text = as_text(ctx.t, r, office)
        if args.out:
            write_out(Path(args.out), text)
            print(ctx.t("remind.written", path=args.out, count=len(r.notices)), file=sys.stderr)
        else:
            sys.stdout.write(text)
    return 0


def bulletin_text(ctx: Context, items: list, titles: list[str], as_of, width: int) -> str:  # noqa: ANN001
    from duban.tui.report.remind_text import say_date

    t = ctx.t
    rows = standings(items, as_of)
    sep = "、" if t.lang == "zh" else ", "
    late = [x for x in rows if x.tally.overdue]
    late_part = t("bulletin.late_some", count=len(late), list=sep.join(
        t("bulletin.entry", unit=x.unit, count=x.tally.overdue) for x in late)) if late else t("bulletin.late_none")
    best = [x.unit for x in rows if x.tally.items and x.tally.done == x.tally.items]
    plans = sep.join((f"《{x}》" if t.lang == "zh" else x) for x in titles)
    para = t("bulletin.para", date=say_date(t, as_of), plans=plans, units=len(rows), late_part=late_part,
             best_part=t("bulletin.best", list=sep.join(best)) if best else "")
    columns = [Column(t("bulletin.rank"), "right"), Column(t("bulletin.unit"), flex=True)] + [
        Column(t(f"bulletin.{k}"), "right") for k in ("items", "done", "doing", "todo", "overdue", "rate")]
    table = [[str(x.rank), x.unit, str(x.tally.items), str(x.tally.done), str(x.tally.by_status["doing"]),
              str(x.tally.by_status["todo"]), str(x.tally.overdue), f"{x.tally.rate * 100:.1f}%"] for x in rows]
    subject = sep.join(titles) or t("remind.subject_default")
    lines = [t("bulletin.title", subject=subject), "", para, ""]
    lines += render(columns, table, width, None, False) if table else [t("report.none")]
    return "\n".join(lines) + "\n"


def cmd_bulletin(args: argparse.Namespace) -> int:
    ctx = Context(args)
    view, items = _selection(ctx, args)
    as_of = ctx.day(args.as_of)
    titles = [view.plans[k].title for k in dict.fromkeys(i.plan for i in items) if k in view.plans]
    text = bulletin_text(ctx, items, titles, as_of, output_width(getattr(args, "width", None)))
    _emit(ctx, args, text)
    return 0


def _emit(ctx: Context, args: argparse.Namespace, text: str) -> None:
    out = getattr(args, "out", None)
    if out:
        write_out(Path(out), text)
        print(ctx.t("report.exported", path=out), file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_report_extra(args: argparse.Namespace) -> int:
    """`report --brief` and `report --bulletin`: the same items as the report, said short."""
    from duban.store.summary import summarise
    from duban.tui.report.brief import brief

    ctx = Context(args)
    view = ctx.view()
    ctx.check_plans(view, args.plan)
    as_of = ctx.day(args.as_of)
    items = report_items(view, args)
    if args.bulletin:
        titles = [view.plans[k].title for k in dict.fromkeys(i.plan for i in items) if k in view.plans]
        text = bulletin_text(ctx, items, titles, as_of, args.width or 100)
    else:
        text = brief(ctx.t, summarise(view, items, as_of), items) + "\n"
    _emit(ctx, args, text)
    return 0
