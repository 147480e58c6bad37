"""History identity and undo (issue 8, item 13): the login of the process's uid is
recorded, whatever the environment says; a display name is shown beside it; undo
reverts only your own changes and refuses, naming who and when, when someone else
changed the item after you (`--force` on the command line, a confirm in the app)."""

from __future__ import annotations

import json
import pwd
from pathlib import Path

import pytest

from duban.store.repository import Repository
from tests.conftest import Cli, plan_file

ME = pwd.getpwuid(__import__("os").getuid()).pw_name


@pytest.fixture
def loaded(cli: Cli) -> Cli:
    cli("import", "--key", "p1", str(plan_file("001")))
    return cli


def test_the_environment_cannot_forge_who_made_a_change(loaded: Cli) -> None:
    forged = {"DUBAN_USER": "alice", "LOGNAME": "alice", "USER": "alice"}
    loaded("set", "p1.1", "done", env=forged)
    entry = loaded.json("show", "p1.1")["history"][-1]
    assert entry["by"] == ME and entry.get("name") == "alice", entry
    assert f"{ME} (alice)" in loaded("log").stdout, "the display name beside the login, never instead"


def test_undo_cannot_take_back_a_colleagues_change_by_borrowing_their_name(loaded: Cli, store_path: Path) -> None:
    Repository(store_path, user="alice").set_status(["p1.2"], "blocked")
    proc = loaded("undo", env={"DUBAN_USER": "alice", "LOGNAME": "alice", "USER": "alice"}, check=False)
    assert proc.returncode == 2 and "没有可撤销的更改" in proc.stderr
    assert loaded.json("show", "p1.2")["status"] == "blocked"


def test_undo_refuses_when_someone_changed_the_item_after_you(loaded: Cli, store_path: Path) -> None:
    loaded("set", "p1.1", "doing")
    Repository(store_path, user="bob").set_status(["p1.1"], "done")
    before = store_path.with_name("store.plans").joinpath("p1.json").read_bytes()
    proc = loaded("undo", check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "bob" in proc.stderr and "--force" in proc.stderr and "p1.1" in proc.stderr
    at = json.loads(loaded("log", "p1.1", "--json").stdout)[0]["at"][:16].replace("T", " ")
    assert at in proc.stderr, "says when"
    assert store_path.with_name("store.plans").joinpath("p1.json").read_bytes() == before, "nothing changed"
    english = loaded("--lang", "en", "undo", check=False).stderr
    assert "changed by bob at" in english
    loaded("undo", "--force")
    shown = loaded.json("show", "p1.1")
    assert shown["status"] == "todo" and shown["history"][-1]["undo"]


def test_undo_of_your_own_later_change_needs_no_force(loaded: Cli, store_path: Path) -> None:
    Repository(store_path, user="bob").set_status(["p1.3"], "doing")
    loaded("set", "p1.3", "done")
    loaded("undo")
    assert loaded.json("show", "p1.3")["status"] == "doing", "bob's change before mine stays"


async def test_the_app_asks_before_undoing_over_a_colleagues_change(tmp_path: Path, monkeypatch) -> None:
    from duban.store.importer import read_plan
    from duban.tui.app.app import make_app
    from duban.tui.app.screens.confirm import ConfirmScreen
    from duban.tui.settings.config import load_settings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = tmp_path / "store" / "store.json"
    Repository(store, user="import").import_plan(read_plan(plan_file("000"), "p1"))
    app = make_app(load_settings(store=str(store)))

    def status() -> str:
        return next(i for i in Repository(store).load().items if i.id == "p1.1").status

    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # p1.1: doing
        assert status() == "doing"
        Repository(store, user="bob").set_status(["p1.1"], "done")
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "bob" in str(app.screen.question)
        await pilot.press("n")
        await pilot.pause()
        assert status() == "done", "declined: bob's change stays"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert status() == "todo", "confirmed: my change is reverted"
