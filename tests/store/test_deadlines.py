from __future__ import annotations

import pytest

from duban.store import deadlines

# Every phrase named in ../shared/plans/README.md, with the date it means in a 2021 plan.
PHRASES = {
    "2021年10月30日前": ("date", "2021-10-30"),
    "2021年12月31日前": ("date", "2021-12-31"),
    "年底前": ("date", "2021-12-31"),
    "10月底前": ("date", "2021-10-31"),
    "6月底前": ("date", "2021-06-30"),
    "12月底前": ("date", "2021-12-31"),
    "11月底前": ("date", "2021-11-30"),
    "7月底前": ("date", "2021-07-31"),
    "2020年3月底前": ("date", "2020-03-31"),
    "2020年1月中旬": ("date", "2020-01-20"),
    "贯穿全年": ("all_year", "2021-12-31"),
    "贯穿全年适时公开": ("all_year", "2021-12-31"),
    "全年工作": ("all_year", "2021-12-31"),
    "持续推进": ("all_year", "2021-12-31"),
}


@pytest.mark.parametrize("phrase", sorted(PHRASES))
def test_every_reference_phrase_parses(phrase: str) -> None:
    deadline, understood = deadlines.parse(phrase, 2021)
    assert understood
    assert (deadline.kind, deadline.due) == PHRASES[phrase]
    assert deadline.raw == phrase


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("2月底前", "2021-02-28"),  # relativedelta gives the month's end
        ("2月上旬", "2021-02-10"),
        ("3月下旬", "2021-03-31"),
        ("十月底前", "2021-10-31"),
        ("２０２１年９月３０日前", "2021-09-30"),
        ("次年1月底前", "2022-01-31"),
        ("上半年", "2021-06-30"),
        ("三季度", "2021-09-30"),
        ("9月", "2021-09-30"),
    ],
)
def test_other_shapes(phrase: str, due: str) -> None:
    deadline, understood = deadlines.parse(phrase, 2021)
    assert understood and deadline.due == due and deadline.kind == "date"


def test_two_phrases_keep_both_and_take_the_earliest() -> None:
    deadline, understood = deadlines.parse("12月底前全年工作", 2019)
    assert understood and deadline.phrases == ["12月底前", "全年工作"]
    assert deadline.kind == "date" and deadline.due == "2019-12-31"
    deadline, _ = deadlines.parse("10月底前；6月底前", 2021)
    assert deadline.due == "2021-06-30"


@pytest.mark.parametrize("phrase", ["下周", "2月30日前", "尽快", "13月底前"])
def test_unreadable_phrases_are_implicit_and_flagged(phrase: str) -> None:
    deadline, understood = deadlines.parse(phrase, 2021)
    assert not understood
    assert deadline.kind == "implicit" and deadline.due == "2021-12-31" and deadline.raw == phrase


def test_empty_cell_is_implicit_year_end() -> None:
    deadline, understood = deadlines.parse("", 2021)
    assert understood and deadline.kind == "implicit" and deadline.due == "2021-12-31"
