"""Keys are handled one after the other, each to its end, however fast they come.

Textual routes a key to the focused widget by posting it to that widget's queue and goes
straight on to the next key; the binding it triggers runs later, when the key has bubbled
back up to the app.  A burst (a fast typist, a paste, SSH delivering keys together) is
then routed before the first key has acted: `n3` sends the 3 to the tree, not to the
note box that `n` opens.  KeyOrder holds each key until the one before it is done:
handled by a priority binding, stopped by a widget (an input took it), or back at the
app and its binding run.
"""

from __future__ import annotations

from collections import deque

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.timer import Timer

GIVE_UP = 1.0  # seconds: a key lost on its way (a widget removed meanwhile) frees the next


class KeyOrder(App):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._keys_waiting: deque[events.Key | events.Paste] = deque()
        self._key_in_flight: events.Key | events.Paste | None = None
        self._give_up: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        # A paste (bracketed paste) waits its turn too: "n" then a paste is a note.
        if isinstance(event, (events.Key, events.Paste)):
            if not event.is_forwarded:
                if self._key_in_flight is not None or self._keys_waiting:
                    self._keys_waiting.append(event)
                    return
                await self._route(event)
                return
            await super().on_event(event)  # back at the app: its bindings run now
            if event is self._key_in_flight:
                self._key_done(event)
            return
        await super().on_event(event)

    async def _route(self, key: events.Key | events.Paste) -> None:
        self._key_in_flight = key
        target = self.focused or self.screen
        await super().on_event(key)
        if not key.is_forwarded:  # a priority binding took it
            self._key_done(key)
            return
        self._follow(target, key)
        self._give_up = self.set_timer(GIVE_UP, lambda: self._key_done(key))

    def _follow(self, node: MessagePump, key: events.Key | events.Paste) -> None:
        """After `node` has handled the key: stopped there, or on to its parent."""

        def check() -> None:
            if self._key_in_flight is not key:
                return
            parent = node._parent
            if key._stop_propagation or parent is None or not node.is_parent_active:
                self._key_done(key)
            elif parent is not self:
                self._follow(parent, key)
            # else: it is in the app's queue; on_event finishes it

        node.call_later(check)

    def _key_done(self, key: events.Key | events.Paste) -> None:
        if self._key_in_flight is not key:
            return
        self._key_in_flight = None
        if self._give_up is not None:
            self._give_up.stop()
            self._give_up = None
        if self._keys_waiting:
            self.call_later(self._next_key)

    async def _next_key(self) -> None:
        if self._key_in_flight is None and self._keys_waiting:
            await self._route(self._keys_waiting.popleft())
