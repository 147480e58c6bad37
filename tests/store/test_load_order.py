"""Items are listed in their plan's order (by number) whatever order a plan file holds
them in: duban writes them in order, a hand-edited or foreign-written file may not."""

from __future__ import annotations

import json
from pathlib import Path


def test_items_come_in_order_from_a_file_that_holds_them_out_of_order(sample, store_path: Path) -> None:  # noqa: ANN001
    before = [d["id"] for d in json.loads(sample("ls", "--json").stdout)]
    plan = store_path.with_name(store_path.stem + ".plans") / "s.json"
    data = json.loads(plan.read_text(encoding="utf-8"))
    data["items"] = dict(reversed(list(data["items"].items())))
    plan.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    after = [d["id"] for d in json.loads(sample("ls", "--json").stdout)]
    assert len(before) > 3 and after == before
