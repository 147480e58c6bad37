"""A row whose item cell holds a number and nothing else (a plan cut short, a text lost
in copying) is not an item: it is left out with a warning naming its line, and the items
after it keep their numbers in order (found by the importer fuzzer on our sample plan)."""

from __future__ import annotations

from duban.store.importer import parse_plan_text
from tests.conftest import SAMPLE_PLAN


def test_a_number_without_text_is_not_an_item() -> None:
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    whole = parse_plan_text(text, "plan.txt", "p")
    lost = "2．建立政策文件库，按主题分类归集\n\n现行有效政策文件，每季度更新一次。"
    assert lost in text
    cut = parse_plan_text(text.replace(lost, "2．"), "plan.txt", "p")
    assert all(i.text.strip() for i in cut.items)
    assert len(cut.items) == len(whole.items) - 1
    assert [i.id for i in cut.items] == [f"p.{n}" for n in range(1, len(cut.items) + 1)]
    assert [i.text for i in cut.items] == [i.text for i in whole.items if not i.text.startswith("建立政策文件库")]
    said = [(line, str(w)) for line, w in cut.warnings if getattr(w, "code", "") == "no_text"]
    assert len(said) == 1 and said[0][0] > 1, cut.warnings
