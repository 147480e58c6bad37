"""The one way duban writes a file, whoever else can write the folder.

A colleague in a shared group folder can plant a symlink under any name duban might
use, so: the temp file is made by `tempfile.mkstemp` in the target's folder (a random
name, O_CREAT|O_EXCL|O_NOFOLLOW), written, given its permissions on the open
descriptor, fsynced, and renamed over the target, which is replaced only when it is a
regular file (or absent).  A symlink, a folder or a read-only file is refused, never
followed or replaced; a character device or a FIFO (`--out /dev/stdout`, a pipe) is
written straight into when the caller allows it.  No temp file survives a failure.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def is_shared(folder: Path) -> bool:
    """A group-shared office folder (setgid): what duban makes there is group-writable."""
    try:
        return bool(os.stat(folder).st_mode & stat.S_ISGID)
    except OSError:
        return False


def new_file_mode(folder: Path) -> int:
    umask = os.umask(0)
    os.umask(umask)
    mode = 0o666 & ~umask
    return mode | 0o660 if is_shared(folder) else mode


def _read_only(path: Path, st: os.stat_result) -> bool:
    # Root may write anything: a file without any write bit is still meant to stay as it is.
    return not st.st_mode & 0o222 or not os.access(path, os.W_OK, follow_symlinks=False)


def _refuse(path: Path, code: int, why: str) -> OSError:
    return OSError(code, why, str(path))


def check_target(path: Path, streams: bool = False) -> os.stat_result | None:
    """What is at `path` now, if duban may write there: None (nothing), a regular file,
    or (with `streams`) a character device or FIFO.  Anything else is refused."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        if streams:
            try:
                target = os.stat(path)
            except OSError:
                target = None
            if target is not None and (stat.S_ISCHR(target.st_mode) or stat.S_ISFIFO(target.st_mode)):
                return target  # /dev/stdout and the like: written into, nothing is replaced
        raise _refuse(path, errno.ELOOP, "a symbolic link; duban does not write through links")
    if stat.S_ISDIR(st.st_mode):
        raise _refuse(path, errno.EISDIR, "a directory")
    if streams and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        return st
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(path, errno.EINVAL, "not a regular file; left as it is")
    if _read_only(path, st):
        raise _refuse(path, errno.EACCES, "a read-only file; left as it is")
    return st


def write_file(path: Path, data: bytes, *, mode: int | None = None, streams: bool = False,
               mtime_ns: int | None = None, sync: bool = True) -> None:
    """Replace `path` with `data` whole, or leave it as it was (OSError says why).

    mode: the new file's permissions (default: the old file's, else the umask's; in a
    shared folder always group read/write).  streams: write straight into a character
    device or FIFO instead of refusing it."""
    path = Path(path)
    st = check_target(path, streams)
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_stream(path, data)
        return
    staged = stage(path, data, mode=mode, old=st, mtime_ns=mtime_ns, sync=sync)
    staged.commit(sync)


class Staged:
    """A file written beside its target under a random name, not yet in place."""

    def __init__(self, path: Path, tmp: str) -> None:
        self.path, self.tmp = path, tmp

    def commit(self, sync: bool = True) -> None:
        try:
            check_target(self.path)  # planted while we wrote? then nothing is replaced
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise
        if sync:
            sync_dir(self.path.parent)

    def discard(self) -> None:
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def stage(path: Path, data: bytes, *, mode: int | None = None, old: os.stat_result | None = None,
          mtime_ns: int | None = None, sync: bool = True) -> Staged:
    """Write `data` to a new temp file beside `path` (see write_file); commit() puts it in place."""
    path = Path(path)
    folder = path.parent
    if old is None:
        old = check_target(path)
    if mode is None:
        mode = stat.S_IMODE(old.st_mode) if old is not None else new_file_mode(folder)
    if is_shared(folder):
        mode |= 0o660
    import tempfile  # only writers pay for it

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    staged = Staged(path, tmp)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fchmod(fd, mode)
            if mtime_ns is not None:
                os.utime(fd, ns=(mtime_ns, mtime_ns))
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        staged.discard()
        raise
    return staged


def _write_stream(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        st = os.fstat(fd)
        if not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):  # swapped since we looked
            raise _refuse(path, errno.EINVAL, "not a device or pipe any more; left as it is")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """A file's bytes, only if it is a regular file reached without a symlink."""
    fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(path, errno.EINVAL, "not a regular file")
        if limit is not None and st.st_size > limit:
            raise _refuse(path, errno.EFBIG, "too large")
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read()
    finally:
        os.close(fd)


def make_dir(path: Path) -> None:
    """Make a folder (and its missing parents); in a shared folder each one is setgid and
    group-writable, whatever the umask, with its mode set on the open folder."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            return
        if stat.S_ISLNK(st.st_mode) and os.path.isdir(path):
            return  # a store kept behind a link the user made is theirs to choose
        raise _refuse(path, errno.ENOTDIR, "not a folder")
    if path.parent != path:
        make_dir(path.parent)
    parent = os.stat(path.parent).st_mode
    try:
        os.mkdir(path, 0o777)
    except FileExistsError:
        return
    if parent & stat.S_ISGID:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | NOFOLLOW)
        try:
            os.fchmod(fd, 0o2770 | (parent & 0o005))
        except OSError:
            pass
        finally:
            os.close(fd)


def sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
