"""`duban show ID`: one item whole, its fields, text, requirement and history."""

from __future__ import annotations

import argparse

from duban.tui.cli.item_json import item_json
from duban.tui.cli.items import Context, find_item, print_json
from duban.tui.text.adjust import loop_fields
from duban.tui.text.day_note import deadline_line
from duban.tui.text.history import entry_line


def cmd_show(args: argparse.Namespace) -> int:
    ctx = Context(args)
    view = ctx.view()
    item = find_item(ctx, view, args.id)
    as_of = ctx.day(args.as_of)
    if args.json:
        doc = item_json(view, item, as_of, ctx.settings.due_soon_days)
        doc["history"] = [h.to_doc() for h in item.history]
        print_json(doc)
        return 0
    t = ctx.t
    plan = view.plans[item.plan]
    responsible = item.responsible
    deadline = deadline_line(t, item, as_of)
    fields = [
        (t("show.plan"), f"{plan.key}  {plan.title}"),
        (t("show.main"), view.node_label(item, 1) or t("show.none")),
        (t("show.work"), view.node_label(item, 2) or t("show.none")),
        (t("show.status"), t.status(item.status)),
        (t("show.deadline"), deadline),
        (t("show.lead"), "、".join(item.lead_units) or t("show.none")),
        (t("show.responsible"), "、".join(responsible) or t("show.none")),
        (t("show.raw"), item.units_raw or t("show.none")),
        (t("show.note"), item.note or t("show.none")),
        *loop_fields(t, item, view.item, view.plans),
    ]
    print(item.id)
    for label, value in fields:
        print(f"  {label}{t('show.colon')}{value}")
    print(f"  {t('show.text')}{t('show.colon')}")
    for line in item.text.split("\n"):
        print(f"    {line}")
    if item.requirement:
        print(f"  {t('show.requirement')}：")
        for line in item.requirement.split("\n"):
            print(f"    {line}")
    if item.history:
        print(f"  {t('show.history')}{t('show.colon')}")
        for h in reversed(item.history):
            print(f"    {entry_line(t, h)}")
    return 0
