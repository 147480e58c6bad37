"""Text helpers shared by the importer and every face: CJK-aware joining and display width.

Display width follows East Asian Width: wide and fullwidth characters take two cells,
combining marks none.  Rich does the same; store/ cannot import it, and the command
line should not pay for it.
"""

from __future__ import annotations

import re
from functools import cache

from duban.store.lazy import lazy

# Blank for our purposes: ASCII space, tab, NBSP, ideographic space, em space, BOM.
BLANKS = " \t\u00a0\u3000\u2002\u2003\u2009\ufeff"
_BLANK_RE = lazy(f"[{BLANKS}]+")
# East Asian Wide and Fullwidth ranges (Unicode 15), for counting in C speed.
_WIDE = (
    "[\u1100-\u115f\u231a\u231b\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60"
    "\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)


@cache
def _wide_re() -> re.Pattern[str]:
    # Compiled on first use: 3 ms, which a quick `duban ls --json` need not pay.
    return re.compile(_WIDE)


# Text of ASCII, the common CJK blocks (wide, three bytes in UTF-8) and general punctuation
# (‘’“”…—: narrow, three bytes starting E2 80) is measured from its UTF-8 length: no
# object per character, several times quicker than counting matches.
_NOT_PLAIN_CJK_RE = lazy("[^\x00-\x7f\u2010-\u2027\u3000-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uff60]")
_ZERO_RE = lazy("[\u0300-\u036f\u200b-\u200d\u20d0-\u20ff\ufe00-\ufe0f]")


_CONTROL_RE = lazy(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# Terminal escape sequences: CSI (colours, cursor), OSC (titles, links) and two-byte ones.
_ESCAPES_RE = lazy(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")


# What must never reach a terminal from data (a file, the environment, another user):
# whole escape sequences first (CSI, OSC/DCS/APC/PM/SOS strings, two-byte ESC forms, in
# 7- and 8-bit spellings) so no payload is left behind, then any lone control character:
# C0 but tab and line feed, DEL, C1, bidi overrides (text that displays reordered) and
# lone surrogates (which cannot even be encoded).
_SEQUENCE_RE = lazy(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
_UNSAFE_RE = lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe(text: str) -> str:
    """The text as it may be shown on a terminal: the one sanitizer every face uses.

    Costs one scan when the text is clean, which is nearly always: printable text (no
    control, format or surrogate character) is clean, and asks no pattern to be compiled."""
    if text.isprintable() or _UNSAFE_RE.search(text) is None:
        return text
    text = _SEQUENCE_RE.sub("", text)
    return _UNSAFE_RE.sub(_unsafe_char, text)


def _unsafe_char(m: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else ""


def file_name(name: str) -> str:
    """A file name as text to keep: bytes that were not UTF-8 (a name made on a GBK system)
    read as GB18030 where they can be, else shown as U+FFFD; never an unencodable surrogate."""
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return safe(name)
    try:
        return safe(name.encode("utf-8", "surrogateescape").decode("gb18030"))
    except (UnicodeError, ValueError):
        return safe(name)


_NOT_XML_RE = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters an XML file (.docx, .xlsx) cannot hold."""
    return _NOT_XML_RE.sub("", text)


def one_line(text: str) -> str:
    """Safe, and on one line (a file name may hold a line break)."""
    return " ".join(safe(text).splitlines())


def is_unsafe(text: str) -> bool:
    return _UNSAFE_RE.search(text) is not None


# Zero-width characters: invisible, so two names that look the same may differ by one.
_ZERO_WIDTH_RE = lazy("[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff]")


def drop_zero_width(text: str) -> str:
    if text.isprintable() and "\u034f" not in text:  # the others are format characters (Cf)
        return text
    return _ZERO_WIDTH_RE.sub("", text)


def fold_key(text: str) -> str:
    """A key for matching names and searches: NFKC (full-width letters and digits, compatibility
    forms), zero-width characters and terminal controls removed."""
    import unicodedata

    return unicodedata.normalize("NFKC", drop_zero_width(safe(text)))


def search_key(text: str) -> str:
    """A search needle (or the text it is looked for in): folded, lower case."""
    return fold_key(text).lower()


def is_blank(text: str) -> bool:
    return not text.strip(BLANKS + "\n\r")


def compact(text: str) -> str:
    """The text with every kind of blank and line break removed: for comparing cells."""
    if text.isprintable():  # of the blanks, only the ASCII space is printable
        return text.replace(" ", "")
    return _BLANK_RE.sub("", text).replace("\n", "").replace("\r", "")


def alternation(words) -> str:  # noqa: ANN001 - any iterable of str
    """A regex alternation of these words, longest first (so 区财政局 wins over 财政局)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def strip_controls(text: str) -> str:
    """Remove control characters (ANSI escapes arrive as ESC + text): imported text is data."""
    text = _ESCAPES_RE.sub("", text)
    return _CONTROL_RE.sub("", text)


def _is_wide_char(ch: str) -> bool:
    return _wide_re().match(ch) is not None


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs, kana, hangul and full-width punctuation."""
    return _is_wide_char(ch)


def char_width(ch: str) -> int:
    if ch.isascii():
        return 1
    if _ZERO_RE.match(ch):
        return 0
    return 2 if _wide_re().match(ch) else 1


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    if _NOT_PLAIN_CJK_RE.search(text) is None:
        raw, n = text.encode("utf-8"), len(text)
        return n + (len(raw) - n) // 2 - raw.count(b"\xe2\x80")
    return len(text) + len(_wide_re().findall(text)) - len(_ZERO_RE.findall(text))


def _fit(text: str, start: int, room: int, guess: int | None = None) -> tuple[int, int]:
    """How many characters from `start` fit in `room` cells (the longest such run; text
    without zero-width characters), and their width.  Measured with the C-speed width,
    not per character: from a guess, a run that fits can grow by at most its spare cells,
    and one over the room must lose at least half its excess in characters."""
    hi = max(0, min(len(text) - start, room))  # every character takes at least one cell
    k = hi if guess is None else max(0, min(hi, guess))
    used = display_width(text[start:start + k])
    while used <= room and k < hi:  # grow
        spare = room - used
        if not spare:
            return k, used
        nxt = min(hi, k + spare)
        w = display_width(text[start:start + nxt])
        if w > room:
            k, used = nxt, w
            break
        k, used = nxt, w
    while used > room and k:  # shrink
        k -= (used - room + 1) // 2
        used = display_width(text[start:start + k])
    return k, used


def cut(text: str, width: int, ellipsis: str = "…") -> str:
    """The text cut to at most `width` cells, never through a wide character."""
    if display_width(text) <= width:
        return text
    if width <= 0:
        return ""
    room = width - display_width(ellipsis)
    if room >= 0 and not _ZERO_RE.search(text):
        return text[:_fit(text, 0, room)[0]] + ellipsis
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + ellipsis if room >= 0 else "".join(out)


def pad(text: str, width: int, align: str = "left") -> str:
    gap = max(0, width - display_width(text))
    return " " * gap + text if align == "right" else text + " " * gap


def wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most `width` cells, by character (CJK has no spaces)."""
    return [line for line, _ in wrap_measured(text, width)]


def wrap_measured(text: str, width: int) -> list[tuple[str, int]]:
    """`wrap`'s lines, each with its width in cells (a table pads them without measuring again)."""
    lines: list[tuple[str, int]] = []
    for para in text.split("\n"):
        size = display_width(para)
        if size <= width or not para:
            lines.append((para, size))
        elif _ZERO_RE.search(para):
            lines += [(line, display_width(line)) for line in _wrap_chars(para, width)]
        else:
            start = 0
            per_line = width * len(para) // size  # characters a line holds, on average
            while start < len(para):
                k, used = _fit(para, start, width, per_line)
                if not k:  # a character wider than the line goes alone
                    k, used = 1, display_width(para[start])
                lines.append((para[start:start + k], used))
                start += k
    return lines


def _wrap_chars(para: str, width: int) -> list[str]:
    lines: list[str] = []
    cur: list[str] = []
    used = 0
    for ch in para:
        w = char_width(ch)
        if used + w > width and cur:
            lines.append("".join(cur))
            cur, used = [], 0
        cur.append(ch)
        used += w
    lines.append("".join(cur))
    return lines


def _joins_tight(left: str, right: str) -> bool:
    """Whether a line break between these two characters was only a wrap (no space)."""
    return not (left.isascii() and left.isalnum() and right.isascii() and right.isalnum())


def tidy_spaces(line: str) -> str:
    """Drop blanks next to CJK text (Word leaves 'spaces' inside wrapped CJK), squeeze the rest."""
    line = line.strip(BLANKS)

    def repl(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        left = line[start - 1] if start else ""
        right = line[end] if end < len(line) else ""
        if (left and is_cjk(left)) or (right and is_cjk(right)):
            return ""
        return " "

    return _BLANK_RE.sub(repl, line)


def join_wrapped(lines: list[str], keep_break: re.Pattern[str] | None = None) -> str:
    """Join the lines of one cell: wraps joined without spaces between CJK characters,
    blank lines dropped, and a line matching `keep_break` (a numbered point) kept as a line."""
    out = ""
    for raw in lines:
        line = tidy_spaces(raw)
        if not line:
            continue
        if not out:
            out = line
        elif keep_break is not None and keep_break.match(line):
            out += "\n" + line
        elif _joins_tight(out[-1], line[0]):
            out += line
        else:
            out += " " + line
    return out
