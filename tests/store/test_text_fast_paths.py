"""store/text.py answers printable text without its patterns (a quick check then compiles
none of them): the answers must be the patterns' own, for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from duban.store import text

# Every character the patterns look for, beside ordinary ones (CJK, Latin, full-width, marks).
SPECIAL = (text.BLANKS + "\n\r\x00\x07\x1b[31m\x1b]0;t\x07\x7f\x85\x9b\u061c\u200b\u200c\u200d\u200e\u200f"
           "\u202a\u202e\u2060\u2064\u2066\u2069\u00ad\u034f\u180e\ufeff\ud800\udfff")
ORDINARY = "区财政局牵头 ABCabc123（）()、，ＡＢ１２\u0301é가ｶ"


def _with_patterns(fn, s: str) -> str:  # noqa: ANN001
    """The function with its fast path off: every text counts as not printable."""
    class NotPrintable(str):
        def isprintable(self) -> bool:
            return False

    return str(fn(NotPrintable(s)))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPECIAL + ORDINARY), max_size=30))
def test_the_fast_paths_answer_as_the_patterns_do(s: str) -> None:
    for fn in (text.safe, text.drop_zero_width, text.compact, text.fold_key):
        assert fn(s) == _with_patterns(fn, s), (fn.__name__, s)


def test_the_patterns_still_clean_what_they_clean() -> None:
    assert text.safe("a\x1b[31mb\u202ec") == "abc"
    assert text.compact("区 财\u3000政\t局\n") == "区财政局"
    assert text.fold_key("区\u200b财政局ＡＢ") == "区财政局AB"
    assert text.drop_zero_width("a\u034fb") == "ab"
