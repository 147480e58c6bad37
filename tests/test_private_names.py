"""A name with a leading underscore is its module's own (issue 11 §4): no module of duban
imports one from another (`_as_of`, `_print_json`, `_explain_deadline` did).  Third-party
private names (textual's) are outside this rule."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_module_imports_a_private_name_of_another() -> None:
    found = []
    for path in sorted([*(ROOT / "store").rglob("*.py"), *(ROOT / "tui").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("duban"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private:
                    found.append(f"{path.relative_to(ROOT)}: {node.module} {', '.join(private)}")
    assert found == []
