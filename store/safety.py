"""What keeps a shared store safe: the writers' lock (and who holds it), leftover temp
files from crashed writers, rolling backups and restoring one.

Backups are copies, not hard links: duban replaces files whole, but an editor or a
shell redirection may write the store in place, and a link would be damaged with it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

BACKUPS_KEPT = 20
BACKUP_DIR = "backups"


@dataclass
class Holder:
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
    info = {"user": user, "pid": os.getpid(), "host": socket.gethostname(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds")}
    target = holder_file(store)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # Replaced, not rewritten: the last holder's file may belong to a colleague.
        tmp.write_text(json.dumps(info), encoding="utf-8")
        if shared_dir_mode(store.parent) is not None:
            os.chmod(tmp, 0o664)
        os.replace(tmp, target)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def read_holder(store: Path) -> Holder | None:
    try:
        info = json.loads(holder_file(store).read_text(encoding="utf-8"))
        return Holder(str(info["user"]), int(info["pid"]), str(info["host"]), str(info["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_stale_temps(*folders: Path, older_than: float = 0.0) -> None:
    """Temp files a killed writer left behind.  Called with the lock held: temp files
    are only made under the lock, so any found now belongs to a writer that died."""
    now = time.time()
    for folder in folders:
        try:
            entries = list(folder.glob(".*.tmp"))
        except OSError:
            continue
        for path in entries:
            try:
                if now - path.stat().st_mtime > older_than:
                    path.unlink()
            except OSError:
                pass


def shared_dir_mode(parent: Path) -> int | None:
    """A folder made inside a group-shared (setgid) folder is group-writable too."""
    try:
        st = parent.stat()
    except OSError:
        return None
    if st.st_mode & stat.S_ISGID:
        return 0o2770 | (st.st_mode & 0o005)
    return None


def make_dir(path: Path) -> None:
    if path.is_dir():
        return
    mode = shared_dir_mode(path.parent)
    path.mkdir(parents=True, exist_ok=True)
    if mode is not None:
        try:
            os.chmod(path, mode)
        except OSError:
            pass


@dataclass
class Backup:
    number: int  # 1 is the newest
    path: Path
    taken: datetime
    files: int
    size: int


def backups_dir(store: Path) -> Path:
    return store.parent / BACKUP_DIR


def _store_files(store: Path, plans_dir: Path) -> list[Path]:
    files = [store] if store.exists() else []
    if plans_dir.is_dir():
        files += sorted(p for p in plans_dir.glob("*.json"))
    return files


def take_backup(store: Path, plans_dir: Path, keep: int = BACKUPS_KEPT) -> Path | None:
    """Keep the store as it is now in backups/<stem>-<time>/, and only the newest `keep`."""
    files = _store_files(store, plans_dir)
    if not files:
        return None
    folder = backups_dir(store)
    make_dir(folder)
    for half_made in folder.glob(".*.partial"):  # a writer killed while backing up
        shutil.rmtree(half_made, ignore_errors=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store.stem}-{stamp}"
    staging = folder / f".{target.name}.partial"
    make_dir(staging)
    for src in files:
        rel = src.name if src == store else f"{plans_dir.name}/{src.name}"
        dest = staging / rel
        dest.parent.mkdir(exist_ok=True)
        shutil.copy2(src, dest)
    os.replace(staging, target)  # a backup appears whole or not at all
    for old in list_backups(store)[keep:]:
        shutil.rmtree(old.path, ignore_errors=True)
    return target


def list_backups(store: Path) -> list[Backup]:
    folder = backups_dir(store)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{store.stem}-*"):
        if not path.is_dir():
            continue
        try:
            taken = datetime.strptime(path.name[len(store.stem) + 1:], "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue
        files = [p for p in path.rglob("*.json")]
        found.append((taken, path, len(files), sum(p.stat().st_size for p in files)))
    found.sort(reverse=True)
    return [Backup(n, path, taken, count, size) for n, (taken, path, count, size) in enumerate(found, 1)]


def restore_files(backup: Backup, store: Path, plans_dir: Path) -> None:
    """Put a backup's files in place: plan files first, the index last (each atomically)."""
    make_dir(plans_dir)
    wanted = set()
    source_plans = backup.path / plans_dir.name
    for src in sorted(source_plans.glob("*.json")) if source_plans.is_dir() else []:
        wanted.add(src.name)
        _copy_atomic(src, plans_dir / src.name)
    index = backup.path / store.name
    if not index.exists():
        raise FileNotFoundError(index)
    _copy_atomic(index, store)
    for extra in plans_dir.glob("*.json"):
        if extra.name not in wanted:
            extra.unlink()


def _copy_atomic(src: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.restore.tmp")
    shutil.copyfile(src, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)


def loads_cleanly(path: Path, check: Any) -> bool:
    try:
        check(path)
        return True
    except Exception:  # noqa: BLE001 - any failure means "not a good backup"
        return False
