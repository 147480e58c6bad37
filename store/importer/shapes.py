"""Text with no header row: a plan written as prose, or page text cut into fragments."""

from __future__ import annotations

from duban.store.importer.rows import Options


def other_shapes(lines: list[str], name: str, opts: Options):
    from duban.store.importer.fragments import fragment_table
    from duban.store.importer.prose import prose_table

    return prose_table(lines) or fragment_table(lines)
