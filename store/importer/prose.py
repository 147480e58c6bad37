"""A plan written as prose: numbered paragraphs ("一、…", "（一）…", "1.…"), each item
followed by a "责任单位：…" or "牵头单位：…" line (or ending with "（责任单位：…）"),
perhaps a "完成时限：…" line.  A numbered paragraph with no such line after it is a
heading; text before the first numbered paragraph is the notice and title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from duban.store import vocab
from duban.store.importer.cells import Cell, is_table_end
from duban.store.importer.kinds import UNIT_ROLES, Heading, Row, heading_level
from duban.store.text import alternation, compact

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.．、]|第[一二三四五六七八九十]{1,3}[，,、])")


@cache
def _role_words() -> dict[str, str]:
    data = vocab.load("headers")
    return {w: role for role in ("lead", "responsible", "deadline") for w in data[role] if len(w) >= 2}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = alternation(_role_words())
    line = re.compile(rf"^[（(]?\s*({words})\s*[：:]")
    inline = re.compile(rf"[（(]\s*((?:{words})\s*[：:][^（）()]*(?:[（(][^（）()]*[)）][^（）()]*)*)[)）]\s*[。.]?\s*$")
    return line, inline


def role_parts(text: str) -> list[tuple[str, str]]:
    """'牵头单位：区财政局；配合单位：区审计局' → [(lead, 区财政局), (responsible, 区审计局)]."""
    words = _role_words()
    alt = alternation(words)
    parts = []
    pieces = re.split(rf"(?:^|[；;，,。\s])[（(]?\s*({alt})\s*[：:]", text)
    for word, value in zip(pieces[1::2], pieces[2::2]):
        parts.append((words[word], value.strip(" ；;，,。）)")))
    return parts


@dataclass
class _Para:
    line: int
    text: str
    roles: list[tuple[str, str]] = field(default_factory=list)


def prose_table(lines: list[str]):
    from duban.store.importer.table import Table

    line_re, inline_re = _patterns()
    paras: list[_Para] = []
    role_lines = 0
    for no, raw in enumerate(lines, 1):
        text = raw.strip(" \t\u3000")
        if not text:
            continue
        if is_table_end(text) and role_lines:
            break
        if line_re.match(text):
            role_lines += 1
            paras.append(_Para(no, "", role_parts(text)))
            continue
        m = inline_re.search(text)
        if m and len(text) > m.end(1) - m.start(1) + 4:
            role_lines += 1
            paras.append(_Para(no, text[: m.start()].rstrip()))
            paras.append(_Para(no, "", role_parts(m.group(1))))
            continue
        paras.append(_Para(no, text))
    if role_lines < 2:
        return None
    first = next((i for i, p in enumerate(paras) if p.text and _NUMBERED.match(p.text)), None)
    if first is None:
        return None
    preamble = [p.text for p in paras[:first]]
    rows: list[Row] = []
    pending: _Para | None = None
    headings: list[Heading] = []
    last_item: Row | None = None
    for p in paras[first:]:
        if p.roles:
            if pending is not None:
                last_item = _item(pending, headings)
                headings = []
                rows.append(last_item)
                pending = None
            if last_item is not None:
                _add_roles(last_item, p)
        elif _NUMBERED.match(p.text):
            if pending is not None:
                headings.append(Heading(_level(pending.text), Cell(pending.line, [pending.text])))
            pending = p
        elif pending is not None:
            pending.text += p.text  # a paragraph wrapped onto the next line
    has_deadline = any(r.deadline is not None for r in rows)
    return Table(layout="prose", header_line=paras[first].line, headers=[], roles=["task", "lead", "responsible"],
                 rows=rows, preamble=preamble, seq_numbers_items=False, has_deadline=has_deadline,
                 has_progress=False, inherit=False)


def _level(text: str) -> int:
    return heading_level(compact(text)) or 2


def _item(p: _Para, headings: list[Heading]) -> Row:
    m = _NUMBERED.match(p.text)
    number = m.group(0).strip().rstrip("、.．，,") if m else None
    text = p.text[m.end():].strip() if m else p.text
    return Row(line=p.line, headings=list(headings), item=Cell(p.line, [text]), number=number)


def _add_roles(row: Row, p: _Para) -> None:
    for role, value in p.roles:
        if role in UNIT_ROLES:
            old = row.units.get(role)
            row.units[role] = Cell(p.line, (old.lines + [value]) if old else [value])
        elif row.deadline is None:
            row.deadline = Cell(p.line, [value])
