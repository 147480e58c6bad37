from __future__ import annotations

import pytest

from duban.store import units
from duban.store.unit_names import Aliases


@pytest.mark.parametrize(
    ("cell", "lead", "responsible"),
    [
        ("区发展和改革局、区财政局牵头， 区直有关单位、各乡人民政府（街道办事处）按职责分工负责",
         ["区发展和改革局", "区财政局"], ["区直有关单位", "各乡人民政府（街道办事处）"]),
        ("区政府办公室牵头、区政府各部门,各乡镇街负责落实", ["区政府办公室"], ["区政府各部门", "各乡镇街"]),
        ("区委网信办和区科信局牵头，区政府各部门分别负责落实，做到谁发布、谁负责",
         ["区委网信办", "区科信局"], ["区政府各部门"]),
        ("区政府新闻办会同区政府办共同牵头，区级各部门分别负责落实", ["区政府新闻办", "区政府办"], ["区级各部门"]),
        ("区委网信办加强对主管部门指导，区政府各部门负责落实", [], ["区委网信办", "区政府各部门"]),
        ("市生态环境局五华分局、区水务局按照职责分工分别负责落实", [], ["市生态环境局五华分局", "区水务局"]),
        ("区财政局、区农业农村局、区民政局等有关单位", [], ["区财政局", "区农业农村局", "区民政局"]),
    ],
)
def test_roles_split_units(cell: str, lead: list[str], responsible: list[str]) -> None:
    parsed, _ = units.parse(cell)
    assert parsed.lead == lead
    assert parsed.responsible == responsible


def test_first_named_group_leads_when_no_unit_is_marked_lead() -> None:
    parsed, _ = units.parse("区委网信办加强对主管部门指导，区政府各部门负责落实")
    parsed.promote_first_group()
    assert parsed.lead == ["区委网信办"] and parsed.responsible == ["区政府各部门"]
    parsed, _ = units.parse("区发改局、高新区")
    parsed.promote_first_group()
    assert parsed.lead == ["区发改局", "高新区"]


def test_parentheses_stay_with_their_unit_and_are_normalised() -> None:
    parsed, _ = units.parse("各乡镇（街道)、区直各单位")
    assert parsed.all == ["各乡镇（街道）", "区直各单位"]
    parsed, _ = units.parse("各乡人民政府（街道办事处，含园区）负责")
    assert parsed.all == ["各乡人民政府（街道办事处，含园区）"]


@pytest.mark.parametrize("name", ["区直有关单位", "区政府各部门", "各乡镇（街道）", "各乡人民政府（街道办事处）", "县政府有关部门", "区级各部门"])
def test_collective_units(name: str) -> None:
    assert units.is_collective(name)


@pytest.mark.parametrize("name", ["区财政局", "区发展和改革局", "县发展改革委", "高新区"])
def test_named_units_are_not_collective(name: str) -> None:
    assert not units.is_collective(name)


def test_aliases_map_synonyms_to_one_name(tmp_path) -> None:
    user = tmp_path / "aliases.toml"
    user.write_text('"区发展和改革局" = ["区发改委", "区发改局"]\n', encoding="utf-8")
    aliases = Aliases.load(user)
    assert aliases.apply(["区发改委", "区财政局", "区发改局"]) == ["区发展和改革局", "区财政局"]
    assert aliases.canonical("各乡镇街道") == "各乡镇（街道）"  # a shipped default
    assert aliases.canonical("区发改委 ") == "区发展和改革局"


def test_bad_alias_file_names_the_file(tmp_path) -> None:
    user = tmp_path / "aliases.toml"
    user.write_text('"区发展和改革局" = "区发改委"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="aliases.toml"):
        Aliases.load(user)
