"""Page text with one fragment per line (what crawlers and PDF-to-text give): no cell
boundaries, cells cut mid-word, empty cells leave no line, an item's number alone on
its line.  Rows are rebuilt from what the text says: item numbers counting up (or
starting again at 1 under a heading), heading numbering (一、 / （一）), deadline
phrases, unit names; the rest is item text.  Best effort: every row whose cells could
not all be told apart gets a warning."""

from __future__ import annotations

import re

from duban.store import deadlines, units
from duban.store.importer.cells import Cell, is_table_end
from duban.store.importer.grid import drop_repeated_headers
from duban.store.importer.kinds import (
    UNIT_ROLES,
    Heading,
    Row,
    header_role,
    header_run,
    heading_level,
)
from duban.store.importer.plan import POINT_RE
from duban.store.messages import Said
from duban.store.text import compact

_BARE_NUMBER = re.compile(r"^(\d{1,3})\s*[.．、]?$")
_LEAD_NUMBER = re.compile(r"^(\d{1,3})\s*[.．、]\s*(?=\S)")


def _kind(text: str) -> str:
    flat = compact(text)
    if len(flat) <= 30 and "。" not in flat and deadlines.coverage(flat) >= 0.8:
        return "deadline"
    if len(flat) <= 60 and units.looks_like_units(flat) and "。" not in flat:
        return "units"
    return "text"


def fragment_table(lines: list[str]):
    from duban.store.importer.table import Table

    cells = [Cell(no, [line.strip()]) for no, line in enumerate(lines, 1) if line.strip(" \t\u3000")]
    run = header_run(cells)
    if run is None:
        return None
    start, k = run
    headers = [c.flat for c in cells[start:start + k]]
    roles = [header_role(h) or "task" for h in headers]
    body = drop_repeated_headers(cells[start + k:], headers)
    preamble = [line.strip() for line in lines[: cells[start].line - 1]]
    rows, warnings = _rows(body, roles)
    if not rows:
        return None
    tasks = [c for c, r in enumerate(roles) if r == "task"]
    roles = ["main" if c in tasks[:-1] else r for c, r in enumerate(roles)]  # headings, for the review
    return Table(layout="fragments", header_line=cells[start].line, headers=headers, roles=roles, rows=rows,
                 preamble=preamble, seq_numbers_items=True, has_deadline="deadline" in roles,
                 has_progress="progress" in roles, notes=warnings)


def _rows(body: list[Cell], roles: list[str]) -> tuple[list[Row], list[tuple[int, Said]]]:
    rows: list[Row] = []
    warnings: list[tuple[int, Said]] = []
    headings: list[Heading] = []
    expected = 1
    current: tuple[Cell, list[Cell]] | None = None
    # Numbers alone on their line ("1") mark the rows when the text has them; then "1.…"
    # at a line's start is a numbered point inside a cell.
    bare_only = sum(1 for c in body if _BARE_NUMBER.match(c.text.strip())) >= 2

    def close() -> None:
        nonlocal current
        if current is None:
            return
        seq, frags = current
        row, sure = _row(seq, frags, roles, headings)
        headings.clear()
        rows.append(row)
        if not sure:
            warnings.append((seq.line, Said("unsure_row", "row {n}: cells told apart by guess; check its text and units",
                                            n=seq.flat)))
        current = None

    for cell in body:
        text = cell.text.strip()
        if is_table_end(text):
            break
        bare = _BARE_NUMBER.match(text)
        lead = None if bare_only else _LEAD_NUMBER.match(text)
        number = int((bare or lead).group(1)) if (bare or lead) else None
        # The next number, 1 again under a heading, or (alone on its line) a small jump:
        # a plan may skip numbers (59, then 64).
        if number is not None and (number == expected or (number == 1 and headings)
                                   or (bare and expected < number <= expected + 9)):
            close()
            seq = Cell(cell.line, [str(number)])
            current = (seq, [] if bare else [Cell(cell.line, [text[lead.end():]])])
            expected = number + 1
            continue
        mid_sentence = current is not None and current[1] and _kind(current[1][-1].text) == "text" \
            and not current[1][-1].text.strip().endswith(_SENTENCE_END)
        if heading_level(text) and len(compact(text)) <= 60 and not mid_sentence:
            close()
            headings.append(Heading(None, Cell(cell.line, [text])))
            continue
        if current is None:
            if headings:  # a heading cut mid-word continues on this line
                headings[-1].cell.lines.append(text)
            continue
        current[1].append(cell)
    close()
    return rows, warnings


_SENTENCE_END = tuple("。；;！!？?）)】”\"")
_CONTINUES = "，,、。；;：:）)】》”"


