"""Plan files → plans and items: cells → table → plan.  `read_plan` is the door.

Kept light on import (the parsing modules load on first use) so that the command
line's quick checks do not pay for the importer.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from duban.store.importer.errors import PlanError
from duban.store.messages import Said
from duban.store.text import file_name

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from duban.store.importer.plan import ImportResult
    from duban.store.importer.rows import Options

__all__ = ["PlanError", "read_plan", "read_structured", "parse_plan_text"]

MAX_BYTES = 20 * 1024 * 1024  # a real plan is well under 1 MB
# The importer is linear, about 0.2 ms a line here: this bounds one file's import to seconds.
MAX_LINES = 200_000


def parse_plan_text(text: str, name: str, key: str, year: int | None = None, options: Options | None = None) -> ImportResult:
    """Plan text → items.  `options` (duban.store.importer.rows.Options): the user's --columns and
    --header-row.  The result carries `.review`: columns, roles and plausibility."""
    from duban.store.importer.plan import build_plan
    from duban.store.importer.table import read_table

    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise PlanError(name, 0, Said("too_long", "the text has {n} lines; a plan is expected to have under {limit} "
                                      "(is this the right file?)", n=lines, limit=MAX_LINES))
    table = read_table(text, name, options)
    result = build_plan(table, key, source=file_name(Path(name).name), year=year)
    if not result.items:
        raise PlanError(name, table.header_line, Said("no_rows", "the table has a header but no item rows"))
    return result


def read_structured(data: bytes, fmt: str, name: str, key: str, year: int | None = None,
                    sheet: str | None = None, table: int | None = None,
                    options: Options | None = None) -> ImportResult:
    """A Word, Excel, web-page or PDF file: its tables as grids, the plan's table chosen."""
    from duban.store.importer.plan import build_plan
    from duban.store.importer.readers import read_grids
    from duban.store.importer.readers.choose import choose_table, where

    grids = read_grids(fmt, data, name)
    layout = fmt
    columns, header_row = (options.columns, options.header_row) if options else (None, None)
    chosen, grid = choose_table(grids, name, layout, sheet, table, columns, header_row)
    result = build_plan(chosen, key, source=file_name(Path(name).name), year=year)
    result.where = where(grid) if len(grids) > 1 else ""
    if not result.items:
        raise PlanError(name, chosen.header_line, Said("no_rows", "the table has a header but no item rows"))
    return result


def read_plan(path: Path, key: str, year: int | None = None, options: Options | None = None, *,
              sheet: str | None = None, table: int | None = None) -> ImportResult:
    """The plan in a file of any format duban reads (told by its content, not its name).

    `options`: the user's --columns and --header-row; `sheet` / `table` name the table of
    a workbook or document that holds the plan.
    """
    from duban.store.importer.cells import decode
    from duban.store.importer.readers.sniff import sniff

    name = str(path)
    try:
        # Opened without blocking and checked on the open file: a FIFO or a device
        # (/dev/zero) is refused, never read; the size cap applies before reading.
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise PlanError(name, 0, Said("not_regular", "is not a regular file (a device, pipe or socket); "
                                              "expected a plan text file"))
            if info.st_size > MAX_BYTES:
                raise PlanError(name, 0, Said("too_big", "the file is {mb} MB; a plan is expected to be under {limit} MB "
                                              "(is this the right file?)", mb=info.st_size // 2**20,
                                              limit=MAX_BYTES // 2**20))
            data = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise PlanError(name, 0, Said("is_dir_plan", "is a directory; expected a plan text file")) from None
    except FileNotFoundError:
        raise PlanError(name, 0, Said("no_file", "no such file")) from None
    except PermissionError:
        raise PlanError(name, 0, Said("denied_plan", "permission denied")) from None
    except OSError as exc:
        raise PlanError(name, 0, Said("unreadable_plan", "cannot be read ({reason})", reason=exc.strerror)) from None
    fmt = sniff(data, name)
    if fmt != "text":
        return read_structured(data, fmt, name, key, year, sheet, table, options)
    text, _ = decode(data, name)
    return parse_plan_text(text, name, key, year, options)
