"""TinyDB storage on JSON files that survives other processes and crashes.

TinyDB's JSONStorage keeps a handle open, writes in place and reads in the locale's
encoding; none of that survives a second process.  Here every read opens the file
afresh as UTF-8, and every write goes through duban.store.atomic (a random temp file in the
same folder, fsynced, the old file's permissions, os.replace over a regular file only,
then the folder fsynced).  `Transaction` wraps it (TinyDB's middleware shape): one read and
at most one write per unit of work, under an inter-process lock.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

from duban.store import validate
from duban.store.messages import Said

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

# 1: one file with plans and items.  2: an index file (plans) and one file per plan.
SCHEMA_VERSION = 2
META_TABLE = "_meta"


class StoreError(Exception):
    """The store cannot be used: one line for the user, with the path."""


class StoreDamaged(StoreError):
    """The store's files cannot be read as a store (not a busy lock, not a full disk):
    the one case where restoring a backup is the way out."""


def parse(raw: bytes, path: Path, st: os.stat_result | None = None) -> dict[str, Any] | None:
    """A store file's bytes as its tables (None when blank), or StoreDamaged: every
    document checked (one line naming file, item and field) and its text terminal-safe
    (store/validate.py; `st`, the file's identity when read, spares a second check)."""
    if not raw or raw.isspace():  # not strip(): it would copy every byte of the file
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else 1
        raise StoreDamaged(Said("not_json", "{path}: not valid JSON (line {line}); the file was left untouched",
                                path=path, line=line)) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StoreDamaged(Said("not_ours", "{path}: not a duban store; the file was left untouched", path=path))
    check_version(data, path)
    return validate.checked(data, raw, path, st)


def check_version(data: dict[str, Any], path: Path) -> int:
    """The store's schema version; a foreign or newer file is refused, never touched."""
    meta = data.get(META_TABLE, {}).get("1", {})
    version = meta.get("schema")
    if not isinstance(version, int):
        raise StoreDamaged(Said("not_ours", "{path}: not a duban store (no schema version); it was left untouched", path=path))
    if version > SCHEMA_VERSION:
        raise StoreError(Said(  # not damage: a colleague's newer duban; restoring would undo their work
            "newer_schema", "{path}: written by a newer duban (store schema {version}, this one knows {known}); "
            "upgrade duban — the file was left untouched", path=path, version=version, known=SCHEMA_VERSION))
    return version


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps builds one per call


def dumps(data: dict[str, Any]) -> str:
    """JSON with one document per line: UTF-8 as-is, readable in an editor, quick to write."""
    out = ["{"]
    tables = list(data.items())
    for t, (name, docs) in enumerate(tables):
        out.append(f"{json.dumps(name)}: {{")
        rows = list(docs.items())
        for i, (doc_id, doc) in enumerate(rows):
            comma = "," if i < len(rows) - 1 else ""
            out.append(f"{_ENCODE(doc_id)}: {_ENCODE(doc)}{comma}")
        out.append("}," if t < len(tables) - 1 else "}")
    out.append("}")
    return "\n".join(out) + "\n"


class AtomicJSONStorage:
    """The store file: read fresh on every read, replaced atomically on every write.
    A TinyDB storage by its shape (read, write, close): a reader need not import TinyDB."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path if isinstance(path, Path) else Path(path)  # a Path is not parsed again

    def read(self) -> dict[str, Any] | None:
        try:
            with open(self.path, "rb", buffering=0) as fh:  # unbuffered: readall sizes one read by fstat
                st = os.fstat(fh.fileno())  # the file read, even if it is replaced meanwhile
                raw = fh.readall()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise StoreDamaged(Said("is_dir", "{path}: is a directory, expected a store file", path=self.path)) from None
        except PermissionError:
            raise StoreError(Said("denied", "{path}: permission denied", path=self.path)) from None
        except NotADirectoryError:  # e.g. store.plans is a file
            raise StoreDamaged(Said("parent_not_dir", "{path}: cannot be read: {folder} is not a folder",
                                    path=self.path, folder=self.path.parent)) from None
        except OSError as exc:
            raise StoreError(Said("cannot_read", "{path}: cannot be read ({reason})", path=self.path,
                                  reason=exc.strerror)) from None
        return parse(raw, self.path, st)

    def write(self, data: dict[str, Any]) -> None:
        from duban.store.atomic import make_dir, write_file  # only writers need it

        meta = dict(data.get(META_TABLE, {}).get("1", {}), schema=SCHEMA_VERSION)
        data = {META_TABLE: {"1": meta}, **{k: v for k, v in data.items() if k != META_TABLE}}
        payload = dumps(data).encode("utf-8")
        try:
            make_dir(self.path.parent)
            write_file(self.path, payload)
        except OSError as exc:
            reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror
            raise StoreError(Said("cannot_write", "{path}: cannot write ({reason}); the store is unchanged", path=self.path,
                                  reason=reason)) from None

    def close(self) -> None:
        pass


class Transaction:
    """Read the file once, keep TinyDB's writes in memory, write once on commit.
    A TinyDB middleware by its shape (tinydb.middlewares.Middleware's protocol)."""

    def __init__(self, storage_cls: type[AtomicJSONStorage] = AtomicJSONStorage) -> None:
        self._storage_cls = storage_cls
        self.storage: AtomicJSONStorage = None  # type: ignore[assignment]  # made when TinyDB calls us
        self.cache: dict[str, Any] | None = None
        self.dirty = False

    def __call__(self, *args: Any, **kwargs: Any) -> Transaction:
        """TinyDB calls its storage class with the path: make the real storage then."""
        self.storage = self._storage_cls(*args, **kwargs)
        return self

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["storage"], name)

    def read(self) -> dict[str, Any] | None:
        if self.cache is None:
            self.cache = self.storage.read() or {}
        return self.cache

    def write(self, data: dict[str, Any]) -> None:
        self.cache = data
        self.dirty = True

    def commit(self) -> None:
        if self.dirty and self.cache is not None:
            self.storage.write(self.cache)
            self.dirty = False

    def close(self) -> None:
        self.storage.close()


def store_lock(path: Path, timeout: float) -> Any:
    """The writers' lock (store/lockfile.py: flock, without filelock's 25 ms import)."""
    from duban.store.lockfile import StoreLock

    lock = Path(str(path) + ".lock")
    if lock.is_symlink():  # opened with O_NOFOLLOW too: a planted link is an error, never followed
        raise OSError(errno.ELOOP, "the lock file is a symbolic link; duban does not open links", str(lock))
    if path.parent.exists() and path.parent.stat().st_mode & stat.S_ISGID:
        # A shared office folder: colleagues must be able to open the lock file too.
        return StoreLock(str(path) + ".lock", timeout=timeout, mode=0o664)
    return StoreLock(str(path) + ".lock", timeout=timeout)


__all__ = ["AtomicJSONStorage", "StoreDamaged", "StoreError", "parse", "Transaction", "check_version", "store_lock", "SCHEMA_VERSION"]
