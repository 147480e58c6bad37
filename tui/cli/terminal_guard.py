"""The command line's last line of defence: nothing but colour reaches the terminal.

Every string from a file, the environment or another user is made safe where it is
read (store/text.safe, via store/validate and store/messages); this guard sits on
stdout and stderr for the whole command so that whatever a renderer prints, a table,
a report, an error echoing a file name, argparse repeating an argument, no escape
sequence but our own colours (SGR: ESC [ … m) and no C0/C1 control or bell byte is
written.  It filters the encoded bytes in the buffered writer's chunks (8 KB), so a
50,000-line listing costs one regex scan per chunk.
"""

from __future__ import annotations

import io
import sys

from duban.store.lazy import lazy

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any, BinaryIO, TextIO

# Our colours pass; any other ESC, C0 but tab/newline, DEL and C1 (UTF-8 C2 80–9F) are
# dropped.  (Bidi controls are removed from data and messages by store/text.safe.)
_SGR = rb"\x1b\[[0-9;:]*m"
_BAD = lazy(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
_SCRUB = lazy(rb"(" + _SGR + rb")|[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
# The end of a chunk that may be the start of something completed by the next one.
_OPEN_END = lazy(rb"(?:\x1b(?:\[[0-9;:]*)?|\xc2|\xe2[\x80\x81]?)\Z")


# Bytes that start anything the guard drops (or must look at): C0 but tab/newline, DEL, C2
# (the lead byte of C1).  `translate` finds them at memory speed; a regex costs ~10 ns a byte.
_LOOK = bytes([*range(0x09), *range(0x0b, 0x20), 0x7f, 0xc2])


def scrub(data: bytes) -> bytes:
    if len(data.translate(None, _LOOK)) == len(data) or _BAD.search(data) is None:
        return data
    return _SCRUB.sub(lambda m: m.group(1) or b"", data)


class _Forwarding:
    """What a guarded stream answers as the stream under it does."""

    _target: Any

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return self._target.isatty()

    def fileno(self) -> int:
        return self._target.fileno()


class _GuardedRaw(_Forwarding, io.RawIOBase):
    def __init__(self, target: BinaryIO) -> None:
        self._target = target
        self._tail = b""

    def write(self, b: Any) -> int:
        n = len(b)
        data = self._tail + bytes(b)
        m = _OPEN_END.search(data, max(0, len(data) - 64))
        self._tail = data[m.start():] if m else b""
        self._target.write(scrub(data[:m.start()] if m else data))
        return n

    def finish(self) -> None:
        if self._tail:
            self._target.write(scrub(self._tail))
            self._tail = b""
        self._target.flush()


class _GuardedText(_Forwarding, io.TextIOBase):
    """For a stream with no byte buffer under it (a test's StringIO)."""

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, s: str) -> int:
        self._target.write(scrub(s.encode("utf-8", "replace")).decode("utf-8", "replace"))
        return len(s)

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


class Guard:
    """Put guards on sys.stdout and sys.stderr; `release()` flushes and puts the originals back."""

    def __init__(self) -> None:
        self._saved = (sys.stdout, sys.stderr)
        self._raws: list[_GuardedRaw] = []
        sys.stdout = self._wrap(sys.stdout, err=False)
        sys.stderr = self._wrap(sys.stderr, err=True)

    def _wrap(self, stream: Any, err: bool) -> Any:
        if stream is None:
            return stream
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            return _GuardedText(stream)
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
        raw = _GuardedRaw(buffer)
        self._raws.append(raw)
        line_buffering = bool(getattr(stream, "line_buffering", False))
        return io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", errors="replace",
                                line_buffering=line_buffering, write_through=err)

    def release(self) -> None:
        guarded = (sys.stdout, sys.stderr)
        sys.stdout, sys.stderr = self._saved
        for stream in guarded:
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        for raw in self._raws:
            try:
                raw.finish()
            except (OSError, ValueError):
                pass
