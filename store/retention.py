"""How many backups a write keeps: a setting every command builds and only writers read
(store/backups.py), kept apart so that a quick read does not import the backups.  A named
tuple, not a dataclass: two numbers, immutable, and a third of the cost to define."""

from __future__ import annotations

from collections import namedtuple

# kept: the last N write sessions; days: and the newest backup of each of the last D days.
Retention = namedtuple("Retention", ["kept", "days"], defaults=[20, 14])
