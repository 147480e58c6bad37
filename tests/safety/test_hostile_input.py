"""Imported text is data: markup and escape codes show literally or not at all, in every
face; and the importer never raises anything but its own error."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.store.importer import PlanError, parse_plan_text, read_plan
from duban.tui.app.app import make_app
from duban.tui.app.widgets.detail import DetailPane
from duban.tui.settings.config import load_settings
from tests.conftest import PLANS, SAMPLE_PLAN, Cli
from tests.store.invariants import check_plan
from tests.tui.conftest import TODAY

HOSTILE = (
    "序号\t工作任务\t牵头单位\t完成时限\n"
    "1\t[bold red]加粗[/] [link=http://evil.example]点我[/link] \x1b[31m红字\x1b[0m 响铃\x07 <script>x</script>\t"
    "区[italic]财政[/italic]局负责\t年底前\n"
)


@pytest.fixture
def hostile(cli: Cli, tmp_path: Path) -> Cli:
    plan = tmp_path / "hostile.tsv"
    plan.write_text("某区2021年任务\n" + HOSTILE, encoding="utf-8")
    cli("import", "--key", "h", str(plan))
    return cli


def test_markup_shows_literally_and_escape_codes_are_gone(hostile: Cli) -> None:
    item = hostile.json("show", "h.1")
    # Markup stays as written; escape codes and the bell are gone (blanks next to CJK are tidied).
    assert item["text"] == "[bold red]加粗[/] [link=http://evil.example]点我[/link]红字响铃<script>x</script>"
    for out in (hostile("ls").stdout, hostile("show", "h.1").stdout, hostile("report", "--detail").stdout):
        assert "[bold red]加粗[/]" in out and "\x1b" not in out and "\x07" not in out
    md = hostile("report", "--detail", "--format", "md").stdout
    assert "&lt;script&gt;" in md and "<script>" not in md
    html = hostile("report", "--detail", "--format", "html").stdout
    assert "&lt;script&gt;" in html and "<script>" not in html and "[link=http://evil.example]" in html


async def test_markup_shows_literally_in_the_app(hostile: Cli, store_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(store_path.parent / "cfg"))
    app = make_app(load_settings(store=str(store_path)), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one(DetailPane).body.render())
        assert "[bold red]加粗[/]" in shown and "[link=http://evil.example]点我[/link]" in shown
        await pilot.press("slash", "left_square_bracket", "b", "o", "l", "d")  # markup typed in search
        await pilot.pause()
        assert "搜索“[bold”" in str(app.screen.query_one("#topbar").render())


def test_notes_lose_their_escape_codes(hostile: Cli) -> None:
    hostile("note", "h.1", "进展\x1b[2J清屏\x1b]0;title\x07")
    assert hostile.json("show", "h.1")["note"] == "进展清屏"


# A reference plan where there is one; on a fresh clone (no ../shared) our own sample plan.
REAL = next(iter(sorted(PLANS.glob("000_*.txt"))), SAMPLE_PLAN).read_text(encoding="utf-8")


def _mutate(text: str, seed: int) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 12)):
        op = rng.randrange(6)
        k = rng.randrange(len(lines)) if lines else 0
        if op == 0 and lines:
            del lines[k: k + rng.randint(1, 40)]
        elif op == 1 and lines:
            lines.insert(k, lines[rng.randrange(len(lines))])
        elif op == 2 and lines:
            lines[k] = lines[k][: rng.randrange(len(lines[k]) + 1)]
        elif op == 3:
            lines.insert(k, "\t" * rng.randint(0, 6) + rng.choice(["序号", "完成时限", "一、", "（一）", "1", "年底前", "贯穿全年", ""]))
        elif op == 4 and lines:
            lines[k] = lines[k].replace("\t", "", 1)
        else:
            rng.shuffle(lines[k: k + 10])
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**9))
def test_mutated_real_plans_give_a_plan_or_a_plan_error(seed: int) -> None:
    try:
        result = parse_plan_text(_mutate(REAL, seed), "mutated.txt", "m")
    except PlanError as exc:
        assert str(exc).startswith("mutated.txt")
        return
    check_plan(result, "m")


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_random_text_gives_a_plan_or_a_plan_error(text: str) -> None:
    try:
        result = parse_plan_text(text, "random.txt", "r")
    except PlanError as exc:
        assert str(exc).startswith("random.txt")
    else:
        check_plan(result, "r")


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_give_a_plan_or_a_plan_error(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "x.txt"
    path.write_bytes(data)
    try:
        result = read_plan(path, "b")
    except PlanError as exc:
        assert str(exc).startswith(str(path))
    else:
        check_plan(result, "b")


def test_a_50_mb_file_is_refused_at_once(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 2**20)
    with pytest.raises(PlanError, match="50 MB"):
        read_plan(big, "b")


def test_bad_config_and_alias_files_are_clear_errors(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "config" / "duban"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('lang = "zh"\ndue_soon_days = "seven"\n', encoding="utf-8")
    proc = cli("ls", check=False)
    assert proc.returncode == 2 and "due_soon_days" in proc.stderr and "config.toml" in proc.stderr
    (folder / "config.toml").write_text('lang = "zh"\n', encoding="utf-8")
    (folder / "aliases.toml").write_text('"区发改委" = [\n', encoding="utf-8")
    proc = cli("ls", check=False)
    assert proc.returncode == 2 and "aliases.toml:" in proc.stderr and "Traceback" not in proc.stderr
