"""Unit alias resolution: each distinct unit list is resolved once (issue 11 §7: alias
resolution per document was a tenth of `ls` at 50,000 items), with the same names as
resolving each name, and every item gets a list of its own."""

from __future__ import annotations

from duban.store.unit_names import Aliases


def test_a_list_resolves_as_its_names_do_and_is_each_items_own() -> None:
    aliases = Aliases({"区财政局": "区财政局", "财政局": "区财政局", "区府办": "区政府办公室"})
    names = ["财政局", "区府办", "区财政局", "区司法局"]
    first, second = aliases.apply(names), aliases.apply(list(names))
    assert first == second == ["区财政局", "区政府办公室", "区司法局"]
    assert first is not second and first is not names
    first.append("changed")  # an item editing its units changes no other item's
    assert aliases.apply(names) == ["区财政局", "区政府办公室", "区司法局"]


def test_adding_aliases_forgets_lists_already_resolved() -> None:
    aliases = Aliases({"财政局": "区财政局"})
    assert aliases.apply(["区司法局"]) == ["区司法局"]
    aliases.add_table({"区司法局（区法制办）": ["区司法局"]}, "test")
    assert aliases.apply(["区司法局"]) == ["区司法局（区法制办）"]


def test_each_distinct_list_is_resolved_once() -> None:
    class Counting(dict):
        gets = 0

        def get(self, key, default=None):  # noqa: ANN001, ANN201
            Counting.gets += 1
            return super().get(key, default)

    aliases = Aliases({"财政局": "区财政局"})
    aliases._map = Counting(aliases._map)
    for _ in range(1000):
        aliases.apply(["财政局", "区司法局"])
    assert Counting.gets == 2
