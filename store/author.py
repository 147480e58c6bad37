"""Who writes, and when: the login a history entry is signed with, the display name
shown beside it, the moment (local time with its offset, to the millisecond) — and that
moment as a reader reads it.

History entries keep ISO 8601 with milliseconds and the writer's offset (and JSON output
keeps them so); a colleague in another zone, or a server on UTC, reads them in the local
zone of whoever is looking: `show`, `log`, the report and the store's own messages alike.
"""

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


def local_minute(at: str) -> str:
    """'2026-11-26T14:50:30.671+00:00' → '2026-11-26 22:50' (in the reader's zone)."""
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return (at or "")[:16].replace("T", " ")  # not ISO: show what is there
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def local_day(at: str) -> str:
    """The reader's calendar day of a history time, ISO ('2026-11-26'): the day `show`
    prints it on, so the day `log --since`, `report --since` and 'done on' judge it by."""
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return (at or "")[:10]
    return (moment.astimezone() if moment.tzinfo is not None else moment).date().isoformat()
