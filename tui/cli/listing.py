"""The table `duban ls` prints: one row per item, drawn from the stored documents."""

from __future__ import annotations

import sys
from datetime import date

from duban.store.model import STATUSES
from duban.store.queries import Lights, View
from duban.tui.cli.items import Context, check_fits
from duban.tui.cli.main import keep_until_exit
from duban.tui.cli.textable import Column, render, use_color
from duban.tui.text.marks import MARK, unit_cell_of


def print_items(ctx: Context, view: View, docs: list[dict], as_of: date, width: int, explicit: bool = False) -> None:
    """The items (stored documents, as View.select_docs gives them) as a table `width`
    cells wide; an explicit --width narrower than the table can be is an error (a
    terminal that narrow gets the narrowest table instead).  Built from the documents:
    50,000 rows need no Item objects, only the few signed-off ones ask for theirs."""
    if not docs:
        print(ctx.t("msg.no_items"))
        return
    t = ctx.t
    columns = [Column(t("col.id")), Column(" "), Column(t("col.status")), Column(t("col.due")),
               Column(t("col.lead"), max_width=16), Column(t("col.text"), flex=True)]
    statuses = {s: t.status(s) for s in STATUSES}
    withdrawn, signed_off, all_year = t("show.withdrawn"), t("report.signed_off"), t("kind.all_year")
    tone_of = Lights(as_of, ctx.settings.due_soon_days).of
    apply = view.aliases.apply
    color = use_color()

    def cells_of(status: str, due: str, kind: str) -> tuple[str, str, str, list[str | None]]:
        """The mark, status word, deadline cell and cell styles of a row: shared by every
        row alike (a store has a few hundred such rows for 50,000 items)."""
        tone = tone_of(status, due)
        shown = all_year if kind == "all_year" else due + "*" if kind == "implicit" else due  # *: not stated
        done = status == "done"
        return MARK[tone], statuses.get(status) or t.status(status), shown, [None, tone, "dim" if done else None,
                                                                             tone, None, None]

    alike: dict[tuple[str, str, str], tuple[str, str, str, list[str | None]]] = {}
    units: dict[str | tuple[str, ...], str] = {}  # unit lists repeat too
    rows, styles = [], []
    for doc in docs:
        status, deadline = doc.get("status", "todo"), doc["deadline"]
        key = (status, deadline["due"], deadline["kind"])
        mark, word, due, look = alike.get(key) or alike.setdefault(key, cells_of(*key))
        if doc.get("withdrawn") is True:
            word = withdrawn
        elif status == "done" and isinstance(doc.get("signoff"), dict) and view.item(doc["id"]).signed_off:
            word = signed_off
        names = doc["lead_units"] or doc["units"]
        key = names[0] if len(names) == 1 else tuple(names)  # one name: its own (cached) hash
        cell = units.get(key)
        if cell is None:
            cell = units[key] = unit_cell_of(apply(names), [])
        rows.append([doc["id"], mark, word, due, cell, doc["text"]])
        if color:
            styles.append(look)
    if explicit:
        check_fits(ctx, columns, rows, width)
    lines = render(columns, rows, width, styles, color)
    keep_until_exit(rows, styles, lines)
    lines.append("")  # the last line's end, without copying the whole listing to add it
    sys.stdout.write("\n".join(lines))  # one write, not a print per row
