"""Which store files this user has already checked (store/validate.py), so that a quick
`duban ls` on 50,000 items does not pay ~100 ms to check documents that have not
changed since the last command.

A file is known by what it was when it was read: device, inode, size, modification and
change time (ctime cannot be set back by a user, so an edit, a replace or a restore
always makes it new).  The record lives in the user's own cache folder
($XDG_CACHE_HOME/duban, else ~/.cache/duban), never in the shared store folder: a
colleague cannot vouch for a file on your behalf.  Losing it costs one check per file.
"""

from __future__ import annotations

import atexit
import json
import os
from pathlib import Path

VERSION = 1  # bump when the checks change: every file is checked again


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "duban" / "checked.json"


def identity(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


class _Record:
    def __init__(self) -> None:
        self._known: dict[str, list[int]] | None = None
        self._dirty = False
        self._file: Path | None = None

    def _load(self) -> dict[str, list[int]]:
        if self._known is None:
            self._file = _cache_file()  # chosen once: saved where it was read
            try:
                data = json.loads(self._file.read_bytes())
                ok = isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("files"), dict)
                self._known = data["files"] if ok else {}
            except (OSError, ValueError):
                self._known = {}
        return self._known

    def seen(self, path: Path, st: os.stat_result | None) -> bool | None:
        """None: not checked as it is now; else whether it holds text to clean."""
        if st is None:
            return None
        entry = self._load().get(str(path.absolute()))
        return bool(entry[-1]) if isinstance(entry, list) and entry[:-1] == identity(st) else None

    def remember(self, path: Path, st: os.stat_result | None, unclean: bool) -> None:
        if st is None:
            return
        known = self._load()
        entry = [*identity(st), int(unclean)]
        key = str(path.absolute())
        if known.get(key) != entry:
            if not self._dirty:
                atexit.register(self.save)
            known[key] = entry
            self._dirty = True

    def save(self) -> None:
        """Best effort, atomic: a cache that cannot be written only costs time."""
        if not self._dirty or self._known is None:
            return
        self._dirty = False
        from duban.store.atomic import write_file

        target = self._file or _cache_file()
        known = dict(list(self._known.items())[-2000:])  # bounded: the stores of one user
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # The user's own record: private, and not worth an fsync.
            write_file(target, json.dumps({"version": VERSION, "files": known}).encode("utf-8"), mode=0o600, sync=False)
        except OSError:
            pass

    def forget(self) -> None:
        """For tests: read the record afresh (another process may have written it)."""
        self._known, self._dirty = None, False


RECORD = _Record()
