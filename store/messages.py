"""Messages for the user from store/: English text that also carries a code and its
fields, so the faces can say it in the user's language (tui/labels/*.toml, [said])."""

from __future__ import annotations

from typing import Any


class Said(str):
    """A message: reads as its English text; `code` and `fields` let a face translate it."""

    code: str
    fields: dict[str, Any]

    def __new__(cls, code: str, english: str, **fields: Any) -> Said:
        text = super().__new__(cls, english.format(**fields))
        text.code, text.fields = code, fields
        return text
