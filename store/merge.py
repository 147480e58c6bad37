"""A re-import merged into the plan it was: a pure function of (the plan's documents as
stored, the import result) → (the new documents, a report).  The repository decides
which plan it is and writes the result, under its lock.

Texts, units and deadlines come from the file; status, progress notes and history stay
with the item they belong to.  An item is found by its text, and among items of the same
text by its place (main and work task, number, position); an edited item by the most
similar text near where it was.  When items of one text cannot be told apart and their
histories differ, that is reported, never guessed."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from duban.store import adjust
from duban.store.messages import Said
from duban.store.model import ImportResult, Item, Plan
from duban.store.text import compact

SIMILAR_AT = 0.5  # an edited item keeps at least half its wording
SIMILAR_IN_PLACE_AT = 0.3  # or a third, where it keeps its number in the same task
NEAR = 12  # in a long run of changed rows, an edited item is looked for this close to where it was


@dataclass
class MergeReport:
    key: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    new_plan: bool = True
    ambiguous: list[Said] = field(default_factory=list)


def next_key(taken: set[str]) -> str:
    n = 1
    while f"p{n}" in taken:
        n += 1
    return f"p{n}"


def merge(old_plan: dict[str, Any] | None, old_docs: list[dict[str, Any]],
          result: ImportResult) -> tuple[dict[str, Any], list[dict[str, Any]], MergeReport]:
    """The plan's new documents: `result`'s plan and items, each item keeping the status and
    history of the stored item it is; `old_plan` None means a new plan."""
    report = MergeReport(result.plan.key, new_plan=old_plan is None)
    old = sorted((Item.from_doc(d) for d in old_docs), key=lambda i: i.n)
    before = Plan.from_doc(old_plan) if old_plan else result.plan
    pairs, report.ambiguous = match_items(old, result.items, _place(before), _place(result.plan))
    docs = []
    for j, item in enumerate(result.items):
        if j not in pairs:
            doc = item.to_doc()
            report.added += 1
        else:
            prev = old[pairs[j]]
            item = replace(item)  # a copy: what the office did in duban stays (store/adjust.py)
            adjust.keep_on_reimport(prev, item)
            doc = item.to_doc()
            report.unchanged += prev.to_doc() | _PLACE_ONLY == doc | _PLACE_ONLY
            doc["status"], doc["history"] = prev.status, [h.to_doc() for h in prev.history]
        docs.append(doc)
    kept = set(pairs.values())
    # Items added in duban (duban add, a carry-over) are not in the file: they stay, after the
    # file's, renumbered if the file's items now use their number.
    extra = [i for k, i in enumerate(old) if k not in kept and adjust.added_here(i)]
    report.updated = len(pairs) - report.unchanged
    staying = {i.id for i in extra}
    report.removed = [i.id for k, i in enumerate(old) if k not in kept and i.id not in staying]
    taken, n = {d["id"] for d in docs}, max((d["n"] for d in docs), default=0)
    for i in extra:
        if i.id in taken:
            n += 1
            i.n, i.id = n, f"{result.plan.key}.{n}"
        docs.append(i.to_doc())
    plan = replace(result.plan, nodes=list(result.plan.nodes))
    if old_plan is not None:
        adjust.keep_plan_on_reimport(Plan.from_doc(old_plan), plan, extra)
    return plan.to_doc(), docs, report


Place = Callable[[Item], tuple]
# Where an item stands and what it carries: a row added above renumbers, it does not update.
_PLACE_ONLY = dict.fromkeys(("id", "n", "number", "line", "status", "history"))


def _place(plan: Plan) -> Place:
    titles = {n.id: compact(n.title) for n in plan.nodes}
    return lambda item: (titles.get(item.main or ""), titles.get(item.work or ""), item.number)


def match_items(old: list[Item], new: list[Item], old_place: Place, new_place: Place) -> tuple[dict[int, int], list[Said]]:
    """new index → old index, and what could not be told."""
    a, b = [compact(i.text) for i in old], [compact(i.text) for i in new]
    by_text: dict[str, tuple[list[int], list[int]]] = {}
    for i, t in enumerate(a):
        by_text.setdefault(t, ([], []))[0].append(i)
    for j, t in enumerate(b):
        by_text.setdefault(t, ([], []))[1].append(j)
    pairs: dict[int, int] = {}
    held: tuple[set[int], set[int]] = (set(), set())  # old and new items of one text not told apart
    ambiguous: list[Said] = []
    for olds, news in by_text.values():
        if not olds or not news:
            continue
        found, unsure = _same_text(olds, news, old, new, old_place, new_place)
        pairs.update(found)
        if unsure:
            held[0].update(unsure[0])
            held[1].update(unsure[1])
            ambiguous.append(Said(
                "ambiguous_match", "items {new} have the same text as {old} had, and which is which cannot be told: "
                "their status and history were not carried over (the backup keeps them)",
                new=", ".join(new[j].id for j in unsure[1]), old=", ".join(old[i].id for i in unsure[0])))
    _edited(a, b, pairs, held, old, new, old_place, new_place)
    return pairs, ambiguous


def _same_text(olds: list[int], news: list[int], old: list[Item], new: list[Item], old_place: Place,
               new_place: Place) -> tuple[dict[int, int], tuple[list[int], list[int]] | None]:
    if len(olds) == 1 and len(news) == 1:
        return {news[0]: olds[0]}, None
    pairs: dict[int, int] = {}
    # From the most to the least exact place: where both sides hold as many items of
    # this text, they are the same items in the same order.
    for key in (lambda i, p: (p(i), i.n), lambda i, p: p(i), lambda i, p: p(i)[:2], lambda i, p: p(i)[0]):
        rest_o = [i for i in olds if i not in pairs.values()]
        rest_n = [j for j in news if j not in pairs]
        groups: dict[Any, tuple[list[int], list[int]]] = {}
        for i in rest_o:
            groups.setdefault(key(old[i], old_place), ([], []))[0].append(i)
        for j in rest_n:
            groups.setdefault(key(new[j], new_place), ([], []))[1].append(j)
        for go, gn in groups.values():
            if go and len(go) == len(gn):
                pairs.update(zip(gn, go))
    rest_o = [i for i in olds if i not in pairs.values()]
    rest_n = [j for j in news if j not in pairs]
    if not rest_o or not rest_n:
        return pairs, None
    first = old[rest_o[0]]
    if len(rest_o) == len(rest_n) or all((old[i].status, old[i].history) == (first.status, first.history) for i in rest_o):
        # The same count left, in order; or items alike in all they carry, so any choice is the same.
        pairs.update(zip(rest_n, rest_o))
        return pairs, None
    return pairs, (rest_o, rest_n)


def _edited(a: list[str], b: list[str], pairs: dict[int, int], held: tuple[set[int], set[int]], old: list[Item],
            new: list[Item], old_place: Place, new_place: Place) -> None:
    """Items whose text changed: the most similar unmatched item near where it was."""
    free = sorted(set(range(len(old))) - set(pairs.values()) - held[0])
    if not free:
        return
    wide = len(free) * (len(new) - len(pairs)) > 5_000  # many: look only near where it was
    anchor = -1  # where the nearest matched item above was
    matcher = SequenceMatcher(autojunk=False)
    for j in range(len(new)):
        if j in pairs:
            anchor = pairs[j]
            continue
        if j in held[1] or not free:
            continue
        near = free[bisect_left(free, anchor - NEAR):bisect_right(free, anchor + NEAR + 1)] if wide else free
        matcher.set_seq2(b[j])  # indexed once for every candidate
        best, best_score = None, (0.0, False, 0)
        for i in near:
            matcher.set_seq1(a[i])
            same_place = new[j].number is not None and old_place(old[i]) == new_place(new[j])
            at_least = SIMILAR_IN_PLACE_AT if same_place else SIMILAR_AT
            if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
                continue
            ratio = matcher.ratio()
            score = (ratio, same_place, -abs(i - anchor - 1))
            if ratio >= at_least and score > best_score:
                best, best_score = i, score
        if best is not None:
            pairs[j] = anchor = best
            free.remove(best)
