"""The layer rules as import contracts (as harlequin enforces them), read from the source:
each rule names a set of modules and what they must never import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORAGE = ["storage", "atomic", "repository", "transaction", "import_tx", "backups", "restore", "merge", "identity",
           "validate", "safety", "checked"]


def _imports(path: Path, top_level_only: bool = False) -> set[str]:
    """Every module a file imports (dotted names); only the module-level ones if asked."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    if top_level_only:  # try/except at module level counts too; `if TYPE_CHECKING:` runs nothing
        nodes = [n for top in tree.body for n in ast.walk(top)
                 if not isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not _typing_only(top)]
        nodes += [n for top in tree.body if isinstance(top, ast.ClassDef) for n in top.body
                  if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def _typing_only(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _files(folder: str) -> list[Path]:
    found = sorted((ROOT / folder).rglob("*.py"))
    assert found, folder  # a rule over no files checks nothing
    return found


def _breaks(files: list[Path], forbidden: tuple[str, ...], top_level_only: bool = False) -> list[str]:
    return [f"{p.relative_to(ROOT)} imports {name}" for p in files
            for name in sorted(_imports(p, top_level_only))
            if any(name == f or name.startswith(f + ".") for f in forbidden)]


RULES = [
    # store/ is the domain: no faces, no terminal
    ("store", _files("store"), ("textual", "rich", "duban.tui"), False),
    # storage never needs the importer (an import result is a domain record)
    ("storage", [ROOT / "store" / f"{m}.py" for m in STORAGE], ("duban.store.importer",), False),
    # the report is text and documents: no app
    ("report", _files("tui/report"), ("textual", "duban.tui.app", "duban.tui.cli"), False),
    # how things read, shared by all faces: plain strings
    ("text", _files("tui/text"), ("textual", "rich", "duban.tui.app", "duban.tui.cli", "duban.tui.report"), False),
    # widgets are parts of screens, never the other way round
    ("widgets", _files("tui/app/widgets"), ("duban.tui.app.screens", "duban.tui.app.app"), False),
    # a quick check from the shell never pays for textual: only inside the function that opens the app
    ("cli", _files("tui/cli"), ("textual", "duban.tui.app"), True),
    ("settings", _files("tui/settings"), ("textual", "duban.tui.app", "duban.tui.cli", "duban.tui.report"), True),
]


@pytest.mark.parametrize("name,files,forbidden,top_level_only", RULES, ids=[r[0] for r in RULES])
def test_layer_contract(name: str, files: list[Path], forbidden: tuple[str, ...], top_level_only: bool) -> None:
    assert not _breaks(files, forbidden, top_level_only)


def test_everything_is_imported_under_duban() -> None:
    """`store` and `tui` are folders of the repository, installed as duban.store and duban.tui:
    an import of a top-level `store` works in the checkout and fails once installed."""
    files = _files("store") + _files("tui") + sorted((ROOT / "tests").rglob("*.py"))
    assert not _breaks(files, ("store", "tui", "keymaps", "themes"))


def test_the_rules_can_fail(tmp_path: Path) -> None:
    """A contract that cannot fail checks nothing: a module-level textual import in the
    command line, and a nested one in store/, are both caught."""
    cli = tmp_path / "cli.py"
    cli.write_text("from textual.app import App\n\ndef f():\n    import duban.tui.app.app\n", encoding="utf-8")
    assert _imports(cli, top_level_only=True) >= {"textual.app"}
    assert "duban.tui.app.app" not in _imports(cli, top_level_only=True)
    assert "duban.tui.app.app" in _imports(cli)
    global ROOT
    keep, ROOT = ROOT, tmp_path
    try:
        assert _breaks([cli], ("textual",), top_level_only=True) [:1] == ["cli.py imports textual.app"]
    finally:
        ROOT = keep


def test_no_module_over_300_lines() -> None:
    """A module a newcomer can read in one sitting (issue 11): split by what it holds before it grows past this."""
    long = [f"{p.relative_to(ROOT)}: {n}" for p in _files("store") + _files("tui")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300]
    assert not long
