"""`duban import`: read plan files, say what was found, merge them into the store."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from store.import_tx import ImportRefused, ImportRequest
from store.importer import PlanError, read_plan
from store.text import one_line

if TYPE_CHECKING:
    from store.model import ImportResult
    from tui.commands import Context


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


def _tree(result: ImportResult) -> list[str]:
    lines = [f"{result.plan.key}  {result.plan.title}"]
    by_node: dict[str | None, list[str]] = {}
    for item in result.items:
        first = item.text.split("\n")[0]
        by_node.setdefault(item.work or item.main, []).append(f"{item.id}  [{item.deadline.raw or '—'}]  {first}")
    for node in result.plan.nodes:
        indent = "  " * node.level
        lines.append(f"{indent}{node.label}")
        for entry in by_node.get(node.id, []):
            lines.append(f"{indent}  {entry}")
    for entry in by_node.get(None, []):
        lines.append(f"  {entry}")
    return lines


def import_files(ctx: Context, paths: list[Path], key: str | None, year: int | None, dry_run: bool,
                 into: str | None = None, new: bool = False, sheet: str | None = None,
                 table: int | None = None) -> int:
    """Read every file, then import them all in one transaction: the store decides, under
    its lock, which plan each one is (see store/import_tx.py)."""
    failed = 0
    requests: list[tuple[Path, ImportRequest]] = []
    for path in paths:
        read = partial(read_plan, path, "p", sheet=sheet, table=table)  # (path, provisional key): reading options go here, for both reads
        try:
            result = read(year)
        except PlanError as exc:
            _plan_error(ctx, exc)
            failed += 1
            continue
        requests.append((path, ImportRequest(result, str(path), key, into, new, year, _reread(ctx, read))))
    if dry_run:
        for path, request in requests:
            try:
                target, _ = ctx.repo.place(request)
            except ImportRefused as refused:
                print(f"duban: {one_line(ctx.t.say(refused.args[0]))}", file=sys.stderr)
                failed += 1
                continue
            result = request.result.with_key(target)
            print(ctx.t("msg.dry_run"))
            print("\n".join(_summary(ctx, result, path)))
            print("\n".join(_tree(result)))
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


def _plan_error(ctx: Context, exc: PlanError) -> None:
    where = f"{exc.path}:{exc.line}" if exc.line else exc.path
    print(f"duban: {one_line(f'{where}: {ctx.t.say(exc.message)}')}", file=sys.stderr)  # a file name is shown, never obeyed


def _reread(ctx: Context, read: Callable[[int | None], ImportResult]) -> Callable[[int], ImportResult]:
    """The file read again with the year of the plan it re-imports (called under the lock)."""
    def reread(year: int) -> ImportResult:
        try:
            return read(year)
        except PlanError as exc:  # changed on disk since the first read: this file is not imported
            where = f"{exc.path}:{exc.line}" if exc.line else exc.path
            raise ImportRefused(f"{where}: {ctx.t.say(exc.message)}") from None
    return reread
