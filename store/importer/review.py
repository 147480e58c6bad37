"""What a clerk checks before trusting an import: the columns and the role each was
given, and a plausibility check of the items that names the likely cause of a bad
reading.  `build_plan` attaches a `Review` to every ImportResult (`result.review`)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from duban.store import deadlines, units
from duban.store.messages import Said

ROLE_LABELS = ("seq", "task", "main", "work", "requirement", "lead", "responsible", "deadline", "progress", "ignore")


@dataclass
class Column:
    index: int  # 1-based
    header: str
    role: str


@dataclass
class Review:
    layout: str
    header_line: int
    columns: list[Column] = field(default_factory=list)
    problems: list[Said] = field(default_factory=list)  # a failed check refuses the import without --force

    @property
    def plausible(self) -> bool:
        return not self.problems


def make_review(table, items) -> Review:
    columns = [Column(i, h, r) for i, (h, r) in enumerate(zip(table.headers, table.roles), 1)]
    review = Review(table.layout, table.header_line, columns)
    review.problems = check(table, items)
    return review


def check(table, items) -> list[Said]:
    """The signs of a table read wrongly, each with its likely cause."""
    n = len(items)
    problems: list[Said] = []
    if n < 3:
        return problems
    roles = set(table.roles)
    no_unit = sum(1 for i in items if not i.units)
    if no_unit > n / 2:
        if not roles & {"lead", "responsible"} and table.layout != "prose":
            cause = Said("cause_no_unit_col", "no 牵头单位 / 责任单位 column found; name it with --columns")
        else:
            cause = Said("cause_unit_col", "the unit column holds something else; check the columns with --dry-run")
        problems.append(Said("few_units", "{k} of {n} items name no unit: {cause}", k=no_unit, n=n, cause=cause))
    if "seq" in roles and table.seq_numbers_items:
        unnumbered = sum(1 for i in items if not i.number)
        if unnumbered > n / 2:
            problems.append(Said("few_numbers", "{k} of {n} items have no number although the table numbers its rows: "
                                 "one row may have been read as several items", k=unnumbered, n=n))
    odd = [i for i in items if _looks_like_other_cell(i.text)]
    if len(odd) > max(1, n // 5):
        problems.append(Said("split_rows", "{k} of {n} item texts are unit names or deadlines: a table row was "
                             "read as several items (check the columns with --dry-run)", k=len(odd), n=n))
    lengths = [len(i.text) for i in items]
    middle = statistics.median(lengths)
    far = [x for x in lengths if x > 12 * middle + 200 or x < min(4, middle / 8)]
    if len(far) > max(2, n // 4):
        problems.append(Said("odd_lengths", "{k} of {n} items are far longer or shorter than their neighbours: "
                             "cells may be merged or split (is the header row right? --header-row N)", k=len(far), n=n))
    return problems


def _looks_like_other_cell(text: str) -> bool:
    flat = text.strip()
    if not flat or len(flat) > 40:
        return False
    return deadlines.coverage(flat) >= 0.8 or ("。" not in flat and units.looks_like_units(flat))
