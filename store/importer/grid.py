"""Rows of cells under a header: how wide a row is (a header cell may span two
columns), what each column holds, and the rows in the shape the plan builder reads."""

from __future__ import annotations

import re
from collections import Counter

from duban.store import vocab
from duban.store.importer.cells import Cell
from duban.store.importer.kinds import (
    UNIT_ROLES,
    Heading,
    Row,
    cell_type,
    header_role,
    heading_level,
)
from duban.store.text import compact

SAMPLE_CELLS = 4000  # enough to tell a column's kind; keeps a large file's import linear


def sample(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows spread evenly over the table, about SAMPLE_CELLS cells in all."""
    width = max((len(r) for r in rows[:50]), default=1) or 1
    step = max(1, len(rows) * width // SAMPLE_CELLS)
    return rows[::step]


def consistency(rows: list[list[Cell]]) -> float:
    """How well each kind of cell keeps to one column: 1.0 when every kind does."""
    by_type: dict[str, Counter[int]] = {}
    for row in rows:
        for col, cell in enumerate(row):
            kind = cell_type(cell)
            if kind in ("seq", "deadline", "units"):
                by_type.setdefault(kind, Counter())[col] += 1
    total = sum(sum(c.values()) for c in by_type.values())
    if not total:
        return 0.0
    return sum(c.most_common(1)[0][1] for c in by_type.values()) / total


def chunk(cells: list[Cell], width: int) -> list[list[Cell]]:
    return [cells[i:i + width] for i in range(0, len(cells), width)]


def drop_repeated_headers(cells: list[Cell], header: list[str]) -> list[Cell]:
    k, out, i = len(header), [], 0
    while i < len(cells):
        if [c.flat for c in cells[i:i + k]] == header:
            i += k
            continue
        out.append(cells[i])
        i += 1
    return out


def choose_width(cells: list[Cell], k: int) -> int:
    head = cells[:SAMPLE_CELLS]
    best, best_score = k, consistency(chunk(head, k))
    for w in range(max(2, k - 1), k + 3):
        if w == k:
            continue
        score = consistency(chunk(head, w))
        if score > best_score + 0.05:
            best, best_score = w, score
    return best


def spread_header(headers: list[str], rows: list[list[Cell]], width: int) -> list[str]:
    """A header cell that spans two columns (工作任务 over main and work task): find which."""
    if len(headers) >= width:
        return headers[:width]
    extra = width - len(headers)
    rows = sample(rows)
    best: tuple[float, list[str]] | None = None
    for j in range(len(headers)):
        spread = headers[:j] + [headers[j]] * (extra + 1) + headers[j + 1:]
        score = _fit(spread, rows)
        if best is None or score > best[0]:
            best = (score, spread)
    assert best is not None
    return best[1]


_EXPECT = {"seq": "seq", "deadline": "deadline", "lead": "units", "responsible": "units", "task": "text"}


def _fit(headers: list[str], rows: list[list[Cell]]) -> float:
    """Share of typed cells that sit under a header expecting their kind."""
    hit = total = 0
    for row in rows:
        for col, cell in enumerate(row[: len(headers)]):
            kind = cell_type(cell)
            if kind:
                total += 1
                hit += _EXPECT.get(header_role(headers[col]) or "", "text") == kind
    return hit / total if total else 0.0


def _column_kinds(rows: list[list[Cell]], col: int) -> tuple[float, Counter[str]]:
    filled = [r[col] for r in rows if col < len(r) and not r[col].empty]
    return (len(filled) / len(rows) if rows else 0.0), Counter(cell_type(c) for c in filled)


def settle_unit_roles(roles: list[str]) -> list[str]:
    """Two unit columns and no 牵头 one (责任单位 | 配合单位): the first names the leads."""
    if "lead" not in roles and roles.count("responsible") >= 2:
        roles = list(roles)
        roles[roles.index("responsible")] = "lead"
    return roles


def column_roles(headers: list[str], rows: list[list[Cell]]) -> list[str]:
    rows = sample(rows)
    roles: list[str] = []
    for col, head in enumerate(headers):
        role = header_role(head) or "unknown"
        _, kinds = _column_kinds(rows, col)
        n = sum(kinds.values())
        if n and role in ("task", "unknown"):
            # Cells decide where words do not: a column of deadlines or of unit names.
            if kinds["deadline"] >= 0.8 * n:
                role = "deadline"
            elif kinds["units"] >= 0.8 * n and role == "unknown":
                role = "responsible"
            elif kinds["seq"] >= 0.8 * n and role == "unknown":
                role = "seq"
        if role == "unknown":
            # A column no header word names, filled on every row with short words and no
            # sentence (names of people, remarks), is not the task; a sparse one may be headings.
            filled = [r[col].flat for r in rows if col < len(r) and not r[col].empty]
            short = (bool(filled) and len(filled) >= 0.8 * len(rows)
                     and sorted(len(f) for f in filled)[len(filled) // 2] <= 6)
            role = "ignore" if short and not any("。" in f for f in filled) else "task"
        roles.append(role)
    return settle_unit_roles(roles)


def _distinct(grid: list[list[Cell]], col: int) -> float:
    values = [r[col].flat for r in grid if col < len(r) and not r[col].empty]
    return len(set(values)) / len(values) if values else 0.0


def requirement_column(headers: list[str], roles: list[str], grid: list[list[Cell]], item_col: int) -> int | None:
    """A 工作要求 / 具体要求 column beside a column of numbered titles: the titles are the
    items and this column their requirement.  Told by the header word and by the title
    column being filled on (nearly) every row with a different text each time."""
    if roles[item_col] == "requirement":
        return None
    words = vocab.load("headers").get("requirement", [])
    if compact(headers[item_col]) not in words:
        return None
    left = [c for c in range(item_col) if roles[c] == "task"]
    if not left:
        return None
    title = left[-1]
    rows = sample(grid)
    fill, _ = _column_kinds(rows, title)
    if fill < 0.8 or _distinct(rows, title) < 0.9:
        return None
    return title


_CN_SEQ = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|[（(][一二三四五六七八九十]{1,3}[)）])$")


def _numbered_by_seq(cells: list[Cell], seq_col: int | None, item_col: int, roles: list[str]) -> Heading | None:
    """A row whose 序号 is 一 / （一） and whose item cell holds a title with no units or
    deadline: a main or work task heading, numbered in the 序号 column."""
    if seq_col is None or seq_col >= len(cells) or item_col >= len(cells):
        return None
    seq, title = cells[seq_col].flat, cells[item_col]
    if not _CN_SEQ.match(seq) or title.empty:
        return None
    if any(not cells[c].empty for c, r in enumerate(roles[:len(cells)]) if r in (*UNIT_ROLES, "deadline")):
        return None
    level = 2 if seq[0] in "（(" else 1
    text = seq + ("" if level == 2 else "、") + title.flat
    return Heading(level, Cell(title.line, [text]))


def grid_rows(headers: list[str], roles: list[str], grid: list[list[Cell]]) -> tuple[list[Row], bool]:
    """Rows for the plan builder, and whether the 序号 column numbers the items."""
    rows, seq_items, _ = numbered_rows(headers, roles, grid)
    return rows, seq_items


def numbered_rows(headers: list[str], roles: list[str], grid: list[list[Cell]]) -> tuple[list[Row], bool, bool]:
    """Rows for the plan builder; also whether the 序号 column numbers the items, and
    whether that numbering restarts (1, 2, 1, 2 … under each main task).

    `roles` is updated in place to say what each task column turned out to be (main,
    work, task for the item, requirement), for the review the user sees."""
    given = roles
    roles = list(roles)
    levels = {"main": 1, "work": 2}
    tasks = [c for c, r in enumerate(roles) if r in ("task", "main", "work")]
    if not tasks:
        raise ValueError("no task column")
    requirement = roles.index("requirement") if "requirement" in roles else None
    explicit = [c for c in tasks if roles[c] == "task"]
    if any(roles[c] in levels for c in tasks) and explicit:
        item_col = explicit[-1]
    else:
        dense = [c for c in tasks if _column_kinds(sample(grid), c)[0] >= 0.5]
        item_col = (dense or tasks)[-1]
        if requirement is None:
            title = requirement_column(headers, roles, grid, item_col)
            if title is not None:
                requirement, roles[item_col], item_col = item_col, "requirement", title
    heading_cols = [c for c in tasks if c < item_col]
    seq_col = roles.index("seq") if "seq" in roles else None
    seq_numbers_items = restarts = False
    if seq_col is not None:
        fill, _ = _column_kinds(grid, seq_col)
        values = [r[seq_col].flat for r in grid if seq_col < len(r) and not r[seq_col].empty]
        seq_numbers_items = fill >= 0.9 and len(set(values)) >= 0.9 * len(values)
        # 1, 2, 3, 1, 2 …: numbers that go up by one and start again at 1 number the items.
        ups = sum(1 for a, b in zip(values, values[1:]) if a.isdigit() and b.isdigit() and int(b) == int(a) + 1)
        restarts = (not seq_numbers_items and fill >= 0.9 and len(values) > 3 and values.count("1") >= 2
                    and ups + values.count("1") >= 0.9 * len(values))
    rows: list[Row] = []
    for cells in grid:
        lone = [c for c in cells if not c.empty]
        if len(lone) == 1 and heading_level(lone[0].text) and cells.index(lone[0]) not in heading_cols \
                and len(cells) >= 3:
            # A heading merged across the row, written in its first cell (序号, or the title).
            rows.append(Row(line=lone[0].line, headings=[Heading(None, lone[0])]))
            continue

        heading = _numbered_by_seq(cells, seq_col, item_col, roles)
        if heading is not None:
            rows.append(Row(line=heading.cell.line, headings=[heading]))
            continue

        def get(c: int | None, cells: list[Cell] = cells) -> Cell | None:
            return cells[c] if c is not None and c < len(cells) else None

        row = Row(line=cells[0].line if cells else 0, seq=get(seq_col), item=get(item_col))
        single = len(heading_cols) == 1
        for level, col in enumerate(heading_cols, 1):
            cell = get(col)
            if cell is not None and not cell.empty:
                fixed = levels.get(roles[col])
                row.headings.append(Heading(fixed or (None if single else min(level, 2)), cell))
        for col, role in enumerate(roles):
            cell = get(col)
            if cell is None:
                continue
            if role in UNIT_ROLES and role not in row.units:
                row.units[role] = cell
            elif role == "deadline" and row.deadline is None:
                row.deadline = cell
            elif role == "progress" and row.progress is None:
                row.progress = cell
        row.requirement = get(requirement)
        rows.append(row)
    for pos, col in enumerate(heading_cols):
        if roles[col] == "task":
            roles[col] = "main" if pos == 0 and len(heading_cols) > 1 or pos == 0 and col == tasks[0] else "work"
    given[:] = roles
    return rows, seq_numbers_items, restarts
