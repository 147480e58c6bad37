"""Who writes, and when: the login a history entry is signed with, the display name
shown beside it, and the moment (local time with its offset, to the millisecond)."""

from __future__ import annotations

import os
from datetime import datetime


def login_user() -> str:
    """Who is writing: the login of the process's real uid.  The environment (USER,
    LOGNAME, DUBAN_USER) is the caller's to set, so it can never say who made a change."""
    import pwd

    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # no passwd entry in some containers
        return f"uid{uid}"


def display_name() -> str | None:
    """A name to show beside the login (DUBAN_USER), never instead of it."""
    name = os.environ.get("DUBAN_USER", "").strip()
    return name or None


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")
