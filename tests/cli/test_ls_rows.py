"""`duban ls` draws its rows from the stored documents (no Item per row): each row says
what `show` says of the item — status as the 督办 loop sets it (撤销, 销号, reopened after a
sign-off), the unit it goes by through the user's aliases, the deadline as written."""

from __future__ import annotations

import json
from pathlib import Path


def _rows(out: str) -> dict[str, str]:
    return {line.split()[0]: line for line in out.splitlines()[2:-1] if line.strip()}


def test_the_rows_say_what_show_says(sample, cli_env: dict[str, str]) -> None:  # noqa: ANN001
    sample("set", "s.1", "s.2", "done")
    sample("signoff", "s.1", "s.2", "--evidence", "青公开〔2026〕1号")
    sample("set", "s.2", "doing")  # reopened and done again: its sign-off no longer counts
    sample("set", "s.2", "done")
    sample("rm", "s.3", "--reason", "并入s.4")
    config = Path(cli_env["XDG_CONFIG_HOME"]) / "duban"
    config.mkdir(parents=True, exist_ok=True)
    (config / "aliases.toml").write_text('"司法局（青禾区）" = ["区司法局"]\n', encoding="utf-8")
    rows = _rows(sample("ls", "--withdrawn", "--as-of", "2026-11-01", "--width", "200").stdout)
    assert "已销号" in rows["s.1"] and "已销号" not in rows["s.2"] and "已完成" in rows["s.2"]
    assert "已撤销" in rows["s.3"]
    at = max(map(len, rows)) + 2  # the mark's column: after the id column and the gap
    for item in json.loads(sample("ls", "--as-of", "2026-11-01", "--json").stdout):
        row = rows[item["id"]]
        lead = (item["lead_units"] or item["units"] or [""])[0]
        assert lead[:6] in row, (lead, row)  # the column holds 16 cells: a long name is cut
        due = item["deadline"]["due"] + ("*" if item["deadline"]["kind"] == "implicit" else "")
        assert due in row or item["deadline"]["kind"] == "all_year", (due, row)
        mark = {"red": "!", "yellow": "~", "green": " "}[item["light"]]
        assert row[at] == mark, (item["light"], row)
    assert "司法局（青禾区）" in rows["s.1"]  # the alias, not the name as the plan wrote it
