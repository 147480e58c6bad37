"""Issue 9.22: a toast over the panes keeps every wide character, wherever the panes'
edges fall under it (the compositor cuts lines at every widget's edge)."""

from __future__ import annotations

import pytest

from duban.tui.app.app import make_app
from duban.tui.settings.config import load_settings
from tests.tui.conftest import TODAY
from tests.tui.waiting import until

MESSAGE = "存储已被其他人更新，已刷新：区发展和改革局、区财政局、区卫健委"


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (81, 24), (120, 40), (121, 40), (200, 50)])
async def test_toast_text_whole_over_pane_edges(store, size) -> None:
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        for shift in ("", "x", "xx"):  # the toast's left edge at odd and even columns
            app.clear_notifications()
            app.notify(shift + MESSAGE, markup=False, timeout=30)
            await until(pilot, lambda: "存储已被" in screen_text(app).replace("\n", "").replace(" ", ""), "the toast drawn")
            flat = screen_text(app).replace("\n", "").replace(" ", "").replace("▌", "").replace("│", "")
            for word in ("存储已被其他人更新", "区发展和改革局", "区财政局", "区卫健委"):
                assert word in flat or word[:4] in flat and word[-3:] in flat, f"{size} {shift!r}: {word}"
