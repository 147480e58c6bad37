"""Times as a person reads them: the reader's local time, to the minute.  The rule lives
in store/author.py, where the store's own messages (an undo refused, a sign-off given
twice, a collect conflict) use it too."""

from __future__ import annotations

from duban.store.author import local_minute

__all__ = ["local_minute"]
