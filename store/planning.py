"""Changing a plan's shape during the year: add an item or a task (交办), rename or
archive a plan, and carry what is unfinished into next year's plan (回头看).

Functions run inside a Repository transaction (store/repository.py, the one door)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tinydb import Query

from duban.store import adjust
from duban.store.adjust import AdjustError, clean
from duban.store.messages import Said
from duban.store.model import Deadline, Item, Node, Plan
from duban.store.records import Change

if TYPE_CHECKING:
    from duban.store.repository import Repository
    from duban.store.transaction import StoreTx

# The section of next year's plan that holds what the year before left unfinished.
CARRY_SECTION = "上年未完成事项"


def load_plan(tx: StoreTx, key: str) -> Plan:
    docs = tx.plans().search(Query().key == key)
    if not docs:
        raise AdjustError(Said("adj_unknown_plan", "no plan with key {key} (see duban plans)", key=key))
    return Plan.from_doc(docs[0])


def save_plan(tx: StoreTx, plan: Plan) -> None:
    doc = plan.to_doc()

    def replace(stored: dict) -> None:  # whole: an unarchived plan loses its `archived` key
        stored.clear()
        stored.update(doc)

    tx.plans().update(replace, Query().key == plan.key)


def find_node(plan: Plan, spec: str) -> Node:
    """A node named by its id (m1, m1.2), its number as written (一, （二）) or a piece of
    its title; more than one match is refused, naming them."""
    spec = spec.strip()
    exact = [n for n in plan.nodes if n.id == spec]
    if exact:
        return exact[0]
    for test in (lambda n: (n.number or "") == spec, lambda n: n.label == spec, lambda n: spec in n.title):
        found = [n for n in plan.nodes if spec and test(n)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AdjustError(Said("adj_node_ambiguous", "'{spec}' names {count} tasks of plan {key}: {ids}; "
                                   "give one of these ids", spec=spec, count=len(found), key=plan.key,
                                   ids=", ".join(n.id for n in found[:8])))
    raise AdjustError(Said("adj_unknown_node", "plan {key} has no task '{spec}' (its main tasks: {ids})",
                           key=plan.key, spec=spec, ids=", ".join(f"{n.id} {n.label}" for n in plan.main_tasks)))


def add_node(plan: Plan, title: str, parent: Node | None) -> Node:
    """A main task (no parent) or a work task under a main task, numbered after the last."""
    title = clean(title) or ""
    if not title:
        raise AdjustError(Said("adj_empty_title", "a task needs a title"))
    if parent is not None and parent.level != 1:
        raise AdjustError(Said("adj_work_under_main", "{id} is a work task: a work task goes under a main task",
                               id=parent.id))
    siblings = [n for n in plan.nodes if n.parent == (parent.id if parent else None)]
    prefix = f"{parent.id}." if parent else "m"
    used = {n.id for n in plan.nodes}
    k = len(siblings) + 1
    while f"{prefix}{k}" in used:
        k += 1
    node = Node(f"{prefix}{k}", 2 if parent else 1, None, title, parent.id if parent else None)
    # Keep the hierarchy in order: a work task right after its main task's last child.
    at = len(plan.nodes)
    if parent is not None:
        family = [i for i, n in enumerate(plan.nodes) if n.id == parent.id or n.parent == parent.id]
        at = family[-1] + 1
    plan.nodes.insert(at, node)
    return node


def new_item(tx: StoreTx, plan: Plan, node: Node, text: str, lead: list[str], rest: list[str],
             deadline: Deadline) -> Item:
    table = tx.items(plan.key)
    n = max((d["n"] for d in table.all()), default=0) + 1
    main, work = (node.parent, node.id) if node.level == 2 else (node.id, None)
    item = Item(f"{plan.key}.{n}", plan.key, n, None, main, work, text, [], [], "", deadline)
    adjust.apply(item, "lead", lead)
    adjust.apply(item, "responsible", rest)
    item.units_raw = "、".join(item.units)
    return item


def add_item(repo: Repository, tx: StoreTx, key: str, under: str, text: str, lead: list[str],
             rest: list[str], deadline: str | None, reason: str | None, at: str) -> Change:
    plan = load_plan(tx, key)
    node = find_node(plan, under)
    text = clean(text) or ""
    if not text:
        raise AdjustError(Said("adj_empty_text", "{id}: the item's text cannot be empty", id=key))
    due = adjust.parse_deadline(deadline, plan.year) if deadline else Deadline("", "implicit", f"{plan.year}-12-31")
    item = new_item(tx, plan, node, text, [u for u in map(clean, lead) if u], [u for u in map(clean, rest) if u], due)
    item.withdrawn = True  # "added" turns it on, so undoing the addition withdraws it
    change = adjust.record(repo, item, "added", True, reason, at)
    tx.items(key).insert(item.to_doc())
    return change


def update_plan(repo: Repository, tx: StoreTx, key: str, changes: dict[str, Any], at: str) -> list[tuple[str, Any, Any]]:
    """Rename (title, region, year) or archive (archived) a plan: [(field, old, new)]."""
    plan = load_plan(tx, key)
    done = []
    for name, value in changes.items():
        if value is None:
            continue
        if name == "title":
            value = clean(value)
            if not value:
                raise AdjustError(Said("adj_empty_title", "a task needs a title"))
        if name == "year" and not 1949 <= value <= 2100:
            raise AdjustError(Said("adj_bad_year", "year {year}: expected a year such as 2022", year=value))
        old = getattr(plan, name)
        if old != value:
            setattr(plan, name, value)
            plan.history.append({"at": at, "by": repo.user, "field": name, "old": old, "new": value})
            done.append((name, old, value))
    save_plan(tx, plan)
    return done


def last_plan_change(plans: list[Plan], user: str) -> tuple[str, list[dict]] | None:
    """The newest rename or archiving `user` made that is not undone: (plan key, its entries)."""
    best: tuple[str, list[dict]] | None = None
    for plan in plans:
        mine = [h for h in plan.history if h.get("by") == user and not h.get("undo") and not h.get("undone")]
        if mine and (best is None or mine[-1]["at"] > best[1][0]["at"]):
            best = (plan.key, [h for h in mine if h["at"] == mine[-1]["at"]])
    return best


def undo_plan_change(repo: Repository, tx: StoreTx, key: str, at: str) -> list[tuple[str, Any, Any]]:
    """Put back what the newest rename or archiving of plan `key` by this user changed."""
    plan = load_plan(tx, key)
    mine = [h for h in plan.history if h.get("by") == repo.user and not h.get("undo") and not h.get("undone")]
    if not mine:
        return []
    entries = [h for h in mine if h["at"] == mine[-1]["at"]]
    done = []
    for h in reversed(entries):
        h["undone"] = True
        current = getattr(plan, h["field"])
        setattr(plan, h["field"], h["old"])
        plan.history.append({"at": at, "by": repo.user, "field": h["field"], "old": current, "new": h["old"],
                             "undo": True})
        done.append((h["field"], current, h["old"]))
    save_plan(tx, plan)
    return done


@dataclass
class Carried:
    into: str
    section: str
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (origin id, new id)
    already: list[str] = field(default_factory=list)           # carried before: left alone


def _group(target: Plan, section: Node, origin: Plan, item: Item) -> Node:
    """The work task of the section that gathers what came from one main task of last year."""
    main = origin.node(item.main)
    if main is None:
        return section
    title = f"{origin.key} {main.label}"
    found = next((n for n in target.nodes if n.parent == section.id and n.title == title), None)
    return found or add_node(target, title, section)


def to_carry(origin_docs: list[dict], target_docs: list[dict]) -> tuple[list[str], list[str]]:
    """What a carry-over would copy (ids not done nor withdrawn), and what it carried before."""
    before = {d.get("carried_from") for d in target_docs if not d.get("withdrawn")}
    wanted = [d["id"] for d in sorted(origin_docs, key=lambda d: d["n"])
              if d["status"] != "done" and not d.get("withdrawn")]
    return [i for i in wanted if i not in before], [i for i in wanted if i in before]


def carry(repo: Repository, tx: StoreTx, key: str, into: str, at: str) -> Carried:
    """Copy every item of `key` not done (nor withdrawn) into the 上年未完成事项 section
    of `into`, linked both ways; an item carried before is not copied twice."""
    if key == into:
        raise AdjustError(Said("adj_carry_same", "plan {key} cannot carry into itself", key=key))
    origin, target = load_plan(tx, key), load_plan(tx, into)
    section = next((n for n in target.main_tasks if n.title == CARRY_SECTION), None)
    if section is None:
        section = add_node(target, CARRY_SECTION, None)
    source = tx.items(key)
    docs = {d["id"]: d for d in source.all()}
    ids, before = to_carry(list(docs.values()), tx.items(into).all())
    result = Carried(into, section.id, already=before)
    for item_id in ids:
        doc = docs[item_id]
        item = Item.from_doc(doc)
        copy = new_item(tx, target, _group(target, section, origin, item), item.text, item.lead_units,
                        item.responsible, Deadline(item.deadline.raw, "implicit", f"{target.year}-12-31"))
        copy.units_raw, copy.status, copy.carried_from = item.units_raw, item.status, item.id
        copy.withdrawn = True
        adjust.record(repo, copy, "added", True, f"{CARRY_SECTION} ← {item.id}", at, note=item.note)
        tx.items(into).insert(copy.to_doc())
        adjust.record(repo, item, "carried_to", copy.id, f"{CARRY_SECTION} → {into}", at)
        adjust.put(source, doc.doc_id, item)
        result.pairs.append((item.id, copy.id))
    save_plan(tx, target)
    return result
