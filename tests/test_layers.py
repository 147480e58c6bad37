"""store/ never imports textual or rich (a test, as harlequin enforces with import contracts)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_store_never_imports_the_faces() -> None:
    for path in (ROOT / "store").rglob("*.py"):
        assert not _imports(path) & {"textual", "rich", "tui"}, path
