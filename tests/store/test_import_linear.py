"""The importer's work grows linearly with the table (issue 8 item 18), counted in calls
rather than timed (timings flake; tests/bench.py measures the time)."""

from __future__ import annotations

import pytest

from duban.store import units
from duban.store.importer import parse_plan_text

HEADS = ["序号", "主要任务", "工作任务", "具体事项", "牵头落实单位", "完成时限"]


def tab_led_plan(rows: int) -> str:
    lines = ["某区2024年政务公开任务表"] + ["\t" + h for h in HEADS]
    for i in range(1, rows + 1):
        main = f"一、第{i // 40}项主要任务" if i % 40 == 1 else ""
        work = f"（一）第{i // 4}项工作任务" if i % 4 == 1 else ""
        lines += [f"\t{i}", f"\t{main}", f"\t{work}", f"\t推进第{i}项重点领域信息公开。",
                  f"\t区局{i % 7}牵头，各镇（街道）负责", f"\t{i % 12 + 1}月底前"]
    return "\n".join(lines) + "\n"


def test_unit_cells_are_parsed_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = units.parse

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(units, "parse", counting)
    rows = 3000
    result = parse_plan_text(tab_led_plan(rows), "big.txt", "p")
    assert len(result.items) == rows
    # One parse per item for its units, plus a bounded sample for telling columns apart.
    assert calls <= rows + 6000, calls



def test_a_file_too_long_to_be_a_plan_is_refused_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import duban.store.importer as importer
    from duban.store.importer import PlanError

    monkeypatch.setattr(importer, "MAX_LINES", 1000)
    with pytest.raises(PlanError) as err:
        parse_plan_text(tab_led_plan(200), "huge.txt", "p")
    assert "lines" in str(err.value) and "1000" in str(err.value)
