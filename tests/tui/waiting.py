"""Wait for what a user would wait for: a condition on the screen or in the store, with a
deadline.  A fixed pause is either longer than needed or, on a loaded machine, too short."""

from __future__ import annotations

import time
from collections.abc import Callable


async def until(pilot, condition: Callable[[], object], what: str = "", timeout: float = 15.0) -> None:  # noqa: ANN001
    """Let the app run until `condition()` holds; fail, saying what was awaited, after `timeout` s."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:g} s: {what or condition}")
        await pilot.pause(0.05)


def palette_listed(app) -> bool:  # noqa: ANN001
    """The command palette is open and has listed what matches what was typed."""
    from textual.command import CommandList, CommandPalette

    if not isinstance(app.screen, CommandPalette):
        return False
    lists = app.screen.query(CommandList)
    return bool(lists) and lists.first().option_count > 0
