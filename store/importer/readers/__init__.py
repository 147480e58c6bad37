"""Format readers: a structured file (Word, Excel, web page, PDF) → grids of cells.

Each reader lives in its own module and imports its library (python-docx, openpyxl,
xlrd, lxml, pdfplumber) only when a file of its format is read, so the command line's
quick checks never pay for them.  Every reader produces `Grid`s in the one shape the
table interpreter reads: rows of `Cell`s, one per grid column, where a cell covered by
a merge is empty (as Word's own text export gives it) and `spans` says how wide the
cell that starts there is.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from duban.store.importer.readers.sniff import sniff

if TYPE_CHECKING:
    from duban.store.importer.cells import Cell

__all__ = ["Grid", "READERS", "read_grids", "sniff"]

# format → the module that reads it (imported on first use).
READERS = {
    "docx": "duban.store.importer.readers.word",
    "xlsx": "duban.store.importer.readers.excel",
    "xls": "duban.store.importer.readers.excel",
    "xmlss": "duban.store.importer.readers.xmlss",
    "html": "duban.store.importer.readers.web",
    "mht": "duban.store.importer.readers.web",
    "pdf": "duban.store.importer.readers.pdf",
    "doc": "duban.store.importer.readers.convert",
}

PACKAGES = {"docx": "python-docx"}  # module → the package that installs it, where they differ


@dataclass
class Grid:
    """One table of a file: rows of cells (merged continuations empty)."""

    part: str  # "sheet", "table" or "page": what the file calls its tables
    name: str  # the sheet's name, or the table's number (1-based)
    rows: list[list[Cell]]
    spans: list[list[int]]  # per cell: 1, the width of a cell starting there, or 0 under a span
    preamble: list[str] = field(default_factory=list)  # text before the table: the title is in it


def read_grids(fmt: str, data: bytes, name: str) -> list[Grid]:
    """Every table the file holds, in order."""
    try:
        module = importlib.import_module(READERS[fmt])
        return module.read(data, name, fmt)
    except ModuleNotFoundError as exc:  # installed without its dependencies
        from duban.store.importer.errors import PlanError
        from duban.store.messages import Said

        raise PlanError(name, 0, Said("needs_library", "reading this {fmt} file needs the Python package '{package}' "
                                      "(pip install {package})", fmt=fmt, package=PACKAGES.get(exc.name or "", exc.name))) from None
