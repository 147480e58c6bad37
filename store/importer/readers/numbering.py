"""Word's automatic list numbering, rebuilt: the number a paragraph shows is not in its
text (w:numPr points into numbering.xml), so count the lists in document order the way
Word does and give each numbered paragraph the label the office sees ("1." "（一）" "一、")."""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (how Word counts in Chinese)."""
    if n <= 0:
        return _CN[0]
    if n >= 100:
        h, rest = divmod(n, 100)
        tail = "" if rest == 0 else ("零" if rest < 10 else "") + (chinese(rest) if rest >= 20 or rest < 10
                                                                  else "一" + chinese(rest))
        return _CN[h % 10] + "百" + tail
    tens, ones = divmod(n, 10)
    head = ("" if tens == 1 else _CN[tens]) + "十" if tens else ""
    return head + (_CN[ones] if ones else "")


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bbb …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, text in _ROMAN:
        while n >= value:
            out, n = out + text, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "chineseLegalSimplified"):
        return chinese(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


def _val(el: Any, tag: str, default: str | None = None) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val", default) if child is not None else default


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _levels(abstract: Any) -> dict[int, tuple[int, str, str]]:
    levels = {}
    for lvl in abstract.findall(W + "lvl"):
        ilvl = _int(lvl.get(W + "ilvl"), 0)
        levels[ilvl] = (_int(_val(lvl, "start"), 1), _val(lvl, "numFmt", "decimal") or "decimal",
                        _val(lvl, "lvlText", "") or "")
    return levels


def _style_numbering(styles: Any) -> dict[str, tuple[str | None, int]]:
    """Paragraph styles that number their paragraphs (heading styles often do)."""
    raw: dict[str, tuple[str | None, str | None, str | None]] = {}
    for style in styles.findall(W + "style"):
        ppr = style.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        raw[style.get(W + "styleId", "")] = (
            _val(numpr, "numId"), _val(numpr, "ilvl"), _val(style, "basedOn"))
    out: dict[str, tuple[str | None, int]] = {}
    for sid in raw:
        seen, cur = set(), sid
        while cur in raw and cur not in seen:
            seen.add(cur)
            num, ilvl, based = raw[cur]
            if num is not None:
                out[sid] = (num, _int(ilvl, 0))
                break
            cur = based or ""
    return out


def labels(document: Any) -> dict[Any, str]:
    """Each numbered paragraph element of the document → the label Word shows for it."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstracts = {a.get(W + "abstractNumId"): _levels(a) for a in numbering.findall(W + "abstractNum")}
    nums: dict[str, tuple[str | None, dict[int, int]]] = {}
    for num in numbering.findall(W + "num"):
        overrides = {_int(o.get(W + "ilvl"), 0): _int(_val(o, "startOverride"), 1)
                     for o in num.findall(W + "lvlOverride") if o.find(W + "startOverride") is not None}
        nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId"), overrides)
    try:
        by_style = _style_numbering(document.styles.element)
    except (KeyError, NotImplementedError, AttributeError):
        by_style = {}
    counters: dict[str, dict[int, int]] = {}
    out: dict[Any, str] = {}
    for p in document.element.body.iter(W + "p"):
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = (_val(numpr, "numId"), _int(_val(numpr, "ilvl"), 0)) if numpr is not None else (None, 0)
        if num_id is None and ppr is not None:
            num_id, ilvl = by_style.get(_val(ppr, "pStyle") or "", (None, 0))
            if numpr is not None and _val(numpr, "ilvl") is not None:
                ilvl = _int(_val(numpr, "ilvl"), 0)
        if num_id is None or num_id == "0" or num_id not in nums:
            continue
        abstract_id, overrides = nums[num_id]
        levels = abstracts.get(abstract_id)
        if not levels or ilvl not in levels:
            continue
        # Instances of one list continue each other, unless one restarts it (startOverride).
        key = num_id if overrides else f"a{abstract_id}"
        count = counters.setdefault(key, {})
        start = overrides.get(ilvl, levels[ilvl][0])
        count[ilvl] = count[ilvl] + 1 if ilvl in count else start
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]
        _, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            continue
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                value = count.get(k, overrides.get(k, levels.get(k, (1, "decimal", ""))[0]))
                kfmt = levels.get(k, (1, "decimal", ""))[1]
                text = text.replace(f"%{k + 1}", format_number(value, kfmt))
        out[p] = text
    return out
