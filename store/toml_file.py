"""Reading a TOML file a user wrote (config, keymap, theme, unit aliases): one way, one
set of messages — the file and line of a syntax error with tomli's reason, a file saved
as UTF-16, a file that cannot be read — each a Said, so every face says it in the
user's language."""

from __future__ import annotations

from pathlib import Path

from duban.store.messages import Said

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any


class TomlFileError(ValueError):
    """A TOML file that cannot be used as it is: args[0] is a Said naming the file."""


def load_toml_text(path: Path) -> tuple[dict[str, Any], str]:
    """The file's table and its text (for callers that point at a key's line).
    FileNotFoundError passes through: whether a missing file matters is the caller's to say."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise TomlFileError(Said("not_utf8", "{path}: not UTF-8 text (saved as UTF-16, or not a text file?); "
                                 "save it as UTF-8", path=path)) from None
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise TomlFileError(Said("cannot_read", "{path}: cannot be read ({reason})", path=path,
                                 reason=exc.strerror)) from None
    import tomli  # only for a file that is there: most users have no config file

    try:
        return tomli.loads(text), text
    except tomli.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)  # tomli < 2.1 has none: then the file alone, never ":0"
        raise TomlFileError(Said("bad_toml", "{where}: not valid TOML ({why})", where=f"{path}:{line}" if line else str(path),
                                 why=getattr(exc, "msg", str(exc)))) from None


def read_toml(path: Path, missing_ok: bool = False) -> dict[str, Any]:
    """The file's table; {} for a missing file when `missing_ok`."""
    try:
        return load_toml_text(path)[0]
    except FileNotFoundError:
        if missing_ok:
            return {}
        raise TomlFileError(Said("cannot_read", "{path}: cannot be read ({reason})", path=path,
                                 reason="No such file or directory")) from None
