"""The report's line folding is fast and keeps the Chinese line-breaking rules.

`fold` measures at C speed and applies the rules only at each break; these tests hold it
to the plain character-by-character algorithm it replaced (kept below as the reference),
on real plan text and on random mixes of CJK, punctuation, ASCII words and zero-width marks.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import duban.tui.report.linebreak as linebreak
from duban.store.text import char_width, display_width
from duban.tui.report.linebreak import BREAK_AFTER, NO_END, NO_START, SEEK, fold, fold_measured

PLANS = Path(__file__).resolve().parents[3] / "shared" / "plans"


# ---------------------------------------------------------------- the reference: one character at a time

def _ref_fit(text: str, width: int) -> int:
    used = 0
    for n, ch in enumerate(text):
        used += char_width(ch)
        if used > width:
            return max(1, n)
    return len(text)


def _ref_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%._-/")


def _ref_break_at(text: str, k: int, width: int) -> int:
    if k >= len(text):  # the one change: a last character wider than the line raised IndexError
        return k
    used = 0
    kept = display_width(text[:k])
    for j in range(k, 0, -1):
        if text[j - 1] in BREAK_AFTER and text[j] not in NO_START and 2 * (kept - used) >= width:
            return j
        used += char_width(text[j - 1])
        if used >= max(SEEK, width // 4):
            break
    j = k
    while j > 1 and (text[j] in NO_START or text[j - 1] in NO_END):
        j -= 1
    if j > 1 or not (text[j] in NO_START or text[j - 1] in NO_END):
        k = j
    if _ref_word(text[k - 1]) and _ref_word(text[k]):
        j = k - 1
        while j > 0 and _ref_word(text[j - 1]):
            j -= 1
        if j > 0:
            return j
    return k


def reference_fold(text: str, width: int, max_lines: int | None = None) -> list[str]:
    width = max(1, width)
    lines: list[str] = []
    for para in text.split("\n"):
        while display_width(para) > width:
            k = _ref_break_at(para, _ref_fit(para, width), width)
            lines.append(para[:k].rstrip(" "))
            para = para[k:].lstrip(" ")
        lines.append(para)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and display_width(last) > width - 1:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last + "…"]
    return lines


# ---------------------------------------------------------------- texts

PIECES = ["政务公开", "区财政局", "预算", "决算", "“三公”经费", "（社区）", "《条例》", "2021年10月30日前",
          "GDP", "12.5%", "http://www.gov.cn", "，", "。", "、", "；", "：", "！", "？", "）", "（", "「", "」",
          "…", "——", " ", "  ", "a", "ok", "\u3000", "e\u0301", "\u200b", "ｱｲ", "🙂", "한국"]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def plan_texts() -> list[str]:
    if not PLANS.is_dir():
        return []
    lines = []
    for path in sorted(PLANS.glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 8]
    return lines[::7]


@pytest.mark.parametrize("seed", range(4))
def test_fold_equals_the_character_by_character_fold(seed: int) -> None:
    rng = random.Random(seed)
    for text in random_texts(400, seed):
        width = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 17, 24, 40])
        most = rng.choice([None, None, 1, 2, 3])
        assert fold(text, width, most) == reference_fold(text, width, most), (text, width, most)
        assert all(w == display_width(line) for line, w in fold_measured(text, width, most)), (text, width)


def test_fold_equals_the_reference_on_real_plan_text() -> None:
    texts = plan_texts()
    if not texts:
        pytest.skip(f"the reference plans are not here ({PLANS})")
    for text in texts:
        for width in (4, 9, 14, 20, 33):
            assert fold(text, width) == reference_fold(text, width), (text, width)


def test_a_character_wider_than_the_line_goes_alone() -> None:
    assert fold("）", 1)[0] == "）"  # it raised IndexError
    assert [line for line in fold("（社区）", 1) if line] == ["（", "社", "区", "）"]


def test_fold_measures_a_long_cell_without_walking_every_character(monkeypatch: pytest.MonkeyPatch) -> None:
    """Folding a long paragraph looks at a few characters per break (the rules), not at
    every character one by one (what made a 50,000-item detail report take 9 s)."""
    calls = []

    def counting(ch: str) -> int:
        calls.append(ch)
        return char_width(ch)

    monkeypatch.setattr(linebreak, "char_width", counting)
    text = "公开惠民惠农补贴政策和发放信息，向村（社区）延伸。" * 200
    lines = fold(text, 30)
    assert "".join(lines) == text and len(lines) > 300
    assert len(calls) < len(text) // 3, f"{len(calls)} characters measured one by one for {len(text)}"
