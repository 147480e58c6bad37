"""`duban units` and `duban plans`: the store at a glance."""

from __future__ import annotations

import argparse
from collections import Counter

from duban.store.tally import by_unit
from duban.tui.cli.items import Context, check_fits, print_json
from duban.tui.cli.textable import Column, output_width, render, use_color


def cmd_units(args: argparse.Namespace) -> int:
    ctx = Context(args)
    view = ctx.view()
    ctx.check_plans(view, args.plan)
    as_of = ctx.day(args.as_of)
    items = view.plan_items(args.plan) if args.plan else view.items  # a plan asked for by key, even archived
    counts = by_unit(items, as_of)
    if args.json:
        print_json([{"name": c.name, "collective": c.collective, "items": c.items, "lead": c.lead,
                      "todo": c.by_status["todo"], "doing": c.by_status["doing"], "done": c.done,
                      "blocked": c.by_status["blocked"], "overdue": c.overdue} for c in counts])
        return 0
    t = ctx.t
    columns = [Column(t("col.unit"), flex=True), Column(t("col.items"), "right"), Column(t("col.todo"), "right"),
               Column(t("col.doing"), "right"), Column(t("col.done"), "right"), Column(t("col.blocked"), "right"),
               Column(t("col.overdue"), "right"), Column(t("col.collective"))]
    rows = [[c.name, str(c.items), str(c.by_status["todo"]), str(c.by_status["doing"]), str(c.done),
             str(c.by_status["blocked"]), str(c.overdue), "✓" if c.collective else ""] for c in counts]
    styles = [[None, None, None, None, None, None, "red" if c.overdue else None, None] for c in counts]
    if args.width is not None:
        check_fits(ctx, columns, rows, args.width)
    for line in render(columns, rows, output_width(args.width), styles, use_color()):
        print(line)
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    ctx = Context(args)
    snap = ctx.repo.load()
    per_plan = Counter(d["plan"] for d in snap.docs if not d.get("withdrawn"))
    hidden = [p for p in snap.plans if p.archived and not getattr(args, "archived", False)]
    plans = [p for p in snap.plans if p not in hidden]  # archived plans: out of the default view
    if args.json:
        print_json([{"key": p.key, "title": p.title, "region": p.region, "year": p.year,
                      "items": per_plan[p.key], "main_tasks": len(p.main_tasks), "source": p.source,
                      "layout": p.layout, "imported_at": p.imported_at}
                     | ({"archived": True} if p.archived else {}) for p in plans])
        return 0
    if not snap.plans:
        print(ctx.t("msg.empty_store", path=ctx.settings.store_path))
        return 0
    t = ctx.t
    columns = [Column(t("col.plan")), Column(t("col.year")), Column(t("col.region")), Column(t("col.items"), "right"),
               Column(t("col.main_tasks"), "right"), Column(t("col.title"), flex=True)]
    rows = [[p.key, str(p.year), p.region or "", str(per_plan[p.key]), str(len(p.main_tasks)),
             p.title + (t("show.archived") if p.archived else "")] for p in plans]
    if args.width is not None:
        check_fits(ctx, columns, rows, args.width)
    for line in render(columns, rows, output_width(args.width)):
        print(line)
    if hidden:
        print(t("msg.archived_hidden", count=len(hidden)))
    return 0


