"""The settings object and every path: XDG config and data folders, the store, aliases.

Built once at start-up from the command line, the environment and the config file
($XDG_CONFIG_HOME/duban/config.toml, or DUBAN_CONFIG), so tests never read a
developer's own config.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from duban.store import toml_file
from duban.store.messages import Said
from duban.store.model import SIGNOFF_AFTER_DAYS
from duban.store.queries import DUE_SOON_DAYS
from duban.store.unit_names import Aliases
from duban.tui.settings.i18n import LANGS

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any

    from duban.tui.settings.keymap import Keymap


class ConfigError(Exception):
    """A config or alias file that cannot be used: file, line and what was expected."""


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / "duban"


def data_dir() -> Path:
    return _xdg("XDG_DATA_HOME", ".local/share") / "duban"


def config_path() -> Path:
    return Path(os.environ.get("DUBAN_CONFIG") or config_dir() / "config.toml")


def read_toml(path: Path) -> dict[str, Any]:
    """The config file's table ({} when there is none)."""
    try:
        return toml_file.read_toml(path, missing_ok=True)
    except toml_file.TomlFileError as exc:
        raise ConfigError(exc.args[0]) from None


@dataclass
class Settings:
    """The user's settings, read once at start-up from the config file and the environment."""

    store_path: Path
    lang: str = "zh"
    due_soon_days: int = DUE_SOON_DAYS
    config_file: Path | None = None
    alias_table: dict[str, list[str]] = field(default_factory=dict)
    keymap_name: str = "default"
    key_overrides: dict[str, object] = field(default_factory=dict)
    theme: str | None = None
    lock_timeout: float = 10.0
    backups_kept: int = 20  # the last N write sessions' backups
    backup_days: int = 14   # and the newest backup of each of the last D days
    signoff_days: int = SIGNOFF_AFTER_DAYS  # done this long without a sign-off (销号): listed in the report
    days: str = "working"   # how days late and windows count: "working" (Chinese calendar) or "calendar"
    office: str = ""        # who signs a 催办 notice
    reply_within: str = "3d"  # a notice's reply-by date, in working days after the as-of date
    export_dir: Path | None = None  # where the app's `e` suggests writing reports

    def keymap(self) -> Keymap:
        from duban.tui.settings.keymap import KeymapError, load_keymap

        try:
            return load_keymap(self.keymap_name, self.key_overrides, self.config_file)
        except KeymapError as exc:
            raise ConfigError(exc.args[0] if exc.args else str(exc)) from None

    def aliases(self) -> Aliases:
        try:
            return Aliases.load(config_dir() / "aliases.toml", extra=self.alias_table)
        except ValueError as exc:
            raise ConfigError(exc.args[0] if exc.args else str(exc)) from None


def _check(cfg: dict[str, Any], path: Path) -> None:
    known = {"lang", "due_soon_days", "store", "aliases", "keymap", "theme", "keys", "lock_timeout",
             "backups_kept", "backup_days", "signoff_days", "export_dir", "days", "office", "reply_within"}
    for key in cfg:
        if key not in known:
            raise ConfigError(Said("unknown_setting", "{path}: unknown setting '{key}' (expected one of {known})",
                                   path=path, key=key, known=", ".join(sorted(known))))
    if "lang" in cfg and cfg["lang"] not in LANGS:
        raise ConfigError(Said("bad_setting", "{path}: {key} = {value}: expected {expected}", path=path, key="lang",
                               value=repr(cfg["lang"]), expected=" / ".join(LANGS)))
    days = cfg.get("due_soon_days", DUE_SOON_DAYS)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 366:
        raise ConfigError(Said("bad_setting", "{path}: {key} = {value}: expected {expected}", path=path,
                               key="due_soon_days", value=repr(days), expected="0–366 (days)"))
    wait = cfg.get("lock_timeout", 10)
    if not isinstance(wait, (int, float)) or isinstance(wait, bool) or not 0 < wait <= 600:
        raise ConfigError(Said("bad_setting", "{path}: {key} = {value}: expected {expected}", path=path,
                               key="lock_timeout", value=repr(wait), expected="0–600 (seconds)"))
    for key, default, top in (("backups_kept", 20, 1000), ("backup_days", 14, 366),
                              ("signoff_days", SIGNOFF_AFTER_DAYS, 366)):
        value = cfg.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
            raise ConfigError(Said("bad_setting", "{path}: {key} = {value}: expected {expected}", path=path, key=key,
                                   value=repr(value), expected=f"1–{top}"))
    if "aliases" in cfg and not isinstance(cfg["aliases"], dict):
        raise ConfigError(f"{path}: [aliases] must be a table of name = [synonyms]")
    if "keys" in cfg and not isinstance(cfg["keys"], dict):
        raise ConfigError(f"{path}: [keys] must be a table of binding id = \"keys\"")
    _check_remind(cfg, path)
    for key in ("keymap", "theme", "store", "export_dir"):
        if key in cfg and not isinstance(cfg[key], str):
            raise ConfigError(f"{path}: {key} = {cfg[key]!r}: expected a string")


