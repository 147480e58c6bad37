"""How many backups a write keeps: a setting every command builds and only writers read
(store/backups.py), kept apart so that a quick read does not import the backups."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Retention:
    """How many backups a write keeps (the config's backups_kept / backup_days)."""

    kept: int = 20  # the last N write sessions
    days: int = 14  # and the newest backup of each of the last D days
