"""Folding text into lines of a given display width, by the usual Chinese rules.

CJK text has no spaces, so any character boundary may break, except that a line never
starts with closing punctuation (，。、）》」 …) and never ends with opening punctuation
(（《「 …): the character before is carried down with it.  Where a line would break
near its end anyway, it breaks after a CJK punctuation mark instead, so a clause is not
split for one or two characters.  ASCII words are kept whole where they fit.
A wide character is never cut in half.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from duban.store.text import char_width, display_width

# Never at the start of a line (closing punctuation, and marks that lean on what precedes).
NO_START = set("，。、；：？！）》」』】〕〉］｝”’…‥·・%％,.;:?!)]}'\"—～〜ー々ゝゞ")
# Never at the end of a line (opening punctuation).
NO_END = set("（《「『【〔〈［｛“‘([{")
# A good place to break after.
BREAK_AFTER = set("，。、；：？！）》」』】,;")  # ASCII commas too: web-page plans use them
SEEK = 4  # cells back from a line's end a punctuation break may be taken (or a quarter of the line)


class _Widths(dict):
    """Each character's width in cells, measured once per character (store.text.char_width)."""

    def __missing__(self, ch: str) -> int:
        self[ch] = w = char_width(ch)
        return w


_WIDTHS = _Widths()


def _break_at(text: str, s: int, e: int, width: int, seek: int, cum: list[int]) -> int:
    """Where to end the line that starts at `s`, given that text[s:e] fits (or is one
    character).  `cum[i]` is the width of text[:i + 1]: the rules look only at the
    characters around the break; a punctuation break is sought `seek` cells back."""
    if e >= len(text):  # one character wider than the line: it goes alone
        return e
    base = cum[s - 1] if s else 0
    kept = cum[e - 1] - base
    # Prefer just after a punctuation mark near the end of the line.
    used = 0
    for j in range(e, s, -1):
        if text[j - 1] in BREAK_AFTER and text[j] not in NO_START and 2 * (kept - used) >= width:
            return j
        used += cum[j - 1] - (cum[j - 2] if j > 1 else 0)
        if used >= seek:
            break
    # Keep closing punctuation off the start and opening punctuation off the end.
    j = e
    while j > s + 1 and (text[j] in NO_START or text[j - 1] in NO_END):
        j -= 1
    if j > s + 1 or not (text[j] in NO_START or text[j - 1] in NO_END):
        e = j
    # Keep an ASCII word or number whole where the line holds more than that word.
    if _word(text[e - 1]) and _word(text[e]):
        j = e - 1
        while j > s and _word(text[j - 1]):
            j -= 1
        if j > s:
            return j
    return e


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%._-/")


def fold(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """The text's lines, each at most `width` cells; with max_lines, the last one cut with …"""
    return [line for line, _ in fold_measured(text, width, max_lines)]


def fold_measured(text: str, width: int, max_lines: int | None = None) -> list[tuple[str, int]]:
    """`fold`'s lines, each with its width in cells (a table pads them without measuring again)."""
    width = max(1, width)
    lines: list[tuple[str, int]] = []
    for para in text.split("\n"):
        size = display_width(para)  # a paragraph that fits (most cells) costs this one measure
        if size <= width:
            lines.append((para, size))
        else:
            _fold_paragraph(para, width, lines)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1][0]
        while last and display_width(last) > width - 1:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [(last + "…", display_width(last) + 1)]
    return lines


def _fold_paragraph(para: str, width: int, lines: list[tuple[str, int]]) -> None:
    # Every character is measured once, into running totals; each line's fit is then a
    # binary search, and the rules look only at the break.
    cum = list(accumulate(map(_WIDTHS.__getitem__, para)))
    n, s = len(para), 0
    seek = max(SEEK, width // 4)
    while True:
        base = cum[s - 1] if s else 0
        if cum[-1] - base <= width:
            lines.append((para[s:], cum[-1] - base))
            return
        e = bisect_right(cum, base + width, s)  # text[s:e] fits
        e = _break_at(para, s, e if e > s else s + 1, width, seek, cum)
        line = para[s:e].rstrip(" ")
        lines.append((line, cum[e - 1] - base - (e - s - len(line))))
        s = e
        while s < n and para[s] == " ":
            s += 1
        if s == n:
            lines.append(("", 0))
            return
