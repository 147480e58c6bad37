"""The 督办 loop's subcommands for the parser (issue 10): argparse only, so building the
parser stays as cheap as before; tui/cli/adjust.py does the work."""

from __future__ import annotations

import argparse

from duban.tui.cli.parser import Handler, command


def add_arguments(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The loop's subcommands and options (called from tui/cli/main.py)."""
    p = command(sub, "edit", common, Handler("duban.tui.cli.adjust", "cmd_edit"),
                help="adjust an item: text, units, deadline (a 延期), with a reason")
    p.add_argument("id")
    p.add_argument("--text")
    p.add_argument("--lead", nargs="+", metavar="UNIT", help="the lead units (牵头), replacing them")
    p.add_argument("--units", nargs="+", metavar="UNIT", help="the responsible units (责任), replacing them")
    p.add_argument("--deadline", metavar="PHRASE", help="年底前, 2021年12月15日前, 2021-12-15 …")
    p.add_argument("--reason", help="why (required; it goes into the history)")

    p = command(sub, "add", common, Handler("duban.tui.cli.adjust", "cmd_add"),
                help="add an item (or a task) to a plan: duban add --plan K --under NODE TEXT")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--plan", required=True, metavar="KEY")
    p.add_argument("--under", metavar="NODE", help="main or work task: its id (m1, m1.2), number (一) or title")
    p.add_argument("--lead", nargs="+", default=[], metavar="UNIT")
    p.add_argument("--units", nargs="+", default=[], metavar="UNIT")
    p.add_argument("--deadline", metavar="PHRASE")
    p.add_argument("--reason")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--work-task", action="store_true", help="TEXT is a work task's title, under a main task")
    kind.add_argument("--main-task", action="store_true", help="TEXT is a new main task's title")

    p = command(sub, "rm", common, Handler("duban.tui.cli.adjust", "cmd_rm"),
                help="withdraw items (kept in history, out of counts); --undo restores")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--reason")
    p.add_argument("--undo", action="store_true", help="restore withdrawn items")

    p = command(sub, "signoff", common, Handler("duban.tui.cli.adjust", "cmd_signoff"),
                help="sign off (销号) items units reported done, on evidence")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--evidence", help="a link, a document number or a file name")
    p.add_argument("--undo", action="store_true", help="cancel a sign-off (needs --reason)")
    p.add_argument("--reason")

    p = command(sub, "carry", common, Handler("duban.tui.cli.adjust", "cmd_carry"),
                help="回头看: copy plan K's unfinished items into next year's plan")
    p.add_argument("key", metavar="K")
    p.add_argument("--into", required=True, metavar="K2")
    p.add_argument("--dry-run", action="store_true", help="write nothing; list what would be carried")
