"""Regular expressions compiled, and modules imported, on first use.

A quick check (`duban ls --json` on 1,000 items) should cost little more than starting
Python.  Compiling costs 0.2–2 ms a pattern (a wide Unicode class the most), and a
module that writes (backups, merge, the lock, TinyDB) costs milliseconds to import: a
reader would pay for both and use neither.  A LazyPattern reads like the compiled
pattern it stands for (after its first use its methods are the compiled pattern's own,
at no extra cost per call); `module(name)` stands for the module and imports it when an
attribute of it is first read."""

from __future__ import annotations

import importlib
import re
import sys
import types

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

_FORWARDED = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer",
              "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet: the first use
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attr in _FORWARDED:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"


def lazy(pattern: str | bytes, flags: int = 0) -> Any:  # Any: it reads as an re.Pattern
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return LazyPattern(pattern, flags)


class _Deferred:
    """Stands for a module until an attribute of it is first read, then imports it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        mod = sys.modules.get(self._name) or importlib.import_module(self._name)
        return getattr(mod, attr)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"


class _StandIn(types.ModuleType):
    """In sys.modules in place of a module not imported yet: the first attribute read
    imports the real one (which then takes its place there) and reads from it."""

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):  # the import system looks for __spec__, __path__ …
            raise AttributeError(attr)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)  # who bound the stand-in now reads the module's own names
        return getattr(real, attr)


def defer_import(name: str) -> None:
    """Let `import name` anywhere bind a stand-in until the module is first used.  For a
    module that is imported by one we need but used only on rare paths: dataclasses
    imports inspect (6 ms, a fifth of a quick check's imports) only to write a docstring
    for a class that has none.  A module already imported is left as it is."""
    if name not in sys.modules:
        sys.modules[name] = _StandIn(name)


def module(name: str) -> Any:  # Any: it reads as the module
    """The module `name`, imported when an attribute of it is first read: for modules only
    some commands need.  (Read at import time, in a default argument or a base class,
    it is imported then.)"""
    return sys.modules.get(name) or _Deferred(name)
