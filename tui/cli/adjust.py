"""`duban edit / add / rm / signoff / carry` and `plans --rename / --archive`: the 督办 loop
on the command line (issue 10).  Every write goes through the Repository, one
transaction per command, so `duban undo` takes the whole command back."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from duban.store.adjust import AdjustError
from duban.store.planning import CARRY_SECTION
from duban.store.repository import UnknownItem
from duban.tui.cli.items import Context
from duban.tui.errors import UserError
from duban.tui.text.adjust import describe_change
from duban.tui.text.history import entry_words

_SPLIT = re.compile(r"[、,，;；]")


def _units(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [u.strip() for v in values for u in _SPLIT.split(v) if u.strip()]


def _reason(ctx: Context, args: argparse.Namespace) -> str:
    if not (args.reason or "").strip():
        raise UserError(ctx.t("msg.need_reason"))
    return args.reason.strip()


def _run(ctx: Context, write, *a, **kw):  # noqa: ANN001, ANN202 - store refusals become one-line errors
    try:
        return write(*a, **kw)
    except UnknownItem as exc:
        raise UserError(ctx.t("msg.unknown_id", id=exc.args[0])) from None
    except AdjustError as exc:
        said = exc.args[0]
        if "status" in getattr(said, "fields", {}):  # the store names a status by its key
            said.fields["status"] = ctx.t.status(said.fields["status"])
        raise UserError(said) from None


def cmd_edit(args: argparse.Namespace) -> int:
    ctx = Context(args)
    changes = {"text": args.text, "lead": _units(args.lead), "responsible": _units(args.units),
               "deadline": args.deadline}
    if all(v is None for v in changes.values()):
        raise UserError(ctx.t("msg.edit_usage"))
    reason = _reason(ctx, args)
    done = _run(ctx, ctx.repo.edit, args.id, changes, reason)
    if not done:
        print(ctx.t("msg.nothing_edited", id=args.id))
    for c in done:
        print(ctx.t("msg.edited", id=c.item_id, what=entry_words(ctx.t, c).what))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    ctx = Context(args)
    text = " ".join(args.text)
    if args.main_task or args.work_task:
        if args.work_task and not args.under:
            raise UserError(ctx.t("msg.need_under"))
        node = _run(ctx, ctx.repo.add_task, args.plan, text, args.under if args.work_task else None)
        kind = ctx.t("msg.kind_work" if args.work_task else "msg.kind_main")
        print(ctx.t("msg.added_task", kind=kind, id=node, title=text.strip()))
        return 0
    if not args.under:
        raise UserError(ctx.t("msg.need_under"))
    change = _run(ctx, ctx.repo.add_item, args.plan, args.under, text, _units(args.lead), _units(args.units),
                  args.deadline, args.reason)
    print(ctx.t("msg.added_item", id=change.item_id, node=args.under))
    return 0


def cmd_rm(args: argparse.Namespace) -> int:
    ctx = Context(args)
    reason = (args.reason or "").strip() if args.undo else _reason(ctx, args)
    done = _run(ctx, ctx.repo.withdraw, args.ids, reason, back=args.undo)
    changed = {c.item_id for c in done}
    for item_id in args.ids:
        if item_id in changed:
            print(ctx.t("msg.reinstated" if args.undo else "msg.withdrawn", id=item_id))
        else:
            print(ctx.t("msg.not_withdrawn" if args.undo else "msg.already_withdrawn", id=item_id))
    return 0


def cmd_signoff(args: argparse.Namespace) -> int:
    ctx = Context(args)
    if args.undo:
        done = _run(ctx, ctx.repo.cancel_signoff, args.ids, _reason(ctx, args))
        for c in done:
            print(ctx.t("msg.signoff_cancelled", id=c.item_id))
        return 0
    evidence = (args.evidence or "").strip()
    if not evidence:
        raise UserError(ctx.t("msg.need_evidence"))
    for c in _run(ctx, ctx.repo.sign_off, args.ids, evidence):
        print(ctx.t("msg.signed_off", id=c.item_id, evidence=c.new["evidence"]))
    return 0


def cmd_carry(args: argparse.Namespace) -> int:
    ctx = Context(args)
    if args.dry_run:
        from duban.store.planning import to_carry

        view = ctx.view()
        ctx.check_plans(view, [args.key, args.into])
        docs = view.snapshot.docs
        ids, before = to_carry([d for d in docs if d["plan"] == args.key], [d for d in docs if d["plan"] == args.into])
        print(ctx.t("msg.dry_run"))
        print(ctx.t("msg.would_carry", key=args.key, count=len(ids), into=args.into, section=CARRY_SECTION))
        for item_id in ids:
            print(f"  {item_id}  {view.item(item_id).text.splitlines()[0][:60]}")
        if before:
            print(ctx.t("msg.carried_already", count=len(before)))
        return 0
    print_carried(ctx, _run(ctx, ctx.repo.carry, args.key, args.into), args.key)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """`duban import FILE --carry-from K`: import next year's plan, then carry K into it."""
    from duban.tui.cli.setup import cmd_import as import_files

    if not getattr(args, "carry_from", None):
        return import_files(args)
    ctx = Context(args)
    if len(args.files) != 1:
        raise UserError(ctx.t("msg.carry_one_file"))
    if args.dry_run:
        raise UserError(ctx.t("msg.carry_dry_run"))
    before = {p.key for p in ctx.repo.load().plans}
    if args.carry_from not in before:
        raise UserError(ctx.t("msg.unknown_plan", key=args.carry_from))
    code = import_files(args)
    if code != 0:
        return code
    plans = ctx.repo.load().plans
    name = Path(args.files[0]).name
    fresh = [p.key for p in plans if p.key not in before]
    into = args.key or (fresh[0] if len(fresh) == 1 else next(
        (p.key for p in plans if p.source and Path(p.source).name == name), None))
    if into is None:
        raise UserError(ctx.t("msg.unknown_plan", key=name))
    print_carried(ctx, _run(ctx, ctx.repo.carry, args.carry_from, into), args.carry_from)
    return 0


