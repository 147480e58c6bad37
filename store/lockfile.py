"""The writers' lock on <store>.lock: flock(2), taken directly.

filelock takes the same kernel lock, but importing it costs ~25 ms (logging, hmac,
inspect, decimal): more than starting Python, on every `duban set`.  This opens the lock
file without following a link, leaves it in place on release (waiters share its inode),
and waits up to `timeout` seconds.  Where the filesystem has no flock (ENOSYS, ENOLCK:
some network mounts), it hands over to filelock, whose soft lock works there; every
duban on that filesystem does the same, so they still exclude each other.  A lock is
re-entrant within a thread, as filelock's is (another thread waits for it).  The kernel drops it when its holder dies.
"""

from __future__ import annotations

import errno
import os
import time
from _thread import get_ident

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

POLL = 0.05  # seconds between tries while another writer holds the lock
_BUSY = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK}
_NO_FLOCK = {errno.ENOSYS, errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL}
_held: dict[tuple[str, int], list[Any]] = {}  # (lock path, thread) → [fd or filelock lock, count]


class LockTimeout(Exception):
    """Another writer held the lock for the whole timeout."""


class StoreLock:
    def __init__(self, path: str, timeout: float, mode: int | None = None) -> None:
        self.path, self.timeout, self.mode = os.path.abspath(path), timeout, mode
        self._key = (self.path, 0)

    def acquire(self) -> None:
        self._key = (self.path, get_ident())  # released by the thread that took it
        held = _held.get(self._key)
        if held is not None:
            held[1] += 1
            return
        fd = self._open()
        deadline = time.monotonic() + max(0.0, self.timeout)
        import fcntl

        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno in _BUSY:
                    if time.monotonic() >= deadline:
                        os.close(fd)
                        raise LockTimeout(self.path) from None
                    time.sleep(POLL)
                    continue
                os.close(fd)
                if exc.errno in _NO_FLOCK:
                    _held[self._key] = [self._filelock(), 1]
                    return
                raise
        _held[self._key] = [fd, 1]

    def release(self) -> None:
        held = _held.get(self._key)
        if held is None:
            return
        held[1] -= 1
        if held[1]:
            return
        del _held[self._key]
        if isinstance(held[0], int):
            import fcntl

            try:
                fcntl.flock(held[0], fcntl.LOCK_UN)
            finally:
                os.close(held[0])
        else:
            held[0].release()

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _open(self) -> int:
        flags = os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(self.path, os.O_RDWR | flags, 0o644 if self.mode is None else self.mode)
        except PermissionError:  # a colleague's lock file we may not write: flock needs no write
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        if self.mode is not None:
            try:
                if os.fstat(fd).st_uid == os.geteuid():  # ours: group-writable whatever the umask
                    os.fchmod(fd, self.mode)
            except OSError:
                pass
        return fd

    def _filelock(self) -> Any:
        from filelock import FileLock, Timeout

        kwargs = {} if self.mode is None else {"mode": self.mode}
        lock = FileLock(self.path, timeout=self.timeout, **kwargs)
        try:
            lock.acquire()
        except Timeout:
            raise LockTimeout(self.path) from None
        return lock
