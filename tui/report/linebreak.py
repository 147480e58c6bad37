"""Folding text into lines of a given display width, by the usual Chinese rules.

CJK text has no spaces, so any character boundary may break, except that a line never
starts with closing punctuation (，。、）》」 …) and never ends with opening punctuation
(（《「 …): the character before is carried down with it.  Where a line would break
near its end anyway, it breaks after a CJK punctuation mark instead, so a clause is not
split for one or two characters.  ASCII words are kept whole where they fit.
A wide character is never cut in half.
"""

from __future__ import annotations

from duban.store.text import char_width, display_width

# Never at the start of a line (closing punctuation, and marks that lean on what precedes).
NO_START = set("，。、；：？！）》」』】〕〉］｝”’…‥·・%％,.;:?!)]}'\"—～〜ー々ゝゞ")
# Never at the end of a line (opening punctuation).
NO_END = set("（《「『【〔〈［｛“‘([{")
# A good place to break after.
BREAK_AFTER = set("，。、；：？！）》」』】,;")  # ASCII commas too: web-page plans use them
SEEK = 4  # cells back from a line's end a punctuation break may be taken (or a quarter of the line)


def _fit(text: str, width: int) -> int:
    """How many characters of `text` fit in `width` cells (at least one)."""
    used = 0
    for n, ch in enumerate(text):
        used += char_width(ch)
        if used > width:
            return max(1, n)
    return len(text)


def _break_at(text: str, k: int, width: int) -> int:
    """Where to break `text`, given that its first `k` characters fit."""
    # Prefer just after a punctuation mark near the end of the line.
    used = 0
    kept = display_width(text[:k])
    for j in range(k, 0, -1):
        if text[j - 1] in BREAK_AFTER and text[j] not in NO_START and 2 * (kept - used) >= width:
            return j
        used += char_width(text[j - 1])
        if used >= max(SEEK, width // 4):
            break
    # Keep closing punctuation off the start and opening punctuation off the end.
    j = k
    while j > 1 and (text[j] in NO_START or text[j - 1] in NO_END):
        j -= 1
    if j > 1 or not (text[j] in NO_START or text[j - 1] in NO_END):
        k = j
    # Keep an ASCII word or number whole where the line holds more than that word.
    if _word(text[k - 1]) and _word(text[k]):
        j = k - 1
        while j > 0 and _word(text[j - 1]):
            j -= 1
        if j > 0:
            return j
    return k


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%._-/")


def fold(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """The text's lines, each at most `width` cells; with max_lines, the last one cut with …"""
    width = max(1, width)
    lines: list[str] = []
    for para in text.split("\n"):
        while display_width(para) > width:
            k = _break_at(para, _fit(para, width), width)
            lines.append(para[:k].rstrip(" "))
            para = para[k:].lstrip(" ")
        lines.append(para)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and display_width(last) > width - 1:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last + "…"]
    return lines
