"""Which plan in the store a file is: the same plan again (a re-import), a new plan, or a
case too close to call, which is asked about rather than guessed.

Never by file name alone: offices send every plan as 附件1.docx.  A plan is the same
when nothing in its identity disagrees (the region and the year its title names) and
enough of its items are the same text.  Last year's plan of the same county shares most
of its wording with this year's, and a neighbouring county's plan shares the province's
template: those disagree on year or region and are new plans.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from duban.store.model import ImportResult, Plan
from duban.store.text import compact

# The share of items (by text) two versions of one plan have in common.  A corrected
# file keeps nearly all; a revision keeps most.  Below DOUBT_AT with wording that is
# not close either, the two are different plans.
SAME_AT = 0.6
SAME_TITLE_AT = 0.3  # the same title needs less: a revised plan keeps its title
DOUBT_AT = 0.2
CLOSE_WORDING_AT = 0.5  # character pairs in common, for items reworded throughout


@dataclass
class Verdict:
    kind: str  # "same" | "new" | "doubt"
    plan: Plan | None = None
    share: float = 0.0  # of the items, by text


def texts(item_texts: Iterable[str]) -> Counter[str]:
    return Counter(compact(t) for t in item_texts)


def title_year(plan: Plan) -> int | None:
    """The year the title names (a year given with --year or guessed is not identity)."""
    return plan.year if str(plan.year) in plan.title else None


def disagree(a: Plan, b: Plan) -> bool:
    """Region or named year differ: another county's plan, or another year's."""
    if a.region and b.region and compact(a.region) != compact(b.region):
        return True
    ya, yb = title_year(a), title_year(b)
    return ya is not None and yb is not None and ya != yb


def share(old: Counter[str], new: Counter[str]) -> float:
    """The share of items with the same text, of the larger of the two plans."""
    larger = max(sum(old.values()), sum(new.values()))
    return sum((old & new).values()) / larger if larger else 0.0


def wording(old: Counter[str], new: Counter[str]) -> float:
    """How close the wording is as a whole: shared character pairs (Jaccard)."""
    def pairs(c: Counter[str]) -> set[str]:
        return {t[k:k + 2] for t in c for k in range(len(t) - 1)}

    a, b = pairs(old), pairs(new)
    return len(a & b) / len(a | b) if a | b else 0.0


def identify(result: ImportResult, plans: list[Plan], texts_of: Callable[[str], Counter[str]]) -> Verdict:
    """The plan `result` is another version of, if any; `texts_of(key)` gives a stored
    plan's item texts (read only for plans whose identity does not disagree)."""
    new = texts(i.text for i in result.items)
    same: list[Verdict] = []
    doubt: list[Verdict] = []
    for plan in plans:
        if disagree(plan, result.plan):
            continue
        old = texts_of(plan.key)
        s = share(old, new)
        # A file without a title line is titled by its name, and a name is no identity.
        same_title = compact(plan.title) == compact(result.plan.title) != compact(result.plan.source)
        if s >= SAME_AT or (same_title and s >= SAME_TITLE_AT):
            same.append(Verdict("same", plan, s))
        elif s >= DOUBT_AT or wording(old, new) >= CLOSE_WORDING_AT:
            doubt.append(Verdict("doubt", plan, s))
    if len(same) == 1:
        return same[0]
    if same or doubt:  # two plans it could be, or one it may be
        best = max(same or doubt, key=lambda v: v.share)
        return Verdict("doubt", best.plan, best.share)
    return Verdict("new")
