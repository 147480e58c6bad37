"""Shipped TOML data (the label catalogue, the vocabularies) read once per change, not
once per command: the parsed data is kept as JSON in the user's cache folder
($XDG_CACHE_HOME/duban, else ~/.cache/duban), known by the source files' paths, sizes and
modification times.  A quick `duban ls` then reads one small JSON file instead of
importing tomli and parsing thirteen TOML files (issue 11 §7).

A cache that is missing, stale, damaged or unwritable only costs the parse: the data is
always what the TOML files say.  Data JSON cannot hold as it is (a TOML date) is never cached.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

VERSION = 1  # bump when what is built from the files changes


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "duban"


def stamp(sources: Sequence[Path]) -> list[Any] | None:
    """What the sources are now; None when one cannot be looked at (then nothing is cached)."""
    try:
        return [VERSION, *([str(p), st.st_size, st.st_mtime_ns] for p in sources for st in (os.stat(p),))]
    except OSError:
        return None


def cached(name: str, sources: Sequence[Path], build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """`build()`'s data, from the cache when `sources` are as they were when it was built.
    An error in `build` (a bad TOML file) passes through, and nothing is cached."""
    now = stamp(sources)
    # One file per installation (two venvs of one user would otherwise replace each other's).
    where = zlib.crc32(os.fsencode(os.path.dirname(os.path.abspath(sources[0])))) if sources else 0
    target = cache_folder() / f"data-{name}-{where:08x}.json"
    if now is not None:
        try:
            kept = json.loads(target.read_bytes())
            if isinstance(kept, dict) and kept.get("stamp") == now and isinstance(kept.get("data"), dict):
                return kept["data"]
        except (OSError, ValueError):
            pass
    data = build()
    if now is not None:
        _save(target, now, data)
    return data


def _save(target: Path, now: list[Any], data: dict[str, Any]) -> None:
    """Best effort, private to the user, no fsync: losing it costs one parse.  Written at
    exit, as the record of checked files is (store/checked.py), through the one writer."""
    try:
        text = json.dumps({"stamp": now, "data": data}, ensure_ascii=False)
    except (TypeError, ValueError):  # a date or a time: kept only in the TOML
        return
    if json.loads(text)["data"] != data:
        return
    if not _PENDING:
        import atexit

        atexit.register(save_pending)
    _PENDING[target] = text.encode("utf-8")


_PENDING: dict[Path, bytes] = {}


def save_pending() -> None:
    """Write the caches built in this process (at exit; tests call it at once)."""
    while _PENDING:
        _write(*_PENDING.popitem())


def _write(target: Path, data: bytes) -> None:
    from duban.store.atomic import write_file

    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_file(target, data, mode=0o600, sync=False)
    except OSError:
        pass
