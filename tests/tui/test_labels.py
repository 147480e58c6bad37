"""The language catalogue: both languages say the same things, and each key has one home."""

from __future__ import annotations

import pytest

from duban.tui.settings import i18n


def _keys(data: dict) -> set[str]:
    return {f"{section}.{name}" for section, entries in data.items() for name in entries}


def test_both_languages_have_the_same_keys() -> None:
    # [said] is the exception: a store message's English is its own text (store/messages.py).
    zh, en = (_keys({s: v for s, v in i18n._catalogue(lang).items() if s != "said"}) for lang in ("zh", "en"))
    assert zh - en == set(), "only in Chinese"
    assert en - zh == set(), "only in English"


def test_a_key_defined_twice_is_an_error(tmp_path, monkeypatch) -> None:
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh.toml").write_text('[msg]\nhello = "你好"\n', encoding="utf-8")
    (tmp_path / "zh" / "extra.toml").write_text('[msg]\nhello = "又一个"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "HERE", tmp_path)
    i18n._catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="hello"):
            i18n._catalogue("zh")
    finally:
        i18n._catalogue.cache_clear()
