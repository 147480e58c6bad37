"""Times as a person reads them: the reader's local time, to the minute.

History entries keep ISO 8601 with milliseconds and the writer's offset (and JSON output
keeps them so); a colleague in another zone, or a server on UTC, reads them here in
the local zone of whoever is looking.
"""

from __future__ import annotations

from datetime import datetime


def local_minute(at: str) -> str:
    """'2026-11-26T14:50:30.671+00:00' → '2026-11-26 22:50' (in the reader's zone)."""
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return (at or "")[:16].replace("T", " ")  # not ISO: show what is there
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")
