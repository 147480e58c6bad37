"""What the user sees at 80×24 and 160×48 (pytest-textual-snapshot; update with
`pytest tests/snapshots --snapshot-update` and look at the SVGs before committing)."""

from __future__ import annotations

from itertools import combinations

from textual.widget import Widget

from duban.tui.app.app import make_app
from duban.tui.settings.config import load_settings
from tests.tui.conftest import TODAY

PANES = ("#hierarchy", "#detail", "#units", "#calendar")


def test_80x24_hierarchy_and_detail(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24))


def test_80x24_units_pane_toggled(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["f"])


def test_80x24_calendar_pane_toggled(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["c"])


def test_160x48_all_panes(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(160, 48))


async def _regions(store, size, keys=()):
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        shown = [app.screen.query_one(p, Widget) for p in PANES]
        return {w.id: w.region for w in shown if w.display}


async def test_nothing_cut_off_or_overlapping_at_80x24(store) -> None:
    for keys in ((), ("f",), ("c",)):
        regions = await _regions(store, (80, 24), keys)
        assert len(regions) == 2
        for region in regions.values():
            assert region.x >= 0 and region.y >= 1 and region.right <= 80 and region.bottom <= 23
            assert region.width >= 40 and region.height >= 8
        for a, b in combinations(regions.values(), 2):
            assert not a.overlaps(b)


async def test_all_panes_at_once_from_120_columns(store) -> None:
    regions = await _regions(store, (120, 30))
    assert set(regions) == {"hierarchy", "detail", "units", "calendar"}
    for a, b in combinations(regions.values(), 2):
        assert not a.overlaps(b)
    assert regions["calendar"].height >= 11, "the calendar's six weeks and its summary fit"
