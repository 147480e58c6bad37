"""Issue 9.13: `?` explains every mark the panes use."""

from __future__ import annotations

from textual.widgets import Static

from duban.tui.app.screens.help import HelpScreen


async def test_help_has_a_legend(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one(Static).render())
        assert "图例" in text
        for mark in ("○ 未开始", "◐ 进行中", "● 已完成", "✕ 受阻", "! 已逾期", "~ 临近", "* 未写明时限", "+1", "统筹"):
            assert mark in text, mark
