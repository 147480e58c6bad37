"""Shipped TOML data is parsed once per change of its files (store/data_cache.py; issue 11
§7): a quick read with a warm cache does not import tomli, and the data is always what
the files say — a changed, added or broken file is read again; a cache that cannot be
written or is damaged only costs the parse.  Checked by what it changes, never by a clock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from duban.store import data_cache
from duban.store.data_cache import cached


def _toml(path: Path) -> dict:
    import tomli

    return tomli.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_data_is_parsed_once_then_read_from_the_cache(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "a.toml"
    src.write_text('[msg]\nhello = "你好"\n', encoding="utf-8")
    builds = []

    def build() -> dict:
        builds.append(1)
        return _toml(src)

    assert cached("t", [src], build) == {"msg": {"hello": "你好"}}
    data_cache.save_pending()  # written at exit
    assert cached("t", [src], build) == {"msg": {"hello": "你好"}}
    assert len(builds) == 1
    [kept] = (cache_home / "duban").glob("data-t-*.json")
    assert kept.stat().st_mode & 0o777 == 0o600
    elsewhere = tmp_path / "other-install"
    elsewhere.mkdir()
    (elsewhere / "a.toml").write_text('[msg]\nhello = "嗨"\n', encoding="utf-8")
    assert cached("t", [elsewhere / "a.toml"], lambda: _toml(elsewhere / "a.toml")) == {"msg": {"hello": "嗨"}}
    data_cache.save_pending()
    assert cached("t", [src], build) == {"msg": {"hello": "你好"}}
    assert len(builds) == 1  # two installations keep a file each: neither replaces the other's


def test_a_changed_or_added_file_is_read_again(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "a.toml"
    src.write_text('[msg]\nhello = "你好"\n', encoding="utf-8")
    assert cached("t", [src], lambda: _toml(src))["msg"]["hello"] == "你好"
    data_cache.save_pending()
    src.write_text('[msg]\nhello = "您好"\n', encoding="utf-8")  # the same size: the time tells
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert cached("t", [src], lambda: _toml(src))["msg"]["hello"] == "您好"
    data_cache.save_pending()
    other = tmp_path / "b.toml"
    other.write_text('[msg]\nbye = "再见"\n', encoding="utf-8")
    both = cached("t", [src, other], lambda: _toml(src) | _toml(other))
    assert both == {"msg": {"bye": "再见"}}  # b's [msg] replaces a's: what build() says, not the old cache


def test_an_error_passes_through_and_nothing_is_cached(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "a.toml"
    src.write_text("[msg\n", encoding="utf-8")
    import tomli

    with pytest.raises(tomli.TOMLDecodeError):
        cached("t", [src], lambda: _toml(src))
    data_cache.save_pending()
    assert not list((cache_home / "duban").glob("data-t-*.json"))


def test_a_damaged_or_unwritable_cache_costs_only_the_parse(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "a.toml"
    src.write_text('x = 1\nwhen = 2021-10-30\n', encoding="utf-8")  # a date: never cached
    assert cached("t", [src], lambda: _toml(src))["x"] == 1
    data_cache.save_pending()
    assert not list((cache_home / "duban").glob("data-t-*.json"))
    src.write_text('x = 2\n', encoding="utf-8")
    assert cached("t", [src], lambda: _toml(src)) == {"x": 2}
    data_cache.save_pending()
    [kept] = (cache_home / "duban").glob("data-t-*.json")
    kept.write_bytes(b"\x00{not json")
    assert cached("t", [src], lambda: _toml(src)) == {"x": 2}
    kept.unlink()
    kept.mkdir()  # cannot be replaced, even by root
    assert cached("t", [src], lambda: _toml(src)) == {"x": 2}
    data_cache.save_pending()
    assert cached("t", [tmp_path / "gone.toml"], lambda: {"y": 1}) == {"y": 1}  # a source gone: parsed, not cached


def test_a_warm_quick_read_does_not_import_tomli(sample, cli_env: dict[str, str]) -> None:  # noqa: ANN001
    from tests.conftest import ROOT

    code = ("import sys, io, contextlib; from duban.tui.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out: status = main(['ls', '--unit', '区财政局', '--json'])\n"
            "sys.stderr.write(repr('tomli' in sys.modules)); sys.stdout.write(out.getvalue()); sys.exit(status)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env, cwd=ROOT)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[1].stderr.endswith("False")  # the second run read the catalogue and vocabularies as JSON
    assert runs[0].stdout == runs[1].stdout
    assert list((Path(cli_env["XDG_CACHE_HOME"]) / "duban").glob("data-labels-zh-*.json"))
    assert data_cache.VERSION >= 1
