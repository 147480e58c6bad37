"""`duban log`, `duban undo`, `duban backups`, `duban restore`: who did what, and going back."""

from __future__ import annotations

import argparse

from duban.tui.cli.adjust import undo_plan_change
from duban.tui.cli.items import Context, print_json
from duban.tui.cli.textable import Column, output_width, render
from duban.tui.errors import UserError
from duban.tui.text.history import entry_words


def cmd_log(args: argparse.Namespace) -> int:
    ctx = Context(args)
    since = ctx.day(args.since).isoformat() if args.since else None
    if args.id and ctx.view().item(args.id) is None:
        raise UserError(ctx.t("msg.unknown_id", id=args.id))
    entries = ctx.repo.log(args.id, since, args.by)
    if args.json:
        print_json([{"id": c.item_id, "at": c.at, "by": c.by, "name": c.name, "from": c.from_, "to": c.to,
                     "note": c.note, "undo": c.undo, "undone": c.undone}
                    | ({"field": c.field, "old": c.old, "new": c.new, "reason": c.reason} if c.field else {})
                    for c in entries])
        return 0
    t = ctx.t
    columns = [Column(t("col.at")), Column(t("col.id")), Column(t("col.by")), Column(t("col.change")),
               Column(t("col.note"), flex=True)]
    rows = []
    for c in entries:
        words = entry_words(ctx.t, c)
        rows.append([words.at, c.item_id, words.who, " ".join(p for p in (words.what, words.undone_mark) if p),
                     words.remark])
    for line in render(columns, rows, output_width(args.width)):
        print(line)
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    ctx = Context(args)
    last = ctx.repo.last_changes_by(ctx.repo.user)
    if undo_plan_change(ctx, last[0].at if last else None):  # a plan renamed or archived after that
        return 0
    if not last:
        raise UserError(ctx.t("msg.nothing_to_undo", user=ctx.repo.user, path=ctx.settings.store_path))
    undone = {c.item_id: c for c in last}
    for revert in ctx.repo.undo(last, force=getattr(args, "force", False)):
        if revert.field:
            print(ctx.t("msg.edited", id=revert.item_id, what=entry_words(ctx.t, revert).what))
        elif undone[revert.item_id].is_note:
            print(ctx.t("msg.note_undone", id=revert.item_id, note=undone[revert.item_id].note))
        else:
            print(ctx.t("msg.changed", id=revert.item_id, from_=ctx.t.status(revert.from_ or "todo"),
                        to=ctx.t.status(revert.to)) + "  (undo)")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    ctx = Context(args)
    backups = ctx.repo.backups()
    if not backups:
        print(ctx.t("msg.no_backups", path=ctx.settings.store_path))
        return 0
    t = ctx.t
    columns = [Column(t("col.backup"), "right"), Column(t("col.taken")), Column(t("col.files"), "right"),
               Column(t("col.kb"), "right"), Column(t("col.path"), flex=True)]
    rows = []
    for b in backups:
        files = str(b.files) if b.readable else ctx.t("msg.backup_unreadable")
        size = str(b.size // 1024) if b.size is not None else ""
        taken = b.taken.strftime("%Y-%m-%d %H:%M:%S") + (f" {ctx.t('msg.backup_future')}" if b.suspicious else "")
        rows.append([str(b.number), taken, files, size, str(b.path)])
    for line in render(columns, rows, output_width(None)):
        print(line)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    ctx = Context(args)
    chosen = ctx.repo.restore(args.number)
    print(ctx.t("msg.restored", number=chosen.number, taken=f"{chosen.taken:%Y-%m-%d %H:%M:%S}"))
    return 0
