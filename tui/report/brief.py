"""One paragraph for the body of meeting minutes (`duban report --brief`), from the same
Summary as the report, so the numbers agree:

截至11月26日，全区52项任务中已完成2项、进行中46项、未开始4项，逾期0项；完成率3.8%。
逾期事项主要集中在“…”（区司法局3项、…）。
"""

from __future__ import annotations

import re

from duban.store.remind import standings
from duban.store.summary import Summary
from duban.tui.settings.i18n import Labels

ORDER = ("done", "doing", "todo", "blocked")
REGION_SUFFIXES = "省市区县旗镇乡州盟"  # 全区, 全县, 全市 …
FOCUS_TASKS, FOCUS_UNITS = 2, 5
_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])\s*")


def _date(t: Labels, s: Summary) -> str:
    d = s.as_of
    fields = {"y": d.year, "m": d.month, "d": d.day, "month_name": f"{d:%B}"}
    return t("brief.as_of_md" if d.year in s.years or not s.years else "brief.as_of_ymd", **fields)


def _scope(t: Labels, s: Summary) -> str:
    if len(s.regions) == 1:
        region = s.regions[0]
        if t.lang == "zh":
            return t("brief.whole", suffix=region[-1]) if region[-1] in REGION_SUFFIXES else region
        return t("brief.whole", region=region)
    return "" if t.lang == "zh" else t("brief.all")


def _rate(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def brief(t: Labels, s: Summary, items: list) -> str:  # noqa: ANN001 - the summarised items
    o = s.overview
    if not o.items:
        return t("brief.empty")
    parts = t("brief.sep").join(t("brief.part", status=t(f"brief.st_{k}"), n=o.by_status[k])
                                for k in ORDER if o.by_status[k] or k != "blocked")
    text = t("brief.lead", date=_date(t, s), scope=_scope(t, s), total=o.items, parts=parts, overdue=o.overdue,
             rate=_rate(o.rate))
    if o.overdue:
        units = [x for x in standings(items, s.as_of) if x.tally.overdue][:FOCUS_UNITS]
        unit_text = t("brief.sep").join(t("bulletin.entry", unit=x.unit, count=x.tally.overdue) for x in units)
        tasks = sorted((g for g in s.by_main_task if g.tally.overdue), key=lambda g: -g.tally.overdue)[:FOCUS_TASKS]
        labels = [_NUMBERING.sub("", g.label).strip() for g in tasks if g.label and g.label != "—"]
        if labels:
            task_text = t("brief.task_sep").join(t("brief.task", label=x) for x in labels)
            text += t("brief.focus", tasks=task_text, units=unit_text)
        elif unit_text:
            text += t("brief.focus_units", units=unit_text)
    return text