def _strong_units(text: str) -> bool:
    """Unit names beyond doubt: a list of names shaped like units (one starting like a
    unit: 区 / 县 / 各 …), or names closed by a role word (牵头 / 负责)."""
    flat = compact(text)
    if len(flat) > 60 or any(ch in flat for ch in "。“”《》\"") or _LEAD_NUMBER.match(flat) \
            or flat.endswith(("、", "，", ",")) or flat.count("（") != flat.count("）"):
        return False
    cell, saw_role = units.parse(flat)
    names = cell.lead + cell.responsible
    shaped = bool(names) and all(len(n) <= 16 and (units.UNIT_SUFFIX_RE.search(n) or units.is_collective(n))
                                 for n in names)
    return shaped and any(units.starts_like_unit(n) for n in names) and (saw_role or "、" in flat or "，" in flat)


def _role_word(text: str) -> bool:
    return _strong_units(text) and units.parse(compact(text))[1]


def _runs(frags: list[Cell]) -> list[list]:
    """Fragments → runs [kind, lines] in the order of the row's cells: text first (a text
    cell runs on until its sentence ends), then unit names, deadlines, trailing text."""
    runs: list[list] = []
    for cell in frags:
        text = cell.text.strip()
        # "4.…" is a point of the text; "，…" goes on with the sentence before it.
        kind = "text" if _LEAD_NUMBER.match(text) or text[:1] in _CONTINUES else _kind(text)
        last = runs[-1] if runs else None
        if kind == "units" and last and last[0] == "text" and len(last[1]) > 1 and last[1][-2].endswith(_SENTENCE_END) \
                and len(compact(last[1][-1])) <= 8 and not last[1][-1].endswith(_SENTENCE_END):
            # "…功能。" / "区政务服务" / "管理中心": the text had ended; a unit name cut in two.
            runs.append(["units", [last[1].pop(), text]])
            continue
        open_sentence = last is None or last[0] == "text" and not last[1][-1].endswith(_SENTENCE_END)
        if open_sentence and (kind == "units" and not _role_word(text)
                              or kind == "deadline" and deadlines.coverage(text) < 1.0):
            kind = "text"  # "…国民经济和社" / "会发展…": a sentence cut mid-word
        if last and last[0] == "units" and kind == "text" and len(compact(text)) <= 8 and "。" not in text:
            kind = "units"  # "区政务服务" / "管理中心": a name cut in two
        if last and last[0] == kind:
            last[1].append(text)
        else:
            runs.append([kind, [text]])
    if not any(r[0] == "units" for r in runs) and runs and runs[0][0] == "text":
        # No unit seen because the text never ended its sentence: take unit names from its end.
        lines = runs[0][1]
        cut = len(lines)
        while cut > 1 and _kind(lines[cut - 1]) == "units" and len(compact(lines[cut - 1])) <= 20:
            cut -= 1
        if cut < len(lines):
            runs[0:1] = [["text", lines[:cut]], ["units", lines[cut:]]]
    return runs


def _join(lines: list[str]) -> str:
    """Fragments of one cell: cut anywhere, so joined tight; a numbered point keeps its line."""
    out = ""
    for line in lines:
        out += ("\n" if out and POINT_RE.match(line) else "") + line.strip()
    return out


def _row(seq: Cell, frags: list[Cell], roles: list[str], headings: list[Heading]) -> tuple[Row, bool]:
    """Fragments → the row's cells, in the header's order of roles."""
    runs = _runs(frags)
    row = Row(line=seq.line, seq=seq, headings=list(headings))
    unit_roles = [r for r in roles if r in UNIT_ROLES]
    texts = [r for r in runs if r[0] == "text"]
    sure = bool(texts)
    if texts:
        row.item = Cell(seq.line, [_join(texts[0][1])])
    if len(texts) > 1 and "progress" in roles:
        row.progress = Cell(seq.line, texts[-1][1])
    elif len(texts) > 1:
        row.item = Cell(seq.line, [_join([line for t in texts for line in t[1]])])
    unit_runs = [r for r in runs if r[0] == "units"]
    for role, run in zip(unit_roles, unit_runs):
        row.units[role] = Cell(seq.line, run[1])
    if len(unit_roles) == 2 and len(unit_runs) == 1 and len(unit_runs[0][1]) > 1:
        # Lead and responsible columns, one run of names: the first name leads.
        first, _, rest = units.join_unit_lines("\n".join(unit_runs[0][1])).partition("、")
        row.units = {"lead": Cell(seq.line, [first]), "responsible": Cell(seq.line, [rest])}
        sure = False
    if len(unit_runs) > len(unit_roles) or not unit_runs:
        sure = False
    dl = [r for r in runs if r[0] == "deadline"]
    if dl:
        row.deadline = Cell(seq.line, dl[0][1])
    return row, sure
