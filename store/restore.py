"""Putting a backup back: the whole backup is read and checked first (regular files
only, no links, the index and every plan file it lists present and loadable), then
every file is written beside its target and renamed in, plan files before the index.
Runs under the writers' lock (store/repository.py)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from duban.store.atomic import check_target, make_dir, read_regular, stage
from duban.store.backups import Backup, list_backups, plan_paths
from duban.store.messages import Said
from duban.store.storage import StoreError, parse


@dataclass
class BackupFiles:
    """A backup read whole and checked: the index's bytes and each plan file's."""

    index: bytes
    plans: dict[str, bytes] = field(default_factory=dict)


def _bad(path: Path, reason: str) -> StoreError:
    return StoreError(Said("backup_unusable", "{path}: cannot restore this backup ({reason}); nothing was changed",
                           path=path, reason=reason))


def read_backup(path: Path, store_name: str, plans_name: str) -> BackupFiles:
    """The whole backup, checked before anything is written: regular files only (no
    links), the index and every plan file it lists present, each loadable."""
    from duban.store.model import Item, Plan
    from duban.store.transaction import check_key

    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            raise _bad(path, "not a folder")
        folders = [path]
        while folders:
            folder = folders.pop()
            with os.scandir(folder) as listing:
                for entry in listing:
                    if folder == path and entry.name == plans_name and entry.is_dir(follow_symlinks=False):
                        folders.append(Path(entry.path))
                    elif not entry.is_file(follow_symlinks=False):
                        raise _bad(path, f"{entry.name}: a link or not a regular file")
        index_raw = read_regular(path / store_name)
    except FileNotFoundError as exc:
        raise _bad(path, f"{Path(exc.filename or store_name).name} missing") from None
    except OSError as exc:
        raise _bad(path, exc.strerror or str(exc)) from None
    index = _parse(path, index_raw, path / store_name)
    files = BackupFiles(index_raw)
    plan_docs = list(index.get("plans", {}).values())
    item_docs = list(index.get("items", {}).values())
    try:
        for doc in plan_docs if "items" not in index else []:
            key = doc["key"]
            check_key(key, path / store_name)
            file = path / plans_name / f"{key}.json"
            try:
                raw = read_regular(file)
            except FileNotFoundError:
                raise _bad(path, f"{plans_name}/{key}.json missing") from None
            except OSError as exc:
                raise _bad(path, f"{plans_name}/{key}.json: {exc.strerror}") from None
            files.plans[key] = raw
            item_docs += _parse(path, raw, file).get("items", {}).values()
        for doc in plan_docs:
            Plan.from_doc(doc)
        for doc in item_docs:
            Item.from_doc(doc)
    except StoreError as exc:
        if exc.args and getattr(exc.args[0], "code", "") == "backup_unusable":
            raise
        raise _bad(path, str(exc.args[0])) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _bad(path, f"a damaged document ({type(exc).__name__}: {exc})") from None
    return files


def _parse(backup: Path, raw: bytes, file: Path) -> dict:
    try:
        data = parse(raw, file)
    except StoreError as exc:
        raise _bad(backup, str(exc.args[0])) from None
    if data is None:
        raise _bad(backup, f"{file.name} is empty")
    return data


def restore_files(files: BackupFiles, store: Path, plans_dir: Path) -> None:
    """Put a checked backup in place: every file written beside its target first, then
    renamed in, plan files before the index; plan files the backup lacks are removed."""
    make_dir(plans_dir)
    targets = [(plans_dir / f"{key}.json", raw) for key, raw in sorted(files.plans.items())]
    targets.append((store, files.index))
    staged = []
    try:
        for target, raw in targets:
            staged.append(stage(target, raw))
    except BaseException:
        for one in staged:
            one.discard()
        raise
    for one in staged:
        one.commit()
    for rel, extra in plan_paths(plans_dir):
        if extra.stem not in files.plans:
            try:
                check_target(extra)
                extra.unlink()
            except OSError:
                pass


def newest_good_backup(store: Path, plans_dir: Path) -> Backup | None:
    """The newest backup of `store` that restores cleanly; never one dated in the future."""
    for backup in list_backups(store, details=False):
        if backup.suspicious:
            break
        try:
            read_backup(backup.path, store.name, plans_dir.name)
        except StoreError:
            continue
        return backup
    return None
