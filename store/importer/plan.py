"""A table → a Plan with its items: hierarchy, numbers and ids, units, deadlines, status.

Empty cells are merged cells: they take the value above (a heading continues; an item
with no units takes the units of the item above).  A heading repeated after a page
break is the same node, not a new one.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from duban.store import deadlines, units, vocab
from duban.store.importer.cells import Cell
from duban.store.importer.kinds import (
    LEVEL1_RE,
    LEVEL2_RE,
    Row,
    dedupe_doubled,
    heading_level,
)
from duban.store.importer.table import Table
from duban.store.messages import Said
from duban.store.model import (  # ImportResult: re-exported
    Deadline,
    HistoryEntry,
    ImportResult,
    Item,
    Node,
    Plan,
)
from duban.store.text import compact, join_wrapped

# A numbered point inside a cell starts its own line: "1." "2、" "（一）" "(2)".
POINT_RE = re.compile(r"^\s*(?:\d{1,2}\s*[.．、)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
_LEADING_NUMBER = re.compile(r"^(\d{1,3})\s*[.．、]+\s*")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})(?=年|\d{1,2}月)")
_REGION_END = "区县市旗州盟镇乡省"


def clean_cell(cell: Cell | None, keep_points: bool = True) -> str:
    if cell is None:
        return ""
    text = cell.text
    for pattern in vocab.load("headers")["artifacts"]:
        text = re.sub(pattern, "", text)
    return join_wrapped(text.split("\n"), POINT_RE if keep_points else None)


def unit_text(cell: Cell) -> str:
    """A unit cell as one line: one unit per line joined with 、, broken names mended."""
    text = cell.text
    for pattern in vocab.load("headers")["artifacts"]:
        text = re.sub(pattern, "", text)
    return units.join_unit_lines(text)


def _heading_text(cell: Cell) -> str:
    doubled = dedupe_doubled(cell.lines)
    return doubled if doubled is not None else clean_cell(cell, keep_points=False)


def split_number(text: str) -> tuple[str | None, str]:
    """'一、深化…' → ('一', '深化…'); '（一）推进…' → ('（一）', '推进…')."""
    m = LEVEL1_RE.match(text)
    if m:
        return m.group(1), text[m.end():].strip()
    m = LEVEL2_RE.match(text)
    if m:
        return m.group(1), text[m.end():].strip()
    return None, text


def title_year_region(preamble: list[str]) -> tuple[str, int | None, str | None]:
    """The title line just above the table, the year it names and the region before it."""
    for line in reversed(preamble):
        line = line.strip(" \t\u3000")
        if not line or "。" in line or len(line) > 80:
            continue
        m = _YEAR_RE.search(line)
        if m:
            head = re.sub(r"^【[^】]*】", "", line[: m.start()])
            region = head if head and head[-1] in _REGION_END else None
            return line, int(m.group(1)), region
    first = next((line.strip() for line in preamble if line.strip()), "")
    return first, None, None


def status_from_progress(text: str) -> str:
    flat = compact(text).rstrip("。.")
    rules = vocab.load("headers")["progress_status"]
    for status in ("done", "todo", "blocked"):
        for word in rules[status]:
            if flat == word or (flat.startswith(word) and flat[len(word):len(word) + 1] in "，,；;。"):
                return status
    return "doing"


def role_parts(text: str) -> list[tuple[str, str]]:
    from duban.store.importer.prose import role_parts as parts

    return [(role, value) for role, value in parts(text) if role in ("lead", "responsible")]


class _Builder:
    def __init__(self, table: Table, key: str, year: int, stamp: str) -> None:
        self.table, self.key, self.year, self.stamp = table, key, year, stamp
        self.nodes: list[Node] = []
        self.items: list[Item] = []
        self.warnings: list[tuple[int, str]] = []
        self.main: Node | None = None
        self.work: Node | None = None
        self.prev_units: tuple[str, units.UnitCell] | None = None
        self.prev_deadline: Deadline | None = None
        self.prev_progress = ""
        self.used: set[int] = set()
        self.top = 0  # the highest item number used
        self.children: dict[str | None, int] = {}  # parent id → nodes under it, for ids in O(1)

    # -- hierarchy
    def _new_node(self, level: int, number: str | None, title: str) -> Node:
        parent = self.main.id if level == 2 and self.main else None
        count = self.children.get(parent, 0) + 1
        self.children[parent] = count
        node_id = f"{parent}.{count}" if parent else f"m{count}"
        node = Node(node_id, level, number, title, parent)
        self.nodes.append(node)
        return node

    def heading(self, level: int, text: str, number: str | None = None) -> None:
        own, title = split_number(text)
        number = own or number
        same = lambda node: node is not None and compact(node.title) == compact(title) and (  # noqa: E731
            not number or not node.number or compact(node.number) == compact(number))
        if level == 1:
            if same(self.main):
                if number and self.main and not self.main.number:
                    self.main.number = number
                return
            self.main, self.work = self._new_node(1, number, title), None
        else:
            if self.main is None:
                self.main = self._new_node(1, None, "")
            if same(self.work):
                return
            self.work = self._new_node(2, number, title)

    def headings(self, row: Row) -> None:
        seq_for_main = None
        if row.seq is not None and not (self.table.seq_numbers_items or self.table.seq_restarts) and not row.seq.empty:
            seq_for_main = dedupe_doubled(row.seq.lines) or row.seq.flat
        for pos, h in enumerate(row.headings):
            text = _heading_text(h.cell)
            level = h.level or heading_level(text) or (1 if pos == 0 else 2)
            self.heading(level, text, seq_for_main if level == 1 else None)

    # -- items
    def item(self, row: Row, position: int) -> bool:
        """Add the row's item; False (and a warning) for a cell that holds a number and no text."""
        text = clean_cell(row.item)
        number = None
        if text and "\n" not in text:
            m = _LEADING_NUMBER.match(text)
            if m:
                number, text = m.group(1), text[m.end():]
        if not text.strip():
            self.warnings.append((row.line, Said("no_text", "item {number} has a number and no text; not imported",
                                                 number=number or clean_cell(row.item))))
            return False
        n = position
        if row.number:
            number = row.number
        if self.table.seq_numbers_items and row.seq is not None and row.seq.flat.isdigit():
            number = row.seq.flat
            n = int(number)
        elif self.table.seq_restarts and row.seq is not None and row.seq.flat.isdigit():
            number = row.seq.flat  # shown as written; the id counts on (numbers restart per main task)
        if n in self.used:
            self.warnings.append((row.line, Said("number_twice", "item number {n} is used twice; numbered {m} here",
                                                 n=n, m=self.top + 1)))
            n = self.top + 1
        self.used.add(n)
        self.top = max(self.top, n)
        units_raw, cell = self._units(row)
        deadline = self._deadline(row)
        item = Item(
            id=f"{self.key}.{n}", plan=self.key, n=n, number=number,
            main=self.main.id if self.main else None, work=self.work.id if self.work else None,
            text=text, lead_units=cell.lead, units=cell.all, units_raw=units_raw,
            deadline=deadline, line=row.line, requirement=clean_cell(row.requirement),
        )
        if self.table.has_progress:
            progress = clean_cell(row.progress) or self.prev_progress
            self.prev_progress = progress
            if progress:
                item.status = status_from_progress(progress)
                item.history.append(HistoryEntry(self.stamp, "import", None, item.status, progress))
        if not cell.all:
            self.warnings.append((row.line, Said("no_unit", "item {id} names no unit", id=item.id)))
        self.items.append(item)
        return True

    def _units(self, row: Row) -> tuple[str, units.UnitCell]:
        filled = {role: c for role, c in row.units.items() if not c.empty}
        if not filled:
            if self.prev_units is not None:
                return self.prev_units
            return "", units.UnitCell()
        merged = units.UnitCell()
        raws = []
        for role in ("lead", "responsible"):
            if role in filled:
                raw = unit_text(filled[role])
                raws.append(raw)
                # "牵头单位：区财政局；配合单位：各镇" in one cell: each part takes its label's role.
                labelled = role_parts(raw) if "：" in raw or ":" in raw else []
                for part_role, part_raw in labelled or [(role, raw)]:
                    role_of = "lead" if part_role == "lead" else "responsible" if labelled else role
                    part, _ = units.parse(part_raw, default_role=role_of)
                    merged.lead += part.lead
                    merged.responsible += part.responsible
                    merged.first_group = merged.first_group or part.first_group
        merged.lead = list(dict.fromkeys(merged.lead))
        merged.responsible = [u for u in dict.fromkeys(merged.responsible) if u not in merged.lead]
        merged.promote_first_group()
        self.prev_units = ("；".join(raws), merged)
        return self.prev_units

    def _deadline(self, row: Row) -> Deadline:
        if not self.table.has_deadline:
            return deadlines.implicit(self.year)
        raw = clean_cell(row.deadline, keep_points=False)
        if not raw:
            return (self.prev_deadline if self.table.inherit else None) or deadlines.implicit(self.year)
        deadline, understood = deadlines.parse(raw, self.year)
        if not understood:
            line = row.deadline.line if row.deadline else row.line
            self.warnings.append((line, Said("bad_deadline", "deadline '{raw}' not understood; kept as implicit (year end)",
                                             raw=raw)))
        self.prev_deadline = deadline
        return deadline

    def build(self) -> None:
        position = 0
        for row in self.table.rows:
            self.headings(row)
            if row.item is None or row.item.empty:
                continue
            if self.item(row, position + 1):
                position += 1


def build_plan(table: Table, key: str, source: str, year: int | None = None) -> ImportResult:
    title, title_year, region = title_year_region(table.preamble)
    warnings: list[tuple[int, str]] = []
    if year is None:
        year = title_year
    if year is None:
        year = datetime.now().year
        warnings.append((table.header_line, Said("no_year", "no year in the plan's title; using {year} (set it with --year)",
                                                  year=year)))
    stamp = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    builder = _Builder(table, key, year, stamp)
    builder.build()
    plan = Plan(
        key=key, title=title or source, region=region, year=year, source=source,
        layout=table.layout, imported_at=stamp, nodes=builder.nodes,
    )
    result = ImportResult(plan, builder.items, warnings + list(table.notes) + builder.warnings)
    # The review (columns, roles, plausibility) rides along for `import --dry-run` and the
    # refusal of an implausible result; kept off the class so ImportResult stays a plain record.
    from duban.store.importer.review import make_review

    result.review = make_review(table, builder.items)  # type: ignore[attr-defined]
    return result
