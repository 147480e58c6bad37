"""duban.store.atomic, the one writer every file duban writes goes through."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from duban.store import atomic
from duban.store.atomic import make_dir, read_regular, write_file


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_replaces_a_regular_file_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    inode = target.stat().st_ino
    write_file(target, "新".encode())
    assert target.read_text(encoding="utf-8") == "新" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.stat().st_ino != inode, "replaced whole, never rewritten in place"
    assert not temps(tmp_path)


@pytest.mark.parametrize("make", ["link", "dir", "read_only"])
def test_refuses_what_is_not_a_writable_regular_file(tmp_path: Path, make: str) -> None:
    other = tmp_path / "other.txt"
    other.write_text("mine", encoding="utf-8")
    target = tmp_path / "target"
    if make == "link":
        target.symlink_to(other)
    elif make == "dir":
        target.mkdir()
    else:
        target.write_text("mine", encoding="utf-8")
        os.chmod(target, 0o444)
    with pytest.raises(OSError):
        write_file(target, b"x")
    assert other.read_text(encoding="utf-8") == "mine" and not temps(tmp_path)
    if make == "read_only":
        assert target.read_text(encoding="utf-8") == "mine"


def test_a_failed_write_leaves_the_target_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_file(target, b"new")
    assert caught.value.errno == errno.ENOSPC
    assert target.read_text(encoding="utf-8") == "old" and not temps(tmp_path)


def test_writes_into_a_fifo_only_when_asked(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError):
        write_file(fifo, b"x")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_file(fifo, b"through the pipe", streams=True)
    reader.join(timeout=10)
    assert got == [b"through the pipe"] and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_shared_folder_gets_group_writable_files_and_folders_whatever_the_umask(tmp_path: Path) -> None:
    shared = tmp_path / "office"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    old = os.umask(0o077)
    try:
        make_dir(shared / "a" / "b")
        write_file(shared / "a" / "b" / "f.json", b"{}")
    finally:
        os.umask(old)
    for path in (shared / "a", shared / "a" / "b"):
        assert path.stat().st_mode & stat.S_ISGID and stat.S_IMODE(path.stat().st_mode) & 0o070 == 0o070
    assert stat.S_IMODE((shared / "a" / "b" / "f.json").stat().st_mode) & 0o060 == 0o060


def test_read_regular_never_follows_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(real)
    assert read_regular(real) == b"x"
    with pytest.raises(OSError):
        read_regular(tmp_path / "link")
