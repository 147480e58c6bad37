"""One history entry in words: the one renderer behind `show`, `log`, the report, the
app's detail pane and the messages after a change (`undo`, `edit`, the app's toasts).

Every kind of entry reads through here: a status change ("未开始 → 已完成", a bare status
for a first entry), a progress note, an undo ("↶ 撤销 已完成 → 未开始"), an adjustment
(text, units, a deadline as 延期 with how far it moved, sign-off, withdrawal, carry-over:
tui/text/adjust.py says what changed) with its reason, and an entry a later undo
reverted (marked undone; struck through where the output can strike).
"""

from __future__ import annotations

from dataclasses import dataclass

from duban.tui.settings.i18n import Labels
from duban.tui.text.adjust import describe_change
from duban.tui.text.when import local_minute

TYPE_CHECKING = False  # typing's flag without importing typing (3 ms of a quick check)
if TYPE_CHECKING:
    from duban.store.model import HistoryEntry
    from duban.store.records import Change


def change_words(t: Labels, from_: str | None, to: str, note: str | None, undo: bool = False) -> str:
    """'未开始 → 已完成', a bare status for a first entry, '' for a note; an undo says so."""
    if from_ and from_ != to:
        words = f"{t.status(from_)} → {t.status(to)}"
    else:
        words = "" if note else t.status(to)
    return f"↶ {t('hist.undo')} {words}".rstrip() if undo else words


@dataclass(frozen=True)
class EntryWords:
    """An entry's parts in words, for a face to lay out (a line, table columns, styles)."""

    at: str      # local time, to the minute
    who: str     # the login, and the display name beside it
    what: str    # what changed ('' for a bare progress note)
    why: str     # an adjustment's reason, as a phrase ('（理由：…）'), else ''
    note: str    # the progress note, else ''
    undo: bool   # this entry undid an earlier one
    undone: bool  # a later undo reverted this one
    undone_mark: str  # '（已撤销）' where undone, else ''

    @property
    def change(self) -> str:
        """What changed and why, as one phrase."""
        return self.what + self.why

    @property
    def remark(self) -> str:
        """The note column of a table: the progress note, else the reason."""
        return self.note or self.why.strip()

    def line(self) -> str:
        """'2026-11-26 22:50  tester  未开始 → 已完成  note', with （已撤销） on an undone entry."""
        line = "  ".join(p for p in (self.at, self.who, self.change, self.note) if p)
        return f"{line}  {self.undone_mark}" if self.undone else line


def entry_words(t: Labels, h: HistoryEntry | Change) -> EntryWords:
    """Any history entry (or a Change, which reads as its entry) in the user's language."""
    if h.field:  # an adjustment: what, old → new (a deadline: 延期 by how long)
        what = describe_change(t, h.field, h.old, h.new, h.undo)
        why = t("field.because", reason=h.reason) if h.reason else ""
    else:
        what, why = change_words(t, h.from_, h.to, h.note, h.undo), ""
    return EntryWords(local_minute(h.at), h.who, what, why, h.note or "", h.undo, h.undone,
                      t("hist.undone") if h.undone else "")


def entry_line(t: Labels, h: HistoryEntry | Change) -> str:
    """The entry as one line (`show`)."""
    return entry_words(t, h).line()
