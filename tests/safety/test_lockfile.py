"""The writers' lock (store/lockfile.py) is the kernel's flock on <store>.lock, the lock
filelock takes too, without importing filelock (25 ms on every write): it excludes a
filelock holder and is excluded by one, waits out its timeout, re-enters within a
thread, makes another thread wait, never follows a planted link, and leaves a shared
folder's lock file group-writable."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from duban.store.lockfile import LockTimeout, StoreLock
from duban.store.storage import store_lock


def test_filelock_and_storelock_exclude_each_other(tmp_path: Path) -> None:
    path = str(tmp_path / "store.json.lock")
    with FileLock(path):
        with pytest.raises(LockTimeout):
            StoreLock(path, timeout=0.2).acquire()
    with StoreLock(path, timeout=1):
        with pytest.raises(Exception, match="(?i)timeout|could not be acquired"):
            FileLock(path, timeout=0.2).acquire()
    with FileLock(path, timeout=1):  # released: free again
        pass


def test_another_process_waits_for_the_lock(tmp_path: Path) -> None:
    path = str(tmp_path / "store.json.lock")
    code = ("import sys, time; from duban.store.lockfile import StoreLock, LockTimeout\n"
            "l = StoreLock(sys.argv[1], timeout=float(sys.argv[2]))\n"
            "t = time.monotonic()\n"
            "try:\n    l.acquire()\nexcept LockTimeout:\n    print('timeout'); sys.exit(0)\n"
            "print('got', round(time.monotonic() - t, 1))")
    lock = StoreLock(path, timeout=1)
    lock.acquire()
    try:
        out = subprocess.run([sys.executable, "-c", code, path, "0.3"], capture_output=True, text=True, timeout=30)
        assert out.stdout.strip() == "timeout", out.stderr
        waiter = subprocess.Popen([sys.executable, "-c", code, path, "20"], stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)
    finally:
        lock.release()
    assert waiter.communicate(timeout=30)[0].startswith("got")


def test_reentrant_in_a_thread_and_exclusive_between_threads(tmp_path: Path) -> None:
    path = str(tmp_path / "store.json.lock")
    outer, inner = StoreLock(path, 1), StoreLock(path, 1)
    outer.acquire()
    inner.acquire()  # the same thread: no wait
    inner.release()
    got = []
    other = threading.Thread(target=lambda: got.append(_try(path, 0.2)))
    other.start()
    other.join()
    assert got == ["timeout"], "another thread took a lock this thread holds"
    outer.release()
    other = threading.Thread(target=lambda: got.append(_try(path, 1)))
    other.start()
    other.join()
    assert got[-1] == "got"


def _try(path: str, timeout: float) -> str:
    lock = StoreLock(path, timeout)
    try:
        lock.acquire()
    except LockTimeout:
        return "timeout"
    lock.release()
    return "got"


def test_a_planted_link_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (tmp_path / "store.json.lock").symlink_to(victim)
    with pytest.raises(OSError):
        store_lock(tmp_path / "store.json", 1).acquire()
    with pytest.raises(OSError):
        StoreLock(str(tmp_path / "store.json.lock"), 1).acquire()
    assert victim.read_text() == "keep"


def test_a_shared_folders_lock_file_is_group_writable(tmp_path: Path) -> None:
    shared = tmp_path / "office"
    shared.mkdir()
    os.chmod(shared, 0o2775)
    old = os.umask(0o077)
    try:
        with store_lock(shared / "store.json", 1):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE((shared / "store.json.lock").stat().st_mode) == 0o664
