"""What each `duban` subcommand does: read through store/, print tables or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from duban.store.day_words import parse_day, parse_window
from duban.store.messages import Said
from duban.store.model import STATUSES, Item
from duban.store.queries import Filter, View
from duban.store.repository import Repository, UnknownItem
from duban.store.retention import Retention
from duban.tui.cli.item_json import item_json
from duban.tui.cli.main import keep_until_exit
from duban.tui.errors import UserError
from duban.tui.settings.config import Settings, load_settings
from duban.tui.settings.i18n import Labels, status_aliases

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

    from duban.tui.cli.textable import Column

MAX_WINDOW_DAYS = 36600  # --due-within: a hundred years is already more than any plan


class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        self.settings: Settings = load_settings(getattr(args, "store", None), getattr(args, "lang", None))
        self.t = Labels(self.settings.lang)
        self.repo = Repository(self.settings.store_path, lock_timeout=self.settings.lock_timeout,
                               retention=Retention(self.settings.backups_kept, self.settings.backup_days))

    def view(self) -> View:
        return View(self.repo.load(), self.settings.aliases())

    def check_plans(self, view: View, keys: list[str]) -> None:
        """Every plan key the user named is in the store (else one line, exit 2)."""
        for key in keys:
            if key not in view.plans:
                raise UserError(self.t("msg.unknown_plan", key=key))

    def day(self, value: str | None) -> date:
        """--as-of / --since: a date, a month (2026-11), or a span back from today (7d, 2w,
        1m); today when not given."""
        if not value:
            return date.today()
        try:
            day = parse_day(value, date.today())
        except (ValueError, OverflowError):
            raise UserError(self.t("msg.bad_day", value=value)) from None
        if not 1900 <= day.year <= 2999:  # 9999-12-31 is a typo, and one day later overflows
            raise UserError(Said("date_range", "{value}: expected a date from 1900 to 2999", value=value))
        return day


def _status(ctx: Context, word: str) -> str:
    status = status_aliases().get(word.strip().lower())
    if status is None:
        choices = " / ".join(f"{s} ({ctx.t.status(s)})" for s in STATUSES)
        raise UserError(ctx.t("msg.unknown_status", status=word, choices=choices))
    return status


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # without indent=: the C encoder


def print_json(data: Any) -> None:
    # One write: json.dump writes every token to the stream on its own (15,000 writes for 180 items).
    if isinstance(data, list):  # a record per line, as `task export` prints: indent= would
        text = "[\n" + ",\n".join(map(_ENCODE, data)) + "\n]" if data else "[]"  # take the pure-Python encoder
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(text + "\n")


# ---------------------------------------------------------------- ls

def check_units(ctx: Context, view: View, names: list[str]) -> set[str]:
    """The units the --unit words name (the rule: View.resolve_unit); a word naming none is
    an error with the closest names (ls, report, remind and collect alike)."""
    wanted: set[str] = set()
    for name in names:
        found = view.resolve_unit(name)
        wanted |= found
        if not found:
            import difflib

            known = sorted(view.unit_names())
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.4)
            if not close:  # no close spelling: the units sharing the most characters
                close = sorted(known, key=lambda u: -len(set(u) & set(name)))[:3] if known else []
            raise UserError(ctx.t("msg.unknown_unit", unit=name, close="、".join(close) or ctx.t("show.none")))
    return wanted


def _filter(ctx: Context, args: argparse.Namespace, view: View) -> Filter:
    ctx.check_plans(view, args.plan)
    if args.lead and not args.unit:
        raise UserError(ctx.t("msg.lead_needs_unit"))
    check_units(ctx, view, args.unit)
    statuses = [_status(ctx, s) for arg in args.status for s in arg.split(",") if s]
    try:
        window = parse_window(args.due_within) if args.due_within else None
        if window is not None and window > MAX_WINDOW_DAYS:
            raise ValueError(window)
    except ValueError:
        raise UserError(ctx.t("msg.bad_window", value=args.due_within)) from None
    return Filter(plans=args.plan, units=args.unit, lead_only=args.lead, statuses=statuses,
                  overdue=args.overdue, due_within=window, search=args.search, as_of=ctx.day(args.as_of),
                  withdrawn=getattr(args, "withdrawn", False), archived=getattr(args, "archived", False))


def cmd_ls(args: argparse.Namespace) -> int:
    ctx = Context(args)
    view = ctx.view()
    f = _filter(ctx, args, view)
    soon = ctx.settings.due_soon_days
    if getattr(args, "format", None) in ("csv", "xlsx"):
        from duban.tui.cli.ledger import write_ledger

        return write_ledger(ctx.t, view, view.select(f), f.as_of, args.format, args.out)
    if args.json:
        print_json([item_json(view, i, f.as_of, soon) for i in view.select(f)])
        return 0
    if not view.plans:
        print(ctx.t("msg.empty_store", path=ctx.settings.store_path))
        return 0
    from duban.tui.cli.listing import print_items  # here: listing imports this module
    from duban.tui.cli.textable import output_width

    docs = view.select_docs(f)
    keep_until_exit(view, docs)
    print_items(ctx, view, docs, f.as_of, output_width(args.width), explicit=args.width is not None)
    print(ctx.t("msg.count", shown=len(docs), total=len(view.snapshot.docs)))
    return 0


def check_fits(ctx: Context, columns: list[Column], rows: list[list[str]], width: int) -> None:
    """An explicit --width narrower than the table can be is an error, never a cut table.
    (Measured only for an explicit width: a quick check of 50,000 rows does not pay for it.)"""
    from duban.tui.cli.textable import narrowest

    need = narrowest(columns, rows)
    if width < need:
        raise UserError(ctx.t("report.too_narrow", width=width, need=need))


# ---------------------------------------------------------------- set / note

def find_item(ctx: Context, view: View, item_id: str) -> Item:
    item = view.item(item_id)
    if item is None:
        raise UserError(ctx.t("msg.unknown_id", id=item_id))
    return item


def _set_pairs(ctx: Context, words: list[str]) -> list[tuple[str, str]]:
    """`ID… STATUS [ID… STATUS …]` → (id, status) pairs: each status applies to the ids before it."""
    aliases = status_aliases()
    pairs: list[tuple[str, str]] = []
    pending: list[str] = []
    for word in words:
        status = aliases.get(word.strip().lower())
        if status is None:
            pending.append(word)
            continue
        if not pending:
            raise UserError(ctx.t("msg.set_usage"))
        pairs += [(i, status) for i in pending]
        pending = []
    if pending:  # words left without a status: the last one was meant as a status, or it is missing
        if "." not in pending[-1]:
            _status(ctx, pending[-1])  # an unknown status: say which there are
        if not pairs and len(pending) < 2:
            raise UserError(ctx.t("msg.set_usage"))
        raise UserError(ctx.t("msg.set_no_status", id=pending[-1]))
    statuses: dict[str, str] = {}
    for item_id, status in pairs:
        if statuses.setdefault(item_id, status) != status:
            raise UserError(ctx.t("msg.set_twice", id=item_id, a=ctx.t.status(statuses[item_id]),
                                  b=ctx.t.status(status)))
    return list(dict.fromkeys(pairs))


def cmd_set(args: argparse.Namespace) -> int:
    ctx = Context(args)
    pairs = _set_pairs(ctx, args.args)
    try:
        changed = ctx.repo.set_statuses(pairs, args.note)
    except UnknownItem as exc:
        raise UserError(ctx.t("msg.unknown_id", id=exc.args[0])) from None
    for change in changed:
        print(ctx.t("msg.changed", id=change.item_id, from_=ctx.t.status(change.from_ or "todo"),
                    to=ctx.t.status(change.to)))
    done = {c.item_id for c in changed}
    same = [ctx.t("msg.already", id=i, status=ctx.t.status(s)) for i, s in pairs if i not in done]
    if same:  # a change that changes nothing is not written: say so, in one line
        print(ctx.t("msg.unchanged", items=ctx.t("msg.list_sep").join(same)))
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    ctx = Context(args)
    if not args.text.strip():
        raise UserError(ctx.t("msg.empty_note"))
    try:
        change = ctx.repo.add_note(args.id, args.text.strip())
    except UnknownItem:
        raise UserError(ctx.t("msg.unknown_id", id=args.id)) from None
    print(ctx.t("msg.noted", id=change.item_id))
    return 0
