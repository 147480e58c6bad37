"""Wide characters kept whole where a pane's edge runs under an overlay (a toast).

Textual's compositor cuts every screen line at every widget's edge and renders each
piece on its own.  A double-width character (Chinese) of an overlay that straddles an
edge of a pane beneath it is cut in two, and each half becomes a space: "存储已被其他  新".
Here, two neighbouring pieces of a line that come from the same widget are joined
again when the cut between them falls inside a wide character (the rest of Textual's
rendering is unchanged; partial updates get the joined pieces' ends).
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

from textual._cells import cell_len
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip


def splits_wide_char(strip: Strip, cell: int) -> bool:
    """Does a double-width character of `strip` occupy cells cell-1 and cell?"""
    pos = 0
    for segment in strip:
        text = segment.text
        if segment.control:
            continue
        length = cell_len(text)
        if pos + length < cell:
            pos += length
            continue
        for char in text:
            width = cell_len(char)
            if pos == cell - 1 and width == 2:
                return True
            pos += width
            if pos >= cell:
                return False
    return False


class WholeCharCompositor(Compositor):
    def _render_chops(self, crop: Region, is_rendered_line: Callable[[int], bool]) -> Sequence[Mapping[int, Strip]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        owners: list[dict[int, tuple[Strip, int]]] = [{} for _ in cuts]
        for region, clip, strips in self._get_renders(crop):
            render_region = region.intersection(clip)
            render_x = render_region.x
            first_cut, last_cut = render_region.column_span
            for y, strip in zip(render_region.line_range, strips):
                if not is_rendered_line(y):
                    continue
                line, owner = chops[y], owners[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                for cut, piece in zip(final_cuts, strip.divide([cut - render_x for cut in final_cuts[1:]])):
                    if line.get(cut) is None:  # front to back: the first piece for a cut wins
                        line[cut] = piece
                        owner[cut] = (strip, render_x)
        for y, owner in enumerate(owners):
            if owner:
                chops[y] = self._mend(chops[y], owner, cuts[y][-1])
        return chops  # type: ignore[return-value]

    @staticmethod
    def _mend(line: dict[int, Strip | None], owner: dict[int, tuple[Strip, int]], line_end: int) -> dict[int, Strip | None]:
        keys = list(line)
        if len(keys) < 2:
            return line
        mended: dict[int, Strip | None] = {}
        start = keys[0]
        for index, cut in enumerate(keys[1:], 1):
            left, right = line[keys[index - 1]], line[cut]
            same = (cut in owner and start in owner and owner[cut][0] is owner[start][0])
            if (same and left is not None and right is not None and left.text.endswith(" ")
                    and right.text.startswith(" ") and splits_wide_char(owner[cut][0], cut - owner[cut][1])):
                continue  # join: this cut stays inside the piece that began at `start`
            mended[start] = line[start] if start == keys[index - 1] else _crop(owner[start], start, cut)
            start = cut
        mended[start] = line[start] if start == keys[-1] else _crop(owner[start], start, line_end)
        return mended

    def render_partial_update(self) -> ChopsUpdate | None:
        update = super().render_partial_update()
        if update is not None:
            # Joined pieces end where the next piece of their line begins.
            ends = []
            for y, line in enumerate(update.chops):
                keys = list(line)
                ends.append(keys[1:] + [self.cuts[y][-1]])
            update.chop_ends = ends
        return update


def _crop(owned: tuple[Strip, int], start: int, end: int) -> Strip:
    strip, render_x = owned
    return strip.crop(start - render_x, end - render_x)

