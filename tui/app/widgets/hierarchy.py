"""The hierarchy pane: plan → main task → work task → item, as a Tree.

Children are added when a node is first opened, so a 10,000-item store costs only
what is on screen.  Item lines are Rich Text (imported text is data, never markup),
cut by display width so the deadline and lead unit stay visible.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from duban.store.model import Item, Plan
from duban.store.queries import is_overdue
from duban.tui.app.bindings import bindings_for
from duban.tui.app.item_style import STYLE_CLASSES, ItemStyle

AUTO_EXPAND_LIMIT = 300  # with a filter on, open every path while matches stay under this


@dataclass(frozen=True)
class Ref:
    kind: str  # plan | main | work | item
    plan: str
    id: str


class HierarchyTree(Tree[Ref]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("hierarchy")  # keys: keymaps/*.toml
    COMPONENT_CLASSES: ClassVar[set[str]] = STYLE_CLASSES  # coloured in app.tcss

    class ItemHighlighted(Message):
        """The cursor moved to an item (or off items: item_id None)."""

        def __init__(self, ref: Ref | None) -> None:
            super().__init__()
            self.ref = ref

    def __init__(self, style: ItemStyle, **kwargs: object) -> None:
        super().__init__("plans", **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self.style_ = style.drawn_by(self)
        self._pending: dict[str, list[tuple[str, Ref, bool]]] = {}
        self._item_of: dict[str, Item] = {}
        self._node_of: dict[tuple[str, str, str], TreeNode[Ref]] = {}
        self._title_of: dict[tuple[str, str], str] = {}
        self._plan_items: dict[str, list[Item]] = {}
        self._plans: dict[str, Plan] = {}

    # -- building
    def expanded_keys(self) -> set[tuple[str, str, str]]:
        return {key for key, node in self._node_of.items() if node.allow_expand and node.is_expanded}

    def show_items(self, plans: list[Plan], items: list[Item], keep: str | None, open_all: bool,
                   expanded: set[tuple[str, str, str]] | None = None) -> str | None:
        """Show these items under their plans, reopen what was open, and put the cursor
        back on `keep` (else on the first item)."""
        self.clear()
        self._pending.clear()
        self._node_of.clear()
        self._item_of = {i.id: i for i in items}
        self._plan_items = defaultdict(list)
        for item in items:
            self._plan_items[item.plan].append(item)
        self._plans = {p.key: p for p in plans}
        for plan in plans:
            if plan.key not in self._plan_items:
                continue
            ref = Ref("plan", plan.key, plan.key)
            node = self.root.add(self._heading(self._title(ref), self._plan_items[plan.key]), data=ref,
                                 allow_expand=True)
            self._node_of[("plan", plan.key, plan.key)] = node
        open_all = open_all and len(items) <= AUTO_EXPAND_LIMIT
        if open_all:
            for node in list(self.root.children):
                self._open_deep(node)
        elif expanded:
            self._reopen(list(self.root.children), expanded)
        target = keep if keep in self._item_of else (items[0].id if items else None)
        if target:
            self.reveal(target)
        else:
            self.post_message(self.ItemHighlighted(None))
        return target

    def _heading(self, title: str, items: list[Item]) -> Text:
        late = sum(1 for i in items if is_overdue(i, self.style_.today))
        text = Text(title, style="bold")
        text.append(f"  {len(items)}", style="dim")
        if late:
            text.append(f"  !{late}", style=self.style_.light_style("red"))
        return text

    def _plan_children(self, plan: Plan, items: list[Item]) -> None:
        """Record (not yet add) the children of every node in this plan: done when the
        plan is first opened, so a keystroke in search costs only the plans' lines."""
        key = plan.key
        nodes = {n.id: n for n in plan.nodes}
        mains: dict[str, list[Item]] = defaultdict(list)
        works: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            mains[item.main or ""].append(item)
            if item.work:
                works[item.work].append(item)
        plan_children: list[tuple[str, Ref, bool]] = []
        for main_id, main_items in mains.items():
            if not main_id:  # a plan without main tasks: its items sit under the plan
                plan_children.extend(("", Ref("item", key, i.id), False) for i in main_items)
                continue
            node = nodes.get(main_id)
            title = node.label if node else ""
            self._title_of[(key, main_id)] = title
            plan_children.append((title, Ref("main", key, main_id), True))
            kids: list[tuple[str, Ref, bool]] = []
            seen_work: set[str] = set()
            for item in main_items:
                if item.work and item.work in nodes:
                    if item.work not in seen_work:
                        seen_work.add(item.work)
                        kids.append((nodes[item.work].label, Ref("work", key, item.work), True))
                        self._title_of[(key, item.work)] = nodes[item.work].label
                        self._pending[f"{key}/{item.work}"] = [("", Ref("item", key, i.id), False)
                                                               for i in works[item.work]]
                else:
                    kids.append(("", Ref("item", key, item.id), False))
            self._pending[f"{key}/{main_id}"] = kids
        self._pending[f"{key}/"] = plan_children

    def _child_key(self, ref: Ref) -> str:
        return f"{ref.plan}/" if ref.kind == "plan" else f"{ref.plan}/{ref.id}"

    def populate(self, node: TreeNode[Ref]) -> None:
        ref = node.data
        if ref is None or ref.kind == "item" or node.children:
            return
        if ref.kind == "plan" and f"{ref.plan}/" not in self._pending:
            self._plan_children(self._plans[ref.plan], self._plan_items[ref.plan])
        for title, child, expandable in self._pending.get(self._child_key(ref), []):
            if child.kind == "item":
                item = self._item_of[child.id]
                added = node.add_leaf(item.id, data=child)
                added.set_label(self.item_label(item, added))
            else:
                items = self._items_under(child)
                added = node.add(self._heading(title, items), data=child, allow_expand=expandable)
            self._node_of[(child.kind, child.plan, child.id)] = added

    def _items_under(self, ref: Ref) -> list[Item]:
        if ref.kind == "plan":
            return list(self._plan_items.get(ref.plan, []))
        out = []
        for _, child, _ in self._pending.get(self._child_key(ref), []):
            out.extend([self._item_of[child.id]] if child.kind == "item" else self._items_under(child))
        return out

    def _reopen(self, nodes: list[TreeNode[Ref]], expanded: set[tuple[str, str, str]]) -> None:
        for node in nodes:
            ref = node.data
            if ref is not None and (ref.kind, ref.plan, ref.id) in expanded:
                self.populate(node)
                node.expand()
                self._reopen(list(node.children), expanded)

    def _open_deep(self, node: TreeNode[Ref]) -> None:
        self.populate(node)
        node.expand()
        for child in node.children:
            if child.allow_expand:
                self._open_deep(child)

    # -- item lines
    def item_label(self, item: Item, node: TreeNode[Ref] | None = None) -> Text:
        depth = 0
        while node is not None and node.parent is not None:
            depth, node = depth + 1, node.parent
        room = max(20, self.size.width - depth * self.guide_depth - 2) if self.size.width else 60
        return self.style_.item_line(item, room)

    def relabel(self) -> None:
        """Re-cut item lines after a resize."""
        for (kind, _plan, node_id), node in self._node_of.items():
            if kind == "item" and node_id in self._item_of:
                node.set_label(self.item_label(self._item_of[node_id], node))

    def _recolour(self, _theme: object) -> None:
        """Another theme: the lines and headings drawn in the old one's colours again."""
        self.relabel()
        for node in self._node_of.values():
            if node.data is not None and node.data.kind != "item":
                node.set_label(self._heading(self._title(node.data), self.items_under(node.data)))

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._recolour)

    def on_resize(self) -> None:
        self.relabel()

    def update_item(self, item: Item) -> None:
        """Show an item's new state, and its tasks' and plan's counts with it."""
        self._item_of[item.id] = item
        siblings = self._plan_items.get(item.plan, [])
        self._plan_items[item.plan] = [item if i.id == item.id else i for i in siblings]
        node = self._node_of.get(("item", item.plan, item.id))
        if node is not None:
            node.set_label(self.item_label(item, node))
        for kind, key in (("plan", item.plan), ("main", item.main), ("work", item.work)):
            parent = self._node_of.get((kind, item.plan, key or ""))
            if parent is not None and parent.data is not None:
                parent.set_label(self._heading(self._title(parent.data), self.items_under(parent.data)))

    def _title(self, ref: Ref) -> str:
        if ref.kind == "plan":
            plan = self._plans.get(ref.plan)
            return f"{ref.plan}  {plan.title}" if plan else ref.plan
        return self._title_of.get((ref.plan, ref.id), "")

    # -- cursor
    def reveal(self, item_id: str) -> None:
        """Open the path to an item and put the cursor on it."""
        item = self._item_of.get(item_id)
        if item is None:
            return
        path = [Ref("plan", item.plan, item.plan)]
        if item.main:
            path.append(Ref("main", item.plan, item.main))
        if item.work:
            path.append(Ref("work", item.plan, item.work))
        for ref in path:
            node = self._node_of.get((ref.kind, ref.plan, ref.id))
            if node is None:
                return
            self.populate(node)
            node.expand()
        node = self._node_of.get(("item", item.plan, item.id))
        if node is not None:
            # A node has a line only once the tree has laid out its lines.
            self.call_after_refresh(self._cursor_to, node)

    def _cursor_to(self, node: TreeNode[Ref]) -> None:
        if node.tree is self and node._line >= 0:
            self.move_cursor(node)
            self.scroll_to_node(node, animate=False)
            # The tree says "highlighted" only when the cursor's line number changes; after a
            # rebuild the same line holds another node, and the detail must follow it.
            self.post_message(self.ItemHighlighted(node.data))

    @property
    def current(self) -> Ref | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def items_under(self, ref: Ref) -> list[Item]:
        if ref.kind == "item":
            return [self._item_of[ref.id]] if ref.id in self._item_of else []
        return self._items_under(ref)

    def plan_title(self, ref: Ref) -> str:
        plan = self._plans.get(ref.plan)
        return plan.title if plan else ""

    def title_of(self, ref: Ref) -> str:
        return self._title_of.get((ref.plan, ref.id), ref.id)

    # -- events and actions
    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Ref]) -> None:
        self.populate(event.node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Ref]) -> None:
        event.stop()
        self.post_message(self.ItemHighlighted(event.node.data))

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self.populate(node)
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)
