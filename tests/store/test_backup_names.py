"""A backup folder's name is its time (STAMP); reading it back is exact, and any other
name in the backups folder is not a backup (never pruned, never restored)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from duban.store.backups import STAMP, stamp_time


def test_every_stamp_reads_back_as_the_time_it_was_written_for() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        moment = datetime(2000, 1, 1) + timedelta(seconds=rng.randrange(10**9), microseconds=rng.randrange(10**6))
        assert stamp_time(moment.strftime(STAMP)) == moment


@pytest.mark.parametrize("name", ["20261301-000000-000000", "2026010-1000000-000000", "20260101-000000-00000",
                                  "２0260101-000000-000000", "20260101_000000-000000", "20260231-000000-000000",
                                  "20260101-000000-000000.tmp", ""])
def test_other_names_are_not_backups(name: str) -> None:
    assert stamp_time(name) is None
