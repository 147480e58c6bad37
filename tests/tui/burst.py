"""Keys as a fast typist, a paste or a slow SSH link deliver them: all at once.

Pilot's press() waits for the app to go idle after every key; here every key event is
handed to the driver first and only then does the app get to run."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key


def key_event(key: str) -> events.Key:
    if len(key) == 1:
        return events.Key(_character_to_key(key), key)
    return events.Key(key, None)


async def burst(pilot, *keys: str) -> None:
    """Each argument is a key name (enter, ctrl+p) or a run of characters ("n3月")."""
    app = pilot.app
    for chunk in keys:
        names = [chunk] if len(chunk) > 1 and (chunk.isascii() and ("+" in chunk or chunk in NAMED)) else list(chunk)
        for name in names:
            event = key_event(name)
            event.set_sender(app)
            app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


NAMED = {"enter", "escape", "space", "tab", "backspace", "up", "down", "left", "right", "pageup", "pagedown"}
