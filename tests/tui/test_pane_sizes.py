"""Issue 9.9: panes sized by the space there is; the hierarchy never below half the
height when the detail is under it, and a tall terminal gives the detail more room."""

from __future__ import annotations

import pytest

from duban.tui.app.app import make_app
from duban.tui.settings.config import load_settings
from tests.tui.conftest import TODAY


@pytest.mark.parametrize("size", [(60, 16), (80, 20), (80, 24), (120, 40), (200, 50)])
async def test_hierarchy_keeps_half_and_nothing_overflows(store, size) -> None:
    width, height = size
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        tree, detail = (app.screen.query_one(f"#{p}").region for p in ("hierarchy", "detail"))
        body = height - 2
        assert tree.height >= body // 2, f"{size}: hierarchy {tree.height} rows of {body}"
        assert tree.height - 2 >= 4, "some items always show"
        assert detail.bottom <= height - 1 and tree.right <= width
        assert detail.height >= min(11, body // 2)
        if height >= 40:
            assert detail.height > 14, "a tall terminal gives the detail's history room"
            assert tree.height >= detail.height
