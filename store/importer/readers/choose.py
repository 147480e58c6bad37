"""Which table of a file is the plan: the one whose header has plan words, or the one
the user names (`--sheet NAME`, `--table N`); later tables that carry it on (the next
page of a PDF, a table split by a section break) are joined to it."""

from __future__ import annotations

from duban.store import vocab
from duban.store.importer.errors import PlanError
from duban.store.importer.readers import Grid
from duban.store.importer.readers.table_rows import continues, find_header, grid_table
from duban.store.importer.table import Table
from duban.store.messages import Said
from duban.store.text import one_line


def where(grid: Grid) -> Said:
    if grid.part == "sheet":
        return Said("in_sheet", "sheet {name}", name=one_line(grid.name))  # a sheet's name is the file's text
    if grid.part == "page":
        return Said("in_page", "page {name}", name=grid.name)
    return Said("in_table", "table {name}", name=grid.name)


def _words() -> str:
    data = vocab.load("headers")
    return "、".join(data["task"][:3] + data["lead"][:1] + data["responsible"][:1] + data["deadline"][:1])


def _pick(grids: list[Grid], name: str, sheet: str | None, table: int | None, header_row: int | None) -> int:
    if sheet is not None:
        names = [one_line(g.name) for g in grids if g.part == "sheet"]
        if not names:
            raise PlanError(name, 0, Said("no_sheets", "--sheet is for Excel files; this file has tables: use --table N"))
        for i, g in enumerate(grids):
            if g.part == "sheet" and g.name.strip() == sheet.strip():
                return i
        raise PlanError(name, 0, Said("no_sheet", "no sheet named '{sheet}'; the sheets are: {names}",
                                      sheet=one_line(sheet), names="、".join(names)))
    if table is not None:
        if not 1 <= table <= len(grids):
            raise PlanError(name, 0, Said("no_table_n", "there is no table {n}: the file has {count}",
                                          n=table, count=len(grids)))
        return table - 1
    scored = [(f.score, -i) for i, g in enumerate(grids) if (f := find_header(g, header_row)) is not None]
    if not scored:
        kind = "sheets" if grids and grids[0].part == "sheet" else "tables"
        raise PlanError(name, 0, Said(
            "no_plan_grid", "no plan table found in {count} {kind}: looked for a header row with words such as "
            "{words} (name the table with --sheet NAME or --table N)", count=len(grids), kind=kind, words=_words()))
    return -max(scored)[1]


def choose_table(grids: list[Grid], name: str, layout: str, sheet: str | None = None, table: int | None = None,
                 columns: list[str] | None = None, header_row: int | None = None) -> tuple[Table, Grid]:
    """The plan's table and the grid it starts in.  `sheet`/`table` name it; `columns`
    (roles, left to right) and `header_row` are the user's word on its columns and header."""
    if not grids:
        raise PlanError(name, 0, Said("no_grids", "the file holds no table; expected a plan table "
                                      "with a header such as {words}", words=_words()))
    i = _pick(grids, name, sheet, table, header_row)
    chosen = [grids[i]]
    found = find_header(grids[i], header_row)
    if found is not None and grids[i].part != "sheet":
        width = max(len(r) for r in grids[i].rows)
        for more in grids[i + 1:]:
            if not continues(more, width, found.raw):
                break
            chosen.append(more)
    result = grid_table(chosen, layout, columns, header_row)
    if result is None:
        raise PlanError(f"{name}[{where(grids[i])}]", 0, Said(
            "no_header_here", "no header row with plan words such as {words} in this table", words=_words()))
    return result, grids[i]
