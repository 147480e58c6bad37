"""Rolling backups beside the store, and putting one back.

Before each write session the store's files are kept in backups/<stem>-<time>/.  A
file unchanged since the previous backup (same size and modification time: duban
replaces files whole, and a copy keeps the time) is a hard link to that backup's copy.
A file the session is about to replace is linked too, just before it is replaced: that
inode leaves the store a moment later and is the backup's alone.  Only a file changed
since the last backup and staying in the store is copied: a live file is never left
shared with a backup, as an editor writing it in place would change both.
Kept: the last `kept` sessions and the newest of each of the last `days` days.  A
backup dated in the future (a wrong clock, or planted) is listed as suspicious and
never taken for the newest.  Everything here runs under the writers' lock.
Restoring one: store/restore.py.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from duban.store.atomic import NOFOLLOW, is_shared, make_dir
from duban.store.retention import Retention

BACKUP_DIR = "backups"
STAMP = "%Y%m%d-%H%M%S-%f"
CLOCK_SLACK = timedelta(minutes=5)  # hosts sharing a folder may disagree a little


@dataclass
class Backup:
    """One backup folder of the store, as `duban restore --list` shows it."""

    number: int  # 1 is the newest
    path: Path
    taken: datetime
    files: int | None = None  # None: could not be read
    size: int | None = None
    suspicious: bool = False  # dated in the future

    @property
    def readable(self) -> bool:
        return self.files is not None


def backups_dir(store: Path) -> Path:
    return store.parent / BACKUP_DIR


def stamp_time(text: str) -> datetime | None:
    """A folder's STAMP read back, None for any other name.  Not strptime: its first call
    imports and compiles what costs a write 4 ms, for a format that is always 22 digits
    and dashes (as strftime writes it)."""
    digits = text[:8] + text[9:15] + text[16:]
    if len(text) != 22 or text[8] != "-" or text[15] != "-" or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return datetime(int(text[:4]), int(text[4:6]), int(text[6:8]), int(text[9:11]), int(text[11:13]),
                        int(text[13:15]), int(text[16:]))
    except ValueError:  # a month 13, a day 32
        return None


def _entries(store: Path) -> list[tuple[datetime, Path]]:
    """Every backup by its name alone (no stat): what pruning and numbering need."""
    folder = backups_dir(store)
    prefix = f"{store.stem}-"
    found = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.name.startswith(prefix):
                    taken = stamp_time(entry.name[len(prefix):])
                    if taken is not None:
                        found.append((taken, Path(entry.path)))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return found


def _split(entries: list[tuple[datetime, Path]], now: datetime) -> tuple[list, list]:
    """(dated in the past, newest first), (dated in the future, newest first)."""
    entries = sorted(entries, reverse=True)
    return [e for e in entries if e[0] <= now + CLOCK_SLACK], [e for e in entries if e[0] > now + CLOCK_SLACK]


def list_backups(store: Path, details: bool = True) -> list[Backup]:
    past, future = _split(_entries(store), datetime.now())
    out = [Backup(n, path, taken, suspicious=n > len(past)) for n, (taken, path) in enumerate(past + future, 1)]
    if details:
        for backup in out:
            _measure(backup)
    return out


def _measure(backup: Backup) -> None:
    """Count a backup's files; one that cannot be read (a colleague's umask) stays None."""
    files = size = 0
    try:
        if not stat.S_ISDIR(os.lstat(backup.path).st_mode):
            return
        folders = [backup.path]
        while folders:
            with os.scandir(folders.pop()) as listing:
                for entry in listing:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(Path(entry.path))
                    elif entry.name.endswith(".json"):
                        files += 1
                        size += entry.stat(follow_symlinks=False).st_size
    except OSError:
        return
    backup.files, backup.size = files, size


def _live_files(store: Path, plans_dir: Path) -> list[tuple[str, Path, os.stat_result]]:
    """The store's regular files now (a link is never followed into a backup)."""
    found = []
    for rel, path in [(store.name, store)] + plan_paths(plans_dir):
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found.append((rel, path, st))
    return found


def plan_paths(plans_dir: Path) -> list[tuple[str, Path]]:
    try:
        with os.scandir(plans_dir) as listing:
            return sorted((f"{plans_dir.name}/{e.name}", Path(e.path)) for e in listing if e.name.endswith(".json"))
    except OSError:
        return []


