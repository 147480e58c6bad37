"""What keeps a shared store safe: the writers' lock (and who holds it), leftover temp
files from crashed writers, plan keys that are safe as file names.  Backups and
restoring one: store/backups.py.  Writing any file: store/atomic.py.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from duban.store.atomic import make_dir, read_regular, write_file
from duban.store.messages import Said
from duban.store.storage import StoreError, store_lock


@dataclass
class Holder:
    """Who holds the store's write lock, as the lock file records it."""

    user: str
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        return f"{self.user} (pid {self.pid} on {self.host}, since {self.since})"


def holder_file(store: Path) -> Path:
    return store.with_name(store.name + ".lock.who")


def record_holder(store: Path, user: str) -> None:
    """Say who holds the lock, for a writer kept waiting (best effort: never fails a write)."""
    # The host's name as gethostname(2) gives it (uname's nodename): importing socket for it
    # cost every write 5 ms.
    info = {"user": user, "pid": os.getpid(), "host": os.uname().nodename,
            "since": datetime.now().astimezone().isoformat(timespec="seconds")}
    try:
        # Replaced, not rewritten: the last holder's file may belong to a colleague.
        write_file(holder_file(store), json.dumps(info).encode("utf-8"), sync=False)
    except OSError:
        pass


def read_holder(store: Path) -> Holder | None:
    try:
        info = json.loads(read_regular(holder_file(store), limit=4096).decode("utf-8"))
        return Holder(str(info["user"]), int(info["pid"]), str(info["host"]), str(info["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextmanager
def writers_lock(store: Path, plans_dir: Path, user: str, timeout: float) -> Iterator[None]:
    """Hold the store's writers' lock, waiting at most `timeout` seconds (then a StoreError
    naming who holds it); while held: say who holds it, refuse linked folders, and remove
    what a crashed writer left."""
    from duban.store.backups import backups_dir
    from duban.store.lockfile import LockTimeout

    try:
        make_dir(store.parent)
        lock = store_lock(store, timeout)
        lock.acquire()
    except LockTimeout:
        holder = read_holder(store)
        if holder is None:
            raise StoreError(Said("locked", "{path}: the store is locked; waited {seconds:g} s, try again",
                                  path=store, seconds=timeout)) from None
        raise StoreError(Said(
            "locked_by", "{path}: the store is locked by {user} (pid {pid} on {host}, since {since}); "
            "waited {seconds:g} s, try again", path=store, user=holder.user, pid=holder.pid,
            host=holder.host, since=holder.since, seconds=timeout)) from None
    except OSError as exc:
        raise StoreError(Said("cannot_lock", "{path}: cannot lock the store ({reason})", path=store,
                              reason=exc.strerror)) from None
    try:
        # The lock is an fcntl lock: the kernel drops it when its holder dies, so a
        # crashed writer never blocks anyone.  What it may leave is a temp file.
        record_holder(store, user)
        refuse_linked_folders(plans_dir, backups_dir(store))
        remove_stale_temps(store.parent, pattern=f".{store.name}.*.tmp")
        remove_stale_temps(plans_dir)
        yield
    finally:
        lock.release()


def remove_stale_temps(*folders: Path, older_than: float = 0.0, pattern: str = ".*.tmp") -> None:
    """Temp files a killed writer left behind.  Called with the lock held: the store's
    temp files are only made under the lock, so any found now belongs to a writer that
    died.  `pattern` keeps to the store's own (a report written beside it is not)."""
    now = time.time()
    for folder in folders:
        try:
            entries = list(folder.glob(pattern))
        except OSError:
            continue
        for path in entries:
            try:
                if now - path.lstat().st_mtime > older_than:
                    path.unlink()
            except OSError:
                pass


def refuse_linked_folders(*folders: Path) -> None:
    """The folders duban makes beside the store are never links: a colleague who swaps
    one for a link to your own folder would have you write your files over there."""
    for folder in folders:
        if folder.is_symlink():
            raise StoreError(Said("linked_folder", "{path}: is a symbolic link; duban does not write through links "
                                  "in a shared folder (replace it with a real folder)", path=folder))


__all__ = ["Holder", "holder_file", "make_dir", "read_holder", "record_holder", "remove_stale_temps"]
