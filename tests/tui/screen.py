"""What the user sees: the lines the terminal gets, a pane's share of them, and the items
listed in the hierarchy pane, read from the screen or the public Tree API, never from
the app's own maps (issue 11 §6).

Textual has no public call for "the text on screen": the screen's compositor renders it
(as tests/tui/test_language_leaks.py and others read it), and Strip.crop cuts a pane out
of a line by terminal cells, so a CJK character (2 cells) is measured as drawn."""

from __future__ import annotations

from pathlib import Path

from duban.store.model import Item
from duban.store.repository import Repository
from duban.tui.app.widgets.hierarchy import HierarchyTree


def pane_lines(app, widget) -> list[str]:  # noqa: ANN001
    """The lines drawn inside a widget (its content region, borders and scrollbar off)."""
    strips = app.screen._compositor.render_strips()  # Textual's own; no public equivalent
    r = widget.content_region
    return [strips[y].crop(r.x, r.right).text for y in range(r.y, r.bottom)]


def tree_lines(app) -> list[str]:  # noqa: ANN001
    return pane_lines(app, app.screen.query_one(HierarchyTree))


def shown_ids(app) -> set[str]:  # noqa: ANN001
    """The items on the tree's lines, on screen or a scroll away (Tree.get_node_at_line)."""
    tree = app.screen.query_one(HierarchyTree)
    nodes = (tree.get_node_at_line(n) for n in range(tree.last_line + 1))
    return {n.data.id for n in nodes if n is not None and n.data is not None and n.data.kind == "item"}


def store_items(store: Path) -> dict[str, Item]:
    """The items as the store file holds them (what `duban ls` would list)."""
    return {i.id: i for i in Repository(store).load().items}
