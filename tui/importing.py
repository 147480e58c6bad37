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
    from store.importer.rows import Options
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


def import_files(ctx: Context, paths: list[Path], key: str | None, year: int | None, dry_run: bool,
                 options: Options | None = None, force: bool = False, fmt: str = "text") -> int:
    from tui import import_review

    failed = 0
    reviewed: list[tuple[Path, ImportResult]] = []
    for path in paths:
        try:
            # Read first with a provisional key: the title decides whether this is a re-import.
            result = read_plan(path, key or "p", year, options)
            plans = ctx.repo.load().plans  # read once: which plan this is, or the next free key
            known = next((p for p in plans if p.key == key), None) if key else \
                merge.find_plan_for(plans, path.name, result.plan.title)
            result = result.with_key(key or (known.key if known else merge.next_key(plans)))
            if known and year is None and known.year != result.plan.year:
                # A re-import keeps the year the plan was given (perhaps with --year).
                result = read_plan(path, known.key, known.year, options)
        except PlanError as exc:
            where = f"{exc.path}:{exc.line}" if exc.line else exc.path
            print(f"duban: {one_line(f'{where}: {ctx.t.say(exc.message)}')}", file=sys.stderr)  # a file name is shown, never obeyed
            failed += 1
            continue
        if dry_run:
            reviewed.append((path, result))
            continue
        refused = import_review.refusal(ctx, result, path)
        if refused and not force:
            print(refused, file=sys.stderr)  # an implausible reading is not written (exit 2)
            failed += 1
            continue
        report = ctx.repo.import_plan(result)
        if report.new_plan:
            print(ctx.t("msg.imported", file=path, key=report.key, title=result.plan.title))
        else:
            print(ctx.t("msg.reimported", file=path, key=report.key, added=report.added, updated=report.updated,
                        unchanged=report.unchanged, removed=len(report.removed)))
        print("\n".join(_summary(ctx, result, path)))
    if reviewed:
        import_review.print_review(ctx, reviewed, fmt)
    return 2 if failed else 0
