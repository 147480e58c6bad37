"""`duban collect`: write a sheet per unit (--out), read the sheets sent back (--read),
preview what they change, and write it with --apply (one transaction)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from duban.store.messages import Said
from duban.tui.cli.items import Context, check_units
from duban.tui.errors import UserError
from duban.tui.settings.i18n import status_aliases


def cmd_collect(args: argparse.Namespace) -> int:
    ctx = Context(args)
    if args.read:
        return _read(ctx, args)
    if not args.out:
        raise UserError(ctx.t("msg.collect_needs_out"))
    return _write(ctx, args)


def _safe_name(unit: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unit).strip(". ") or "unit"


def _write(ctx: Context, args: argparse.Namespace) -> int:
    from duban.store import author
    from duban.store.collect import sheet_title, unit_sheet, units_of
    from duban.store.collect_files import write_docx, write_xlsx

    view = ctx.view()
    plans = args.plan or list(view.plans)
    ctx.check_plans(view, plans)
    as_of = ctx.day(getattr(args, "as_of", None))
    wanted = check_units(ctx, view, args.unit) if args.unit else None
    out = Path(args.out)
    writer, ext = (write_docx, ".docx") if args.format == "docx" else (write_xlsx, ".xlsx")
    written = 0
    stamp_at = author.now()
    for key in plans:
        plan = view.plans[key]
        items = [i for i in view.items if i.plan == key]
        units = units_of(items)
        if wanted is not None:
            units = [u for u in units if u in wanted]
        for unit in units:
            title = sheet_title(ctx.t("collect.title"), unit, plan.year, as_of)
            sheet = unit_sheet(view, items, unit, key, title, ctx.t.status, stamp_at)
            name = f"{_safe_name(unit)}{ext}" if len(plans) == 1 else f"{key}-{_safe_name(unit)}{ext}"
            writer(sheet, out / name)
            print(ctx.t("collect.wrote", path=out / name, count=len(sheet.rows)))
            written += 1
    if not written:
        raise UserError(ctx.t("msg.collect_nothing"))
    return 0


def _status_reader(ctx: Context):  # noqa: ANN202
    words = status_aliases()
    for status in ("todo", "doing", "done", "blocked"):
        words.setdefault(ctx.t.status(status).lower(), status)

    def read(text: str) -> str | None:
        return words.get(re.sub(r"\s+", "", text).lower())
    return read


def _read(ctx: Context, args: argparse.Namespace) -> int:
    from duban.store.collect import apply, propose
    from duban.store.collect_files import read

    view = ctx.view()
    readings, stamps = [], {}
    status_of = _status_reader(ctx)
    for name in args.read:
        path = Path(name)
        rows, stamp = read(path)
        try:
            reading = propose(view, str(path), rows, stamp, status_of)
        except LookupError:
            raise UserError(Said("collect_no_header", "{path}: no header row naming 编号 and 进展情况",
                                 path=path)) from None
        readings.append(reading)
        stamps[str(path)] = stamp
    t = ctx.t
    todo = 0
    for reading in readings:
        print(t("collect.file", path=reading.path, unit=reading.unit))
        for p in reading.proposals:
            change = f"{t.status(p.old)} → {t.status(p.new)}"
            if p.conflict:
                line = t("collect.conflict", id=p.item_id, change=change, why=_why(t, p.conflict))
            elif p.skip:
                line = t("collect.skip", id=p.item_id)
            else:
                line = f"  {p.item_id}  {change}"
                todo += 1
            print(line)
            if p.note and not p.skip:
                print(f"      {p.note}")
        if not reading.proposals:
            print(t("collect.empty"))
        if reading.ignored_rows:
            print(t("collect.ignored", count=reading.ignored_rows))
        if reading.unknown:
            print(t("collect.unknown", ids="、".join(reading.unknown)))
    conflicts = sum(1 for r in readings for p in r.proposals if p.conflict)
    if not args.apply:
        print(t("collect.preview", count=todo, conflicts=conflicts))
        return 0
    changed = apply(ctx.repo, readings, stamps)
    print(t("collect.applied", count=changed, conflicts=conflicts))
    return 0


def _why(t, conflict: str) -> str:  # noqa: ANN001
    if conflict in ("not_sent", "history_shorter"):
        return t(f"collect.why_{conflict}")
    return t("collect.why_changed", who=conflict)


