"""A TOML file a user wrote is reported one way (store/toml_file.py), whichever reads it:
file and line, tomli's reason, in the user's language (issue 11 §4: four ways were one too
many; the aliases file spoke English only and a theme gave no reason)."""

from __future__ import annotations

from pathlib import Path

from duban.store.toml_file import TomlFileError, read_toml
from duban.tui.settings.i18n import Labels
from duban.tui.settings.themes import load_themes
from tests.conftest import InProcess


def _config_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "config" / "duban"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_broken_aliases_file_is_said_in_the_users_language(sample: InProcess, tmp_path: Path) -> None:
    (_config_folder(tmp_path) / "aliases.toml").write_text('"区发改委" = [\n', encoding="utf-8")
    zh = sample("ls", check=False)
    assert zh.returncode == 2 and "aliases.toml:2：不是有效的 TOML（" in zh.stderr, zh.stderr
    en = sample("ls", check=False, env={"DUBAN_LANG": "en"})
    assert "aliases.toml:2: not valid TOML (" in en.stderr, en.stderr


def test_an_aliases_file_in_utf16_is_said_in_the_users_language(sample: InProcess, tmp_path: Path) -> None:
    (_config_folder(tmp_path) / "aliases.toml").write_bytes('"区发改委" = ["发改委"]\n'.encode("utf-16"))
    result = sample("ls", check=False)
    assert result.returncode == 2 and "aliases.toml：不是 UTF-8 文本" in result.stderr, result.stderr


def test_config_and_aliases_errors_read_alike(sample: InProcess, tmp_path: Path) -> None:
    folder = _config_folder(tmp_path)
    (folder / "config.toml").write_text('lang = "zh"\nkeymap = \n', encoding="utf-8")
    config = sample("ls", check=False).stderr.strip()
    (folder / "config.toml").unlink()
    (folder / "aliases.toml").write_text('lang = "zh"\nkeymap = \n', encoding="utf-8")
    aliases = sample("ls", check=False).stderr.strip()
    assert config.replace("config.toml", "X") == aliases.replace("aliases.toml", "X")


def test_a_broken_theme_names_its_line_and_reason(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text('name = "broken"\n[status\n', encoding="utf-8")
    _, problems = load_themes(tmp_path)
    assert [Labels("zh").say(p) for p in problems] == [f"{tmp_path / 'broken.toml'}:2：不是有效的 TOML（Expected ']' at the end of a table declaration）"]


def test_a_missing_file_is_empty_only_when_allowed(tmp_path: Path) -> None:
    assert read_toml(tmp_path / "none.toml", missing_ok=True) == {}
    try:
        read_toml(tmp_path / "none.toml")
    except TomlFileError as exc:
        assert exc.args[0].code == "cannot_read"
    else:
        raise AssertionError("a missing file read as empty")
