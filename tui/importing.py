"""`duban import`: read plan files, say what was found, merge them into the store."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from store import merge
from store.importer import PlanError, read_plan
from store.text import one_line

if TYPE_CHECKING:
    from store.importer.plan import ImportResult
    from tui.commands import Context


def _summary(ctx: Context, result: ImportResult, path: Path) -> list[str]:
    t = ctx.t
    plan = result.plan
    kinds = Counter(i.deadline.kind for i in result.items)
    statuses = Counter(i.status for i in result.items)
    lines = [
        t("msg.found", layout=plan.layout, year=plan.year, mains=len(plan.main_tasks),
          works=len(plan.nodes) - len(plan.main_tasks), items=len(result.items)),
        t("msg.deadlines", date=kinds["date"], all_year=kinds["all_year"], implicit=kinds["implicit"]),
        t("msg.statuses", summary="，".join(f"{t.status(s)} {n}" for s, n in statuses.items())),
    ]
    lines += [t("msg.warning", file=path, line=line, text=t.say(text)) for line, text in result.warnings]
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


def import_files(ctx: Context, paths: list[Path], key: str | None, year: int | None, dry_run: bool) -> int:
    failed = 0
    for path in paths:
        try:
            # Read first with a provisional key: the title decides whether this is a re-import.
            result = read_plan(path, key or "p", year)
            plans = ctx.repo.load().plans  # read once: which plan this is, or the next free key
            known = next((p for p in plans if p.key == key), None) if key else \
                merge.find_plan_for(plans, path.name, result.plan.title)
            result = result.with_key(key or (known.key if known else merge.next_key(plans)))
            if known and year is None and known.year != result.plan.year:
                # A re-import keeps the year the plan was given (perhaps with --year).
                result = read_plan(path, known.key, known.year)
        except PlanError as exc:
            where = f"{exc.path}:{exc.line}" if exc.line else exc.path
            print(f"duban: {one_line(f'{where}: {ctx.t.say(exc.message)}')}", file=sys.stderr)  # a file name is shown, never obeyed
            failed += 1
            continue
        if dry_run:
            print(ctx.t("msg.dry_run"))
            print("\n".join(_summary(ctx, result, path)))
            print("\n".join(_tree(result)))
            continue
        report = ctx.repo.import_plan(result)
        if report.new_plan:
            print(ctx.t("msg.imported", file=path, key=report.key, title=result.plan.title))
        else:
            print(ctx.t("msg.reimported", file=path, key=report.key, added=report.added, updated=report.updated,
                        unchanged=report.unchanged, removed=len(report.removed)))
        print("\n".join(_summary(ctx, result, path)))
    return 2 if failed else 0