def load_settings(store: str | None = None, lang: str | None = None) -> Settings:
    path = config_path()
    cfg = read_toml(path)
    _check(cfg, path)
    store_path = (
        Path(store) if store
        else Path(os.environ["DUBAN_STORE"]) if os.environ.get("DUBAN_STORE")
        else Path(cfg["store"]).expanduser() if cfg.get("store")
        else data_dir() / "store.json"
    )
    chosen = lang or os.environ.get("DUBAN_LANG") or cfg.get("lang") or "zh"
    if chosen not in LANGS:
        raise ConfigError(f"language '{chosen}': expected one of {', '.join(LANGS)}")
    return Settings(
        store_path=store_path, lang=chosen, due_soon_days=cfg.get("due_soon_days", DUE_SOON_DAYS),
        config_file=path, alias_table=cfg.get("aliases", {}), keymap_name=cfg.get("keymap", "default"),
        key_overrides=cfg.get("keys", {}), theme=cfg.get("theme"), lock_timeout=float(cfg.get("lock_timeout", 10)),
        backups_kept=cfg.get("backups_kept", 20), backup_days=cfg.get("backup_days", 14),
        signoff_days=cfg.get("signoff_days", SIGNOFF_AFTER_DAYS),
        export_dir=Path(cfg["export_dir"]).expanduser() if cfg.get("export_dir") else None,
        **_remind_settings(cfg),
    )


def _check_remind(cfg: dict[str, Any], path: Path) -> None:
    from duban.store.day_words import parse_window

    if cfg.get("days", "working") not in ("working", "calendar"):
        raise ConfigError(Said("bad_setting", "{path}: {key} = {value}: expected {expected}", path=path, key="days",
                               value=repr(cfg["days"]), expected="working / calendar"))
    if not isinstance(cfg.get("office", ""), str):
        raise ConfigError(f"{path}: office = {cfg['office']!r}: expected a string")
    reply = cfg.get("reply_within", "3d")
    try:
        parse_window(reply if isinstance(reply, str) else "")
    except ValueError:
        raise ConfigError(Said("bad_setting", "{path}: {key} = {value}: expected {expected}", path=path,
                               key="reply_within", value=repr(reply), expected="3d, 1w …")) from None


def _remind_settings(cfg: dict[str, Any]) -> dict[str, Any]:
    """Working days, the office's name and the reply window; sets the counting mode for
    every face at once (store/workdays imports no calendar until a count needs it)."""
    from duban.store import workdays

    days = cfg.get("days", "working")
    workdays.set_mode(days)
    return {"days": days, "office": cfg.get("office", ""), "reply_within": cfg.get("reply_within", "3d")}


def save_setting(path: Path, key: str, value: str) -> None:
    """Set one top-level string setting in the config file, keeping the rest as written."""
    import json

    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
    pattern = re.compile(rf"^{re.escape(key)}\s*=.*$", re.M)
    # Top-level keys must come before the first [table]: put a new one first.
    text = pattern.sub(line, text, count=1) if pattern.search(text) else f"{line}\n{text}"
    from duban.store.atomic import make_dir, write_file

    make_dir(path.parent)
    write_file(path, text.encode("utf-8"))  # never through a link, never a fixed temp name
