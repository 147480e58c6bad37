"""`duban import --dry-run`: what a clerk checks before trusting an import — the columns
and the role each was given (with the header's text), per item its number, text, lead
and responsible units and deadline, the warnings, and the plausibility check; or the
same as JSON (`--format json`).  Also the refusal of an implausible import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from duban.store.text import display_width, pad

if TYPE_CHECKING:
    from duban.store.importer.plan import ImportResult
    from duban.tui.cli.items import Context


def _review(result: ImportResult) -> Any:
    return getattr(result, "review", None)


def problems(result: ImportResult) -> list[str]:
    review = _review(result)
    return list(review.problems) if review is not None else []


def refusal(ctx: Context, result: ImportResult, path: Path) -> str | None:
    """The one-line refusal of an implausible import, or None when it looks right."""
    found = problems(result)
    if not found:
        return None
    return ctx.t("review.refused", file=path, text=" · ".join(ctx.t.say(p) for p in found))


def render_text(ctx: Context, result: ImportResult, path: Path) -> list[str]:
    """Whole lines, never cut: the clerk checks every word (a terminal wraps them)."""
    t, plan, review = ctx.t, result.plan, _review(result)
    where = getattr(result, "where", "")  # the sheet or table of a workbook or document
    path = Path(f"{path}[{t.say(where)}]") if where else path
    lines = [t("review.head", file=path, layout=plan.layout, line=review.header_line if review else 0, year=plan.year),
             f"  {plan.key}  {plan.title}"]  # the plan it would go to: new, or the one it re-imports
    if where:
        lines.append(t("review.read_part", where=t.say(where)))
    lines.append(t("review.columns"))
    columns = review.columns if review else []
    if not columns:
        lines.append(t("review.no_columns"))
    head_w = max((display_width(c.header) for c in columns), default=0)
    for c in columns:
        lines.append(t("review.column", n=c.index, header=pad(c.header, head_w), role=f"{t(f'role.{c.role}')} ({c.role})"))
    lines.append(t("review.items", n=len(result.items)))
    by_node: dict[str | None, list] = {}
    for item in result.items:
        by_node.setdefault(item.work or item.main, []).append(item)
    none = t("review.none")
    for node in [None, *plan.nodes]:
        if node is not None:
            lines.append(f"  {'  ' * (node.level - 1)}{node.label}")
        for item in by_node.get(node.id if node else None, []):
            number = item.number or "—"
            text = item.text.replace("\n", " ")
            lines.append(f"    {item.id}  {number}  {text}")
            responsible = item.responsible
            deadline = item.deadline.raw or t(f"kind.{item.deadline.kind}")
            lines.append(t("review.item_units", lead="、".join(item.lead_units) or none,
                           responsible="、".join(responsible) or none, deadline=f"{deadline} → {item.deadline.due}"))
            if item.requirement:
                lines.append(t("review.requirement", text=item.requirement.replace("\n", " ")))
    if result.warnings:
        lines.append(t("review.warnings"))
        lines += [t("msg.warning", file=path, line=line, text=t.say(text)) for line, text in result.warnings]
    found = problems(result)
    if found:
        lines.append(t("review.problems"))
        lines += [t("review.problem", text=t.say(p)) for p in found]
    else:
        lines.append(t("review.ok"))
    return lines


def as_json(ctx: Context, result: ImportResult, path: Path) -> dict[str, Any]:
    review, plan = _review(result), result.plan
    return {
        "file": str(path), "key": plan.key, "title": plan.title, "year": plan.year, "layout": plan.layout,
        "header_line": review.header_line if review else None,
        "columns": [{"index": c.index, "header": c.header, "role": c.role} for c in (review.columns if review else [])],
        "nodes": [n.to_doc() for n in plan.nodes],
        "items": [{
            "id": i.id, "number": i.number, "main": i.main, "work": i.work, "text": i.text,
            "requirement": i.requirement, "lead_units": i.lead_units,
            "responsible_units": i.responsible,
            "deadline": i.deadline.to_doc(), "status": i.status, "line": i.line,
        } for i in result.items],
        "warnings": [{"line": line, "text": ctx.t.say(text)} for line, text in result.warnings],
        "problems": [ctx.t.say(p) for p in problems(result)],
        "plausible": not problems(result),
    }


def print_review(ctx: Context, results: list[tuple[Path, ImportResult]], fmt: str) -> None:
    if fmt == "json":
        docs = [as_json(ctx, result, path) for path, result in results]
        print(json.dumps(docs if len(docs) != 1 else docs[0], ensure_ascii=False, indent=2))
        return
    for path, result in results:
        print(ctx.t("msg.dry_run"))
        print("\n".join(render_text(ctx, result, path)))
