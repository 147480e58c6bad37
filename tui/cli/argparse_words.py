"""argparse's messages said in the user's language, on one line, with where to read more.

argparse words its errors in English (and prints them on two lines with the usage);
the command line promises one line on stderr in the user's language and exit 2.
Each pattern below is one of argparse's own message templates (Python 3.11+).
"""

from __future__ import annotations

import os
import re

# argparse template (as a pattern) → catalogue key; the groups become the fields.
PATTERNS = [
    (re.compile(r"unrecognized arguments: (?P<args>.*)"), "unrecognized"),
    (re.compile(r"the following arguments are required: (?P<args>.*)"), "required"),
    (re.compile(r"argument (?P<arg>[^:]+): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)"),
     "choice"),
    (re.compile(r"argument (?P<arg>[^:]+): invalid (?P<type>\w+) value: '(?P<value>.*)'"), "value"),
    (re.compile(r"argument (?P<arg>[^:]+): expected one argument"), "one_value"),
    (re.compile(r"argument (?P<arg>[^:]+): expected at least one argument"), "some_value"),
    (re.compile(r"argument (?P<arg>[^:]+): ignored explicit argument '(?P<value>.*)'"), "no_value"),
    (re.compile(r"ambiguous option: (?P<arg>\S+) could match (?P<choices>.*)"), "ambiguous"),
]


def _lang(argv: list[str]) -> str:
    """The user's language without parsed arguments: --lang, else $DUBAN_LANG, else the config."""
    for n, word in enumerate(argv):
        if word == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    if os.environ.get("DUBAN_LANG"):
        return os.environ["DUBAN_LANG"]
    try:
        from duban.tui.settings.config import load_settings

        return load_settings(None, None).lang
    except Exception:  # noqa: BLE001 - a broken config must not hide the argument error
        return "zh"


def say_argument_error(message: str, prog: str, argv: list[str]) -> str:
    """One line: what was wrong, in the user's language, and the command's --help."""
    from duban.tui.settings.i18n import LANGS, Labels

    lang = _lang(argv)
    t = Labels(lang if lang in LANGS else "zh")
    hint = t("argerr.help", command=prog)
    for pattern, key in PATTERNS:
        m = pattern.fullmatch(message.strip())
        if m:
            fields = {k: v.replace("'", "") for k, v in m.groupdict().items()}
            if key == "value":
                fields["type"] = t(f"argerr.type_{fields['type']}") if fields["type"] in ("int", "float") else fields["type"]
            return f"{t('argerr.' + key, **fields)}{hint}"
    return f"{message}{hint}"  # a message we do not know yet: said as argparse says it
