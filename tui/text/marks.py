"""The characters that say an item's status and urgency without colour, shared by the
command line and the app (no rich or textual here: the command line imports it)."""

GLYPH = {"todo": "○", "doing": "◐", "done": "●", "blocked": "✕"}
MARK = {"red": "!", "yellow": "~", "green": " "}
