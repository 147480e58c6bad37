"""Speed at scale, checked by what the fixes change (never by a clock: tests/bench.py
measures time, beside its baselines): how often output is written, whether the cyclic GC
runs over the loaded store, how much of a long report goes through Rich, how many
objects a summary builds.  And that each fast path prints exactly what the slow one did."""

from __future__ import annotations

import gc
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from duban.store import summary as summary_module
from duban.store import tally as tally_module
from duban.store.queries import View
from duban.store.repository import Repository
from duban.store.text import char_width, cut, display_width, wrap, wrap_measured
from duban.tui.cli.main import main
from duban.tui.report import formats as report_module
from duban.tui.report.blocks import describe
from duban.tui.report.formats import render, to_rich
from duban.tui.report.grid import GridTable
from duban.tui.settings.i18n import Labels
from tests.conftest import Cli, plan_file

AS_OF = "2021-11-01"


@pytest.fixture
def loaded(cli: Cli, cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Two real plans in a store, and this process's environment pointed at it (for main())."""
    cli("import", str(plan_file("000")), str(plan_file("002")))
    cli("note", "p1.2", "第一行进展\n第二行：很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长的说明")
    for key, value in cli_env.items():
        monkeypatch.setenv(key, value)
    return cli


class CountingOut(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> CountingOut:
    out = CountingOut()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(list(args)) == 0
    return out


def test_ls_json_is_written_in_one_piece(loaded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    # json.dump wrote every token on its own: 15,000 writes for 180 items.
    out = run_main(monkeypatch, "ls", "--json", "--as-of", AS_OF)
    assert len(json.loads(out.getvalue())) > 100
    assert out.writes <= 2


def test_ls_table_is_written_in_one_piece(loaded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_main(monkeypatch, "ls", "--as-of", AS_OF, "--width", "80")
    assert out.getvalue().count("\n") > 100
    assert out.writes <= 3  # the table, then the count line


def test_no_cyclic_gc_during_a_command_and_it_is_on_again_after(loaded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import duban.tui.cli.main

    runs: list[str] = []
    real_run = duban.tui.cli.main._run

    def watched(args):  # noqa: ANN001, ANN202 - the command, from parsed arguments to its exit status
        gc.callbacks.append(lambda phase, info: runs.append(phase))
        try:
            return real_run(args)
        finally:
            gc.callbacks.pop()

    monkeypatch.setattr(duban.tui.cli.main, "_run", watched)
    run_main(monkeypatch, "ls", "--as-of", AS_OF)
    run_main(monkeypatch, "units", "--as-of", AS_OF)
    run_main(monkeypatch, "report", "--detail", "--format", "text", "--as-of", AS_OF)
    assert runs == []
    assert gc.isenabled()


def test_loading_the_store_runs_no_cyclic_gc(loaded: Cli, store_path: Path) -> None:
    runs: list[str] = []
    gc.callbacks.append(lambda phase, info: runs.append(phase))
    try:
        gc.collect()
        runs.clear()
        snapshot = Repository(store_path).load()
        assert len(snapshot.docs) > 100 and runs == []
    finally:
        gc.callbacks.pop()
    assert gc.isenabled()


def test_a_long_text_report_does_not_go_through_rich_line_by_line(loaded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.segment import Segment

    split = Segment.split_and_crop_lines.__func__  # type: ignore[attr-defined]
    lines_through_rich = []

    def counting(cls, segments, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        for line in split(cls, segments, *args, **kwargs):
            lines_through_rich.append(1)
            yield line

    monkeypatch.setattr(Segment, "split_and_crop_lines", classmethod(counting))
    out = run_main(monkeypatch, "report", "--detail", "--format", "text", "--as-of", AS_OF)
    assert out.getvalue().count("\n") > 500
    assert len(lines_through_rich) < 60  # headings and notes only, not the tables' lines


def test_a_long_text_report_is_printed_as_it_is_made(loaded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "CHUNK_LINES", 100)
    out = run_main(monkeypatch, "report", "--detail", "--format", "text", "--as-of", AS_OF)
    assert out.writes >= out.getvalue().count("\n") // 100


def test_an_unstyled_table_line_is_one_segment_for_rich() -> None:
    from rich import box

    table = GridTable(headers=["甲", "乙", "丙"], widths=[6, 10, 4], justify=["left", "left", "right"],
                      rows=[["区财政局", "公开目录编制与更新", str(n)] for n in range(20)], box=box.SQUARE)
    console = Console(width=60, force_terminal=True, color_system="truecolor", _environ={})
    segments = list(console.render(table))
    lines = sum(1 for s in segments if s.text == "\n")
    assert lines == 44  # each row wraps to two lines
    assert len(segments) <= 2 * lines + 8  # a line and its end (the header row: a segment per cell)


def test_summary_builds_one_tally_per_group(loaded: Cli, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = []

    def counting(real: type) -> type:
        class Counting(real):  # type: ignore[misc, valid-type]
            def __init__(self, *args: object, **kwargs: object) -> None:
                built.append(1)
                super().__init__(*args, **kwargs)
        return Counting

    monkeypatch.setattr(summary_module, "Tally", counting(summary_module.Tally))
    monkeypatch.setattr(tally_module, "UnitTally", counting(tally_module.UnitTally))  # a unit's tally
    view = View(Repository(store_path).load())
    s = summary_module.summarise(view, view.items, date(2021, 11, 1))
    groups = 1 + len(s.by_main_task) + len(s.by_lead_unit) + len(s.by_any_unit)
    assert len(built) == groups


def test_a_unit_filter_resolves_stored_names_not_documents(loaded: Cli, store_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from duban.store.queries import Filter
    from duban.store.records import Snapshot
    from duban.store.unit_names import Aliases

    snapshot = Repository(store_path).load()

    def lookups(copies: int) -> tuple[int, int]:
        view = View(Snapshot(snapshot.plans, snapshot.docs * copies), Aliases({"财政局": "区财政局"}))
        calls = []
        apply = view.aliases.apply
        monkeypatch.setattr(view.aliases, "apply", lambda names: calls.append(1) or apply(names))
        found = view.select(Filter(units=["区财政局"], as_of=date(2021, 11, 1)))
        return len(calls), len(found)

    once, found_once = lookups(1)
    thrice, found_thrice = lookups(3)
    assert found_once and found_thrice == 3 * found_once
    assert thrice == once  # alias lookups grow with the distinct names, not with the items


# ---------------------------------------------------------------- the fast paths print the same

def _rich_text(blocks: list, width: int, ascii_only: bool) -> str:
    """The text format as Rich printed it before the tables were written directly."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, color_system=None, no_color=True,
                      highlight=False, emoji=False, markup=False, legacy_windows=False, _environ={})
    console.print(to_rich(blocks, ascii_only, width))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


@pytest.mark.parametrize(("width", "ascii_only"), [(100, False), (40, False), (160, True)])
def test_text_report_is_what_rich_printed(loaded: Cli, store_path: Path, width: int, ascii_only: bool) -> None:
    view = View(Repository(store_path).load())
    s = summary_module.summarise(view, view.items, date(2021, 11, 1), since=date(2021, 1, 1), detail=True)
    blocks = describe(s, Labels("zh"))
    assert render(blocks, "text", width, ascii_only) == _rich_text(blocks, width, ascii_only)


_TEXT = st.text(st.sampled_from(list("ab 1\n") + ["中", "国", "（", "“", "…", "│", "\u0301", "\u200b", "é", "😀",
                                                   "\U00020001", "ｱ", "\u3000"]), max_size=60)


def _width_by_char(text: str) -> int:
    return sum(char_width(ch) for ch in text)


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.integers(-2, 40))
def test_widths_cuts_and_wraps_agree_with_counting_each_character(text: str, width: int) -> None:
    assert display_width(text) == _width_by_char(text)
    short = cut(text, width)
    assert short == text or (_width_by_char(short) <= max(width, 0) and text.startswith(short.removesuffix("…")))
    if width > 0 and short != text:  # the longest that fits: one more character would not
        kept = short.removesuffix("…")
        assert _width_by_char(text[:len(kept) + 1]) + 1 > width
    for line, used in wrap_measured(text, width):
        assert used == _width_by_char(line)
    assert "".join(wrap(text, width)) == text.replace("\n", "")
