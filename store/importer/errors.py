"""The importer's one error: a file, a line and what was expected."""

from __future__ import annotations


class PlanError(Exception):
    """A file that cannot be read as a plan."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message
