"""The app's export: where (asked, prefilled with the last path used, or a new name in
the config's export folder), in which format (the path's extension), and what filter
was on (stated under the report's title)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from tui.i18n import Labels
from tui.state import Filters

MEMORY = "app-export.json"  # in the data folder: {"last": "/path/of/the/last/export.txt"}


def _memory_file() -> Path:
    from tui.config import data_dir

    return data_dir() / MEMORY


def last_export() -> Path | None:
    try:
        last = json.loads(_memory_file().read_text(encoding="utf-8")).get("last")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(last) if isinstance(last, str) and last else None


def remember_export(path: Path) -> None:
    target = _memory_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"last": str(path)}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass  # only a convenience: the next prompt starts from the folder instead


def suggested_path(folder: Path | None) -> Path:
    """The last path used, else a new name in the export folder (config `export_dir`),
    else in the current folder if writable, else in the data folder."""
    from tui.reporting import export_path

    return last_export() or export_path(folder)


def filter_lines(f: Filters, t: Labels) -> list[str]:
    """What the filtered view showed, one line: the report says it under its title."""
    parts = []
    if f.units:
        parts.append(t("export.units", units=t("app.list_sep").join(sorted(f.units)))
                     + (t("export.lead_only") if f.lead_only else ""))
    if f.overdue_only:
        parts.append(t("export.overdue"))
    if f.day:
        parts.append(t("export.day", day=f.day.isoformat() if isinstance(f.day, date) else str(f.day)))
    if f.search:
        parts.append(t("export.search", text=f.search))
    return [t("export.filtered", what=t("app.filter_sep").join(parts))] if parts else []
