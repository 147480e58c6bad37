"""One history entry in words, the same in `show`, the report and the app's detail pane.

An undo is not an ordinary change: it reads "↶ 撤销 已完成 → 未开始"; an entry a later
undo reverted is marked as undone (struck through where the output can strike).
"""

from __future__ import annotations

from duban.store.model import HistoryEntry
from duban.tui.settings.i18n import Labels
from duban.tui.text.when import local_minute


def change_words(t: Labels, from_: str | None, to: str, note: str | None, undo: bool = False) -> str:
    """'未开始 → 已完成', a bare status for a first entry, '' for a note; an undo says so."""
    if from_ and from_ != to:
        words = f"{t.status(from_)} → {t.status(to)}"
    else:
        words = "" if note else t.status(to)
    return f"↶ {t('hist.undo')} {words}".rstrip() if undo else words


def entry_line(t: Labels, h: HistoryEntry) -> str:
    """'2026-11-26 22:50  tester  未开始 → 已完成  note', with （已撤销） on an undone entry."""
    parts = [local_minute(h.at), h.who, change_words(t, h.from_, h.to, h.note, h.undo), h.note or ""]
    line = "  ".join(p for p in parts if p)
    return f"{line}  {t('hist.undone')}" if h.undone else line
