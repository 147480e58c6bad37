"""The language catalogue: both languages say the same things, and each key has one home."""

from __future__ import annotations

import pytest

from duban.tui.settings import i18n
from duban.tui.settings.i18n import Labels
from tests.tui.catalogue import label_files


def _keys(data: dict) -> set[str]:
    return {f"{section}.{name}" for section, entries in data.items() for name in entries}


def test_both_languages_have_the_same_keys() -> None:
    # [said] is the exception: a store message's English is its own text (store/messages.py).
    zh, en = (_keys({s: v for s, v in label_files(lang).items() if s != "said"}) for lang in ("zh", "en"))
    assert zh - en == set(), "only in Chinese"
    assert en - zh == set(), "only in English"
    for lang, keys in (("zh", en), ("en", zh)):  # and the app's catalogue says them all
        says = Labels(lang)
        for key in sorted(keys):
            says(key)  # a KeyError names the missing key


def test_a_key_defined_twice_is_an_error(tmp_path, monkeypatch) -> None:
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh.toml").write_text('[msg]\nhello = "你好"\n', encoding="utf-8")
    (tmp_path / "zh" / "extra.toml").write_text('[msg]\nhello = "又一个"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "HERE", tmp_path)
    i18n._catalogue.cache_clear()  # the catalogue is read once per process: forget it, no public way
    try:
        with pytest.raises(ValueError, match="hello"):
            Labels("zh")
    finally:
        i18n._catalogue.cache_clear()
