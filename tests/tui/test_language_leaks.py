"""Issue 9.20: every screen, dialog, prompt, toast and footer in one language only.

Each screen is rendered (the compositor's lines: what the terminal gets) in both
languages; no phrase of the other language's catalogue may appear, nor Textual's own
English (palette, Keys, Maximize …).  Imported plan text is Chinese in both languages,
so a Chinese phrase that also occurs in the plans does not count as a leak."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duban.store.repository import Repository
from duban.tui.app.app import make_app
from duban.tui.settings.config import load_settings
from tests.tui.burst import burst
from tests.tui.catalogue import label_files
from tests.tui.conftest import TODAY, write_config
from tests.tui.waiting import palette_listed, until

SECTIONS = ("app", "action", "footer", "show", "status", "light", "kind", "palette", "legend", "export")
TEXTUAL_ENGLISH = ("palette", "Search for commands", "Maximize", "Screenshot", "No matches found",
                   "Change the current theme", "Quit the application")


def fragments(lang: str) -> set[str]:
    out: set[str] = set()
    for section in SECTIONS:
        for value in label_files(lang).get(section, {}).values():
            for piece in re.split(r"\{[^}]*\}", str(value)):
                piece = piece.strip(" :：()（）“”\"'…·,，、/")
                if lang == "en" and len(piece) >= 4 and re.search(r"[a-z]{3}", piece):
                    out.add(piece)
                if lang == "zh" and len(piece) >= 2 and re.search(r"[\u4e00-\u9fff]{2}", piece):
                    out.add(piece)
    return out - {"duban"}  # the product's name, in both


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def screens(app, pilot) -> list[tuple[str, str]]:
    """(what, text on screen) for every screen, pane, dialog, prompt and toast."""
    shots = []
    await pilot.pause()
    shots.append(("main", screen_text(app)))
    await pilot.press("3")  # a toast
    await pilot.pause()
    shots.append(("toast", screen_text(app)))
    await pilot.press("u")
    for key, what in (("f", "units"), ("f", None), ("c", "calendar"), ("c", None)):
        await pilot.press(key)
        await pilot.pause()
        if what:
            shots.append((what, screen_text(app)))
    for key, what in (("slash", "search prompt"), ("n", "note prompt"), ("e", "export prompt")):
        await pilot.press(key)
        await pilot.pause()
        shots.append((what, screen_text(app)))
        await pilot.press("escape")
    await pilot.press("k")  # a task: its detail, then the confirm dialog
    await pilot.pause()
    shots.append(("task detail", screen_text(app)))
    await pilot.press("3")
    await pilot.pause()
    shots.append(("confirm", screen_text(app)))
    await pilot.press("n")
    await pilot.press("question_mark")
    await pilot.pause()
    help_body = str(app.screen.query_one("Static").render())
    shots.append(("help", help_body))
    await pilot.press("escape")
    await pilot.press("ctrl+p")
    await until(pilot, lambda: palette_listed(app), "the palette lists its commands")
    shots.append(("palette", screen_text(app)))
    await burst(pilot, "zzzzqqq")
    await pilot.pause(0.8)
    shots.append(("palette, no match", screen_text(app)))
    return shots


@pytest.mark.parametrize("lang,other", [("zh", "en"), ("en", "zh")])
async def test_no_string_of_the_other_language(store: Path, isolated: Path, lang: str, other: str) -> None:
    write_config(isolated, f'lang = "{lang}"\n')
    app = make_app(load_settings(store=str(store)), today=TODAY)
    corpus = ""
    forbidden = fragments(other) - fragments(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        held = Repository(store).load()  # the imported text, as the store file holds it
        corpus = "\n".join([i.text + " ".join(i.units) + i.units_raw + i.deadline.raw for i in held.items]
                           + [p.title for p in held.plans]
                           + [n.label for p in held.plans for n in p.nodes])
        shots = await screens(app, pilot)
    leaks = []
    for what, text in shots:
        for phrase in forbidden:
            if phrase in text and phrase not in corpus:
                leaks.append(f"{what}: {phrase!r}")
        if lang == "zh":
            leaks += [f"{what}: Textual's {w!r}" for w in TEXTUAL_ENGLISH if w in text]
        else:  # an English label with Chinese punctuation after it ("Main task：")
            leaks += [f"{what}: {m!r}" for m in re.findall(r"[A-Za-z][A-Za-z ]*[：，、]", text)]
    assert not leaks, "\n".join(sorted(set(leaks)))


async def test_english_footer_fits_80_columns(store: Path, isolated: Path) -> None:
    write_config(isolated, 'lang = "en"\n')
    app = make_app(load_settings(store=str(store)), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_text(app).splitlines()[-1].strip(), "the footer drawn")
        footer = screen_text(app).splitlines()[-1]
        for word in ("done", "note", "search", "units", "calendar", "help", "quit", "commands"):
            assert word in footer, f"{word!r} cut from the footer: {footer!r}"
