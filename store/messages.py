"""Messages for the user from store/: English text that also carries a code and its
fields, so the faces can say it in the user's language (tui/settings/labels/*.toml, [said])."""

from __future__ import annotations

from pathlib import PurePath

from duban.store.text import safe

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from typing import Any


class Said(str):
    """A message: reads as its English text; `code` and `fields` let a face translate it."""

    code: str
    fields: dict[str, Any]

    def __new__(cls, code: str, english: str, **fields: Any) -> Said:
        # A path, a user name or an id may come from a file or another user: made safe.
        fields = {k: safe(v) if isinstance(v, str) else safe(str(v)) if isinstance(v, PurePath) else v
                  for k, v in fields.items()}
        text = super().__new__(cls, english.format(**fields))
        text.code, text.fields = code, fields
        return text
