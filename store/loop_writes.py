"""The Repository's writes for the 督办 loop (issue 10): edit, add, withdraw, sign off,
rename and archive a plan, carry over.  A part of the one door (store/repository.py):
each method is one transaction under the store's lock, all or nothing, and leaves
history entries by the real login (Repository.user) with one timestamp per command,
so `duban undo` takes back the whole command."""

from __future__ import annotations

from collections.abc import Callable

from duban.store import author, lazy
from duban.store.model import Item
from duban.store.records import Change

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

    from duban.store.planning import Carried
    from duban.store.repository import Repository

# The loop's writes need these; a Repository that only reads does not import them.
adjust = lazy.module("duban.store.adjust")
planning = lazy.module("duban.store.planning")


class LoopWrites:
    def edit(self: Repository, item_id: str, changes: dict[str, Any], reason: str) -> list[Change]:
        """Change text, lead, responsible units or deadline (a phrase); a moved deadline is a 延期."""
        at = author.now()
        with self.transaction() as tx:
            table, doc_id, item = self._get(tx, item_id)
            year = planning.load_plan(tx, item.plan).year
            out = adjust.edit(self, item, changes, adjust.clean(reason) or "", at, year)
            if out:
                adjust.put(table, doc_id, item)
        return out

    def _each(self: Repository, item_ids: list[str], step: Callable[[Item, str], Change | None]) -> list[Change]:
        """`step(item, at)` on every item in one transaction at one moment, all or none (an
        unknown id, or a step refused, changes nothing); None from a step: nothing to do."""
        at, out = author.now(), []
        with self.transaction() as tx:
            for table, doc_id, item in [self._get(tx, i) for i in item_ids]:
                change = step(item, at)
                if change is not None:
                    out.append(change)
                    adjust.put(table, doc_id, item)
        return out

    def withdraw(self: Repository, item_ids: list[str], reason: str, back: bool = False) -> list[Change]:
        """撤销 items (kept with their history, out of counts), or with `back` restore them."""
        why = adjust.clean(reason) or ""
        return self._each(item_ids, lambda item, at: adjust.withdraw(self, item, why, at, back))

    def sign_off(self: Repository, item_ids: list[str], evidence: str) -> list[Change]:
        """销号: the office confirms what units reported done, on this evidence (all or none)."""
        on = adjust.clean(evidence) or ""
        return self._each(item_ids, lambda item, at: adjust.sign_off(self, item, on, at))

    def cancel_signoff(self: Repository, item_ids: list[str], reason: str) -> list[Change]:
        why = adjust.clean(reason) or ""
        return self._each(item_ids, lambda item, at: adjust.cancel_signoff(self, item, why, at))

    def add_item(self: Repository, key: str, under: str, text: str, lead: list[str], responsible: list[str],
                 deadline: str | None = None, reason: str | None = None) -> Change:
        with self.transaction() as tx:
            return planning.add_item(self, tx, key, under, text, lead, responsible, deadline,
                                     adjust.clean(reason), author.now())

    def add_task(self: Repository, key: str, title: str, under: str | None = None) -> str:
        """A main task, or (under a main task) a work task: returns its node id."""
        with self.transaction() as tx:
            plan = planning.load_plan(tx, key)
            node = planning.add_node(plan, title, planning.find_node(plan, under) if under else None)
            planning.save_plan(tx, plan)
        return node.id

    def update_plan(self: Repository, key: str, **changes: Any) -> list[tuple[str, Any, Any]]:
        """Rename a plan (title, region, year) or archive it (archived=True/False)."""
        with self.transaction() as tx:
            return planning.update_plan(self, tx, key, changes, author.now())

    def last_plan_change(self: Repository) -> tuple[str, str] | None:
        """(plan key, when) of this user's newest rename or archiving not undone yet."""
        found = planning.last_plan_change(self.load().plans, self.user)
        return (found[0], found[1][0]["at"]) if found else None

    def undo_plan_change(self: Repository, key: str) -> list[tuple[str, Any, Any]]:
        with self.transaction() as tx:
            return planning.undo_plan_change(self, tx, key, author.now())

    def carry(self: Repository, key: str, into: str) -> Carried:
        """回头看: what `key` left unfinished, into next year's plan `into`."""
        with self.transaction() as tx:
            return planning.carry(self, tx, key, into, author.now())