def take_backup(store: Path, plans_dir: Path, retention: Retention = Retention(),
                protect: frozenset[Path] = frozenset(), replacing: frozenset[Path] = frozenset()) -> Path | None:
    """Keep the store as it is now; prune what the retention lets go (never `protect`).
    `replacing`: live files this session is about to replace whole; their current inode
    is about to become the backup's alone, so it is linked rather than copied."""
    import shutil
    import tempfile

    live = _live_files(store, plans_dir)
    if not live:
        return None
    folder = backups_dir(store)
    make_dir(folder)
    entries = _entries(store)
    with os.scandir(folder) as listing:  # a writer killed while backing up left these
        for entry in listing:
            if entry.name.startswith(".") and entry.name.endswith(".partial"):
                shutil.rmtree(entry.path, ignore_errors=True)
    now = datetime.now()
    past, _ = _split(entries, now)
    previous = past[0][1] if past and _is_real_dir(past[0][1]) else None  # never through a planted link
    staging = Path(tempfile.mkdtemp(prefix=f".{store.stem}-", suffix=".partial", dir=folder))
    try:
        _set_folder_mode(staging, folder)
        for rel, src, st in live:
            dest = staging / rel
            if dest.parent != staging and not dest.parent.exists():
                make_dir(dest.parent)
            if previous and _link_unchanged(previous / rel, dest, st):
                continue
            if src in replacing and _link_same(src, dest, st.st_ino):
                continue
            _copy(src, dest, st, is_shared(folder))
        target = folder / f"{store.stem}-{now.strftime(STAMP)}"
        os.rename(staging, target)  # a backup appears whole or not at all
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    prune(entries + [(now, target)], retention, protect | {target}, now)
    return target


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _set_folder_mode(path: Path, parent: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    mode = 0o2770 | (os.stat(parent).st_mode & 0o005) if is_shared(parent) else 0o777 & ~umask
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | NOFOLLOW)
    try:
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _link_unchanged(previous: Path, dest: Path, st: os.stat_result) -> bool:
    """Share the previous backup's copy when the live file has not changed since."""
    try:
        old = os.lstat(previous)
    except OSError:
        return False
    if not (stat.S_ISREG(old.st_mode) and old.st_size == st.st_size and old.st_mtime_ns == st.st_mtime_ns):
        return False
    return _link_same(previous, dest, old.st_ino)


def _link_same(src: Path, dest: Path, inode: int) -> bool:
    """A hard link to `src`, made only if it is still the regular file `inode` (never a link)."""
    try:
        os.link(src, dest, follow_symlinks=False)
    except OSError:
        return False
    try:
        st = os.lstat(dest)
        if st.st_ino == inode and stat.S_ISREG(st.st_mode):
            return True
        os.unlink(dest)  # swapped in between: copy instead
    except OSError:
        pass
    return False


def _copy(src: Path, dest: Path, st: os.stat_result, shared: bool) -> None:
    fd_in = os.open(src, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    try:
        st_in = os.fstat(fd_in)
        if not stat.S_ISREG(st_in.st_mode):
            return
        mode = stat.S_IMODE(st_in.st_mode) & 0o666 | (0o660 if shared else 0o600)
        fd_out = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, mode)
        try:
            os.fchmod(fd_out, mode)
            offset, left = 0, st_in.st_size
            while left > 0:
                sent = os.sendfile(fd_out, fd_in, offset, left)
                if sent == 0:
                    break
                offset, left = offset + sent, left - sent
            os.utime(fd_out, ns=(st_in.st_atime_ns, st_in.st_mtime_ns))
        finally:
            os.close(fd_out)
    finally:
        os.close(fd_in)


def prune(entries: list[tuple[datetime, Path]], retention: Retention, protect: frozenset[Path] | set[Path],
          now: datetime) -> None:
    """Keep the last `kept` and the newest of each of the last `days` days; leave the
    future-dated (suspicious) ones for a person to look at."""
    import shutil

    past, _ = _split(entries, now)
    keep = {path for _, path in past[:retention.kept]} | set(protect)
    first_day = now.date() - timedelta(days=retention.days - 1)
    days = set()
    for taken, path in past:
        if taken.date() >= first_day and taken.date() not in days:
            days.add(taken.date())
            keep.add(path)
    for _, path in past:
        if path not in keep:
            shutil.rmtree(path, ignore_errors=True)  # a colleague's unremovable one stays
