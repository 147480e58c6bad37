"""A unit cell → lead units (牵头单位) and responsible units (责任单位).

"区发展和改革局、区财政局牵头，区直有关单位、各乡人民政府（街道办事处）按职责分工负责":
a role word (牵头, 负责 …, from vocab/units.toml) closes a group of units and gives it its
role; groups are split on 、，,；; and on conjunctions that stand between two unit names.
Parenthesised parts stay with their unit.  One spelling per name, and aliases: store/unit_names.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from duban.store import vocab
from duban.store.lazy import lazy
from duban.store.text import alternation, compact
from duban.store.unit_names import normalise_name, unique

_SEPARATORS = "、，,；;。:：/／"
_CLAUSE_BREAKS = "，,；;。"
UNIT_SUFFIX_RE = lazy(
    r"(局|办|委|室|部|中心|政府|单位|部门|院|会|处|所|队|站|馆|社|行|司|厅|组|区|联|校|台|团|街道|乡镇|镇街|企业|公司|分局|（街道）|（街道办事处）)$"
)
_OPEN, _CLOSE = "（(【[", "）)】]"
_TRAILING_BRACKET = lazy(r"（[^（）]*）$")


@dataclass
class UnitCell:
    """A unit cell read apart: lead units (牵头), responsible units (责任), and the first-named group."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    first_group: list[str] = field(default_factory=list)

    def promote_first_group(self) -> None:
        """No unit is marked 牵头: the first-named group leads (区自然资源局负责)."""
        if not self.lead:
            self.lead = list(self.first_group)
            self.responsible = [n for n in self.responsible if n not in self.lead]

    @property
    def all(self) -> list[str]:
        return unique(self.lead + self.responsible)


@dataclass(frozen=True)
class _Vocab:
    """The unit vocabulary's patterns, compiled once from the vocabulary file."""

    role_re: re.Pattern[str]
    lead_roles: frozenset[str]
    conj_re: re.Pattern[str]
    description_re: re.Pattern[str]
    trailer_re: re.Pattern[str]
    collective_re: re.Pattern[str]
    unit_starts: tuple[str, ...]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data = vocab.load("units")
    roles = data["lead_roles"] + data["responsible_roles"]
    starts = alternation(data["unit_starts"])
    return _Vocab(
        role_re=re.compile(rf"(?:{alternation(roles)})(?=$|[{_SEPARATORS}])"),
        lead_roles=frozenset(data["lead_roles"]),
        conj_re=re.compile(rf"(?<=..)(?:{alternation(data['conjunctions'])})(?={starts})"),
        description_re=re.compile(rf"(?:{alternation(data['description_starts'])}).*$"),
        trailer_re=re.compile(rf"(?<=..)(?:{alternation(data['name_trailers'])})+$"),
        collective_re=re.compile("|".join(data["collective_patterns"])),
        unit_starts=tuple(data["unit_starts"]),
    )


def _split_top_level(text: str, seps: str) -> list[str]:
    """Split on separators that are not inside parentheses."""
    if not _has_bracket(text):  # most cells: every separator splits, at C speed
        return _splitter(seps)(text)
    parts, cur, depth = [], [], 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


@lru_cache(maxsize=8)
def _splitter(seps: str):  # noqa: ANN202 - the bound split of a compiled pattern
    return re.compile(f"[{re.escape(seps)}]").split


def _has_bracket(text: str) -> bool:
    return any(ch in text for ch in _OPEN + _CLOSE)


def _first_clause(flat: str) -> str:
    """The cell up to its first role word or clause break (，；): the first-named group."""
    m = _vocab().role_re.search(flat)
    end = m.start() if m else len(flat)
    clause = _split_top_level(flat[:end], _CLAUSE_BREAKS)[0]
    return clause


def _names(group: str, strict: bool = False) -> list[str]:
    """Unit names in a group; `strict` keeps only names shaped like a unit (text after the
    last role word may be a remark such as 做到谁发布、谁负责)."""
    v = _vocab()
    names = []
    for part in _split_top_level(group, _SEPARATORS):
        for name in v.conj_re.split(part):
            name = v.description_re.sub("", normalise_name(name))
            name = v.trailer_re.sub("", name)
            if len(name) < 2:
                continue
            base = _TRAILING_BRACKET.sub("", name)  # 区委编办（区审改办）: the name before the bracket
            if strict and not (UNIT_SUFFIX_RE.search(name) or UNIT_SUFFIX_RE.search(base) or is_collective(name)):
                continue
            names.append(name)
    return names


def parse(text: str, default_role: str = "responsible") -> tuple[UnitCell, bool]:
    """Split a cell into lead and responsible units.

    Groups closed by a role word take its role; the rest take `default_role`.  The
    second value says whether any role word was seen.
    """
    v = _vocab()
    flat = compact(text)
    cell = UnitCell(first_group=_names(_first_clause(flat)))
    pos, saw_role = 0, False
    for m in v.role_re.finditer(flat):
        group = flat[pos:m.start()]
        pos = m.end()
        saw_role = True
        target = cell.lead if m.group(0) in v.lead_roles else cell.responsible
        target.extend(_names(group))
    rest = _names(flat[pos:], strict=True)
    (cell.lead if default_role == "lead" else cell.responsible).extend(rest)
    cell.lead = unique(cell.lead)
    cell.responsible = [n for n in unique(cell.responsible) if n not in cell.lead]
    return cell, saw_role


_PIECE_SPLIT = lazy(r"[ \t\u00a0\u3000\u2002\u2003]+|\n")


def join_unit_lines(text: str) -> str:
    """A unit cell written one unit per line (or with blanks between units) → one line.

    A line opening with a bracket ("（区审改办）") belongs to the unit above; a line that
    does not start like a unit continues a name broken across lines ("区政务服务" /
    "管理中心"); a line starting like a unit after a complete name is a new unit.
    """
    v = _vocab()
    out = ""
    for piece in _PIECE_SPLIT.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if not out or out[-1] in _SEPARATORS or piece[0] in _SEPARATORS + _OPEN + _CLOSE:
            out += piece
            continue
        last = _split_top_level(out, _SEPARATORS)[-1]
        # A name of three characters or more ("区" / "交通运输局" is one name wrapped).
        complete = len(last) >= 3 and bool(UNIT_SUFFIX_RE.search(last) or last.endswith(_CLOSE_TUPLE)
                                           or v.role_re.search(last[-8:]))
        whole = len(piece) >= 4 and bool(UNIT_SUFFIX_RE.search(piece))  # "融媒体中心": a name of its own
        if complete and (piece.startswith(v.unit_starts) or is_collective(piece) or whole):
            out += "、" + piece
        else:
            out += piece
    return out


_CLOSE_TUPLE = tuple(_CLOSE)


def starts_like_unit(name: str) -> bool:
    """Begins like a unit's name (区 / 县 / 市 / 各 …, vocab/units.toml unit_starts)."""
    return name.startswith(_vocab().unit_starts)


def looks_like_units(text: str) -> bool:
    """A cell made of unit names (for telling columns apart by what they hold)."""
    flat = compact(text)
    if not flat or len(flat) > 200:
        return False
    cell, saw_role = parse(flat)
    if saw_role:
        return True
    names = _names(flat)
    return bool(names) and all(UNIT_SUFFIX_RE.search(n) for n in names)


def is_collective(name: str) -> bool:
    return bool(_vocab().collective_re.search(name))
