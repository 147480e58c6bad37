"""The app's export: where (asked, prefilled with the last path used, or a new name in
the config's export folder), in which format (the path's extension), and what filter
was on (stated under the report's title)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from duban.tui.app.state import AppState, Filters
from duban.tui.settings.i18n import Labels

MEMORY = "app-export.json"  # in the data folder: {"last": "/path/of/the/last/export.txt"}


def _memory_file() -> Path:
    from duban.tui.settings.config import data_dir

    return data_dir() / MEMORY


def last_export() -> Path | None:
    try:
        last = json.loads(_memory_file().read_text(encoding="utf-8")).get("last")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(last) if isinstance(last, str) and last else None


def remember_export(path: Path) -> None:
    from duban.store.atomic import make_dir, write_file

    target = _memory_file()
    try:
        make_dir(target.parent)
        write_file(target, json.dumps({"last": str(path)}, ensure_ascii=False).encode("utf-8"), sync=False)
    except OSError:
        pass  # only a convenience: the next prompt starts from the folder instead


def suggested_path(folder: Path | None) -> Path:
    """The last path used, else a new name in the export folder (config `export_dir`),
    else in the current folder if writable, else in the data folder."""
    from duban.tui.report.build import export_path

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


def formats() -> str:
    from duban.tui.report.formats import EXTENSIONS

    return " ".join(ext for ext in EXTENSIONS if ext not in (".text", ".ans", ".markdown", ".htm"))


def export_view(state: AppState, t: Labels, value: str) -> tuple[str, bool]:
    """Write the summary of what is shown to `value`; (what to tell the user, written)."""
    from duban.tui.report.build import DEFAULT_WIDTH, build_report, write_out
    from duban.tui.report.formats import EXTENSIONS

    view = state.view
    if view is None or not value:
        return "", False
    path = Path(value).expanduser()
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        return t("export.bad_format", path=path, formats=formats()), False
    units = sorted(state.filters.units) or None
    try:
        text = build_report(view, state.visible(), t, state.today, fmt, DEFAULT_WIDTH, units=units,
                            filters=filter_lines(state.filters, t))
        write_out(path, text)
    except Exception as exc:  # noqa: BLE001 - shown to the user, the app goes on
        return t("app.error", text=t.say(exc.args[0]) if exc.args else str(exc)), False
    remember_export(path)
    return t("report.exported", path=path), True