def print_carried(ctx: Context, result, key: str) -> None:  # noqa: ANN001 - a planning.Carried
    if result.pairs:
        print(ctx.t("msg.carried", key=key, count=len(result.pairs), into=result.into,
                    section=CARRY_SECTION, first=result.pairs[0][1]))
        for origin, copy in result.pairs:
            print(ctx.t("msg.carried_pair", origin=origin, copy=copy))
    else:
        print(ctx.t("msg.carried_none", key=key))
    if result.already:
        print(ctx.t("msg.carried_already", count=len(result.already)))


def cmd_plans(args: argparse.Namespace) -> int:
    """`plans --rename K --title/--region/--year`, `--archive K`, `--unarchive K`; else the list."""
    from duban.tui.cli.overview import cmd_plans as list_plans

    ctx = Context(args)
    if args.rename:
        changes = {"title": args.title, "region": args.region, "year": args.year}
        if all(v is None for v in changes.values()):
            raise UserError(ctx.t("msg.plans_usage"))
        key = args.rename
    elif args.archive or args.unarchive:
        key, changes = args.archive or args.unarchive, {"archived": bool(args.archive)}
    else:
        return list_plans(args)
    done = _run(ctx, ctx.repo.update_plan, key, **changes)
    if not done:
        print(ctx.t("msg.plan_unchanged", key=key))
    for name, old, new in done:
        what = ctx.t("field.archived") if name == "archived" and new else (
            "↶ " + ctx.t("field.archived") if name == "archived" else describe_change(ctx.t, name, old, new))
        print(ctx.t("msg.plan_changed", key=key, what=what))
    return 0


def undo_plan_change(ctx: Context, last_item_change: str | None) -> bool:
    """`duban undo` when your newest change was to a plan (a rename, an archiving): put it back."""
    found = ctx.repo.last_plan_change()
    if found is None or (last_item_change is not None and found[1] <= last_item_change):
        return False
    key = found[0]
    for name, old, new in ctx.repo.undo_plan_change(key):
        what = ("↶ " + ctx.t("field.archived")) if name == "archived" else describe_change(ctx.t, name, old, new, True)
        print(ctx.t("msg.plan_changed", key=key, what=what))
    return True
