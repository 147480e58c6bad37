"""`duban import`: read plan files, say what was found, merge them into the store."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from duban.store.import_tx import ImportRefused, ImportRequest
from duban.store.importer import PlanError, read_plan
from duban.store.text import one_line

if TYPE_CHECKING:
    from duban.store.importer.rows import Options
    from duban.store.model import ImportResult
    from duban.tui.cli.items import Context


def _summary(ctx: Context, result: ImportResult, path: Path) -> list[str]:
    t = ctx.t
    plan = result.plan
    kinds = Counter(i.deadline.kind for i in result.items)
    statuses = Counter(i.status for i in result.items)
    lines = [
        t("msg.found", layout=plan.layout, year=plan.year, mains=len(plan.main_tasks),
          works=len(plan.nodes) - len(plan.main_tasks), items=len(result.items)),
        *([t("msg.read_part", where=t.say(result.where))] if result.where else []),
        t("msg.deadlines", date=kinds["date"], all_year=kinds["all_year"], implicit=kinds["implicit"]),
        t("msg.statuses", summary="，".join(f"{t.status(s)} {n}" for s, n in statuses.items())),
    ]
    where = f"{path}[{t.say(result.where)}]" if result.where else path  # the sheet or table of the file
    lines += [t("msg.warning", file=where, line=line, text=t.say(text)) for line, text in result.warnings]
    return lines


def import_files(ctx: Context, paths: list[Path], key: str | None, year: int | None, dry_run: bool,
                 into: str | None = None, new: bool = False, options: Options | None = None,
                 force: bool = False, fmt: str = "text", sheet: str | None = None, table: int | None = None) -> int:
    """Read every file, then import them all in one transaction: the store decides, under
    its lock, which plan each one is (see store/import_tx.py).  A reading that fails the
    plausibility check is refused unless `force`; `dry_run` prints the review instead."""
    from duban.tui.cli import import_review

    failed = 0
    requests: list[tuple[Path, ImportRequest]] = []
    for path in paths:
        # reading options apply to both reads (the provisional key "p" and under the lock)
        read = partial(read_plan, path, "p", options=options, sheet=sheet, table=table)
        try:
            result = read(year)
        except PlanError as exc:
            _plan_error(ctx, exc)
            failed += 1
            continue
        refused = None if dry_run or force else import_review.refusal(ctx, result, path)
        if refused:
            print(one_line(refused), file=sys.stderr)  # an implausible reading is not written (exit 2)
            failed += 1
            continue
        requests.append((path, ImportRequest(result, str(path), key, into, new, year, rereader(ctx, read))))
    if dry_run:
        reviewed: list[tuple[Path, ImportResult]] = []
        for path, request in requests:
            try:
                target, _ = ctx.repo.place(request)
            except ImportRefused as refused_place:
                print(f"duban: {one_line(ctx.t.say(refused_place.args[0]))}", file=sys.stderr)
                failed += 1
                continue
            reviewed.append((path, request.result.with_key(target)))
        if reviewed:
            import_review.print_review(ctx, reviewed, fmt)
        return 2 if failed else 0
    outcomes = ctx.repo.import_plans([request for _, request in requests]) if requests else []
    for (path, request), outcome in zip(requests, outcomes):
        if isinstance(outcome, ImportRefused):
            print(f"duban: {one_line(ctx.t.say(outcome.args[0]))}", file=sys.stderr)
            failed += 1
            continue
        result = request.result
        if outcome.new_plan:
            print(ctx.t("msg.imported", file=path, key=outcome.key, title=result.plan.title))
        else:
            print(ctx.t("msg.reimported", file=path, key=outcome.key, added=outcome.added, updated=outcome.updated,
                        unchanged=outcome.unchanged, removed=len(outcome.removed)))
        print("\n".join(_summary(ctx, result, path)))
        for said in outcome.ambiguous:
            print(ctx.t("msg.merge_warning", file=path, text=ctx.t.say(said)))
    return 2 if failed else 0


def plan_error_line(ctx: Context, exc: PlanError) -> str:
    """A file that cannot be read, in one line: the file, the line, what was expected."""
    where = f"{exc.path}:{exc.line}" if exc.line else exc.path
    return one_line(f"{where}: {ctx.t.say(exc.message)}")


def _plan_error(ctx: Context, exc: PlanError) -> None:
    print(f"duban: {plan_error_line(ctx, exc)}", file=sys.stderr)  # a file name is shown, never obeyed


def rereader(ctx: Context, read: Callable[[int | None], ImportResult]) -> Callable[[int], ImportResult]:
    """The file read again with the year of the plan it re-imports (called under the lock)."""
    def reread(year: int) -> ImportResult:
        try:
            return read(year)
        except PlanError as exc:  # changed on disk since the first read: this file is not imported
            raise ImportRefused(plan_error_line(ctx, exc)) from None
    return reread
