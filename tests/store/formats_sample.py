"""Our own plan table (written for these tests in the style of real plans) and what a
correct import of it yields, whatever format it arrives in."""

from __future__ import annotations

from tests.store.formats_writers import Sheet, Span

HEADERS = ["序号", "主要任务", "工作任务", "具体事项", "牵头单位", "责任单位", "完成时限"]

ROWS: list[list[str | None] | Span] = [
    ["1", "一、深化重点领域信息公开", "（一）推进财政信息公开", "公开区级部门预算和决算。", "区财政局", "区直各部门", "2022年6月30日前"],
    ["2", None, None, "公开政府债务限额和余额。\n按季度更新。", "区财政局", None, "年底前"],
    ["3", None, "（二）推进重大项目信息公开", "公开重大建设项目批准和实施信息。", "区发展和改革局", "区住房城乡建设局、区交通运输局",
     "贯穿全年"],
    ["4", None, None, "公开征地补偿信息。", "区自然资源局", "各镇人民政府", "10月底前"],
    ["5", "二、加强政务公开平台建设", "（一）办好政府网站", "规范政府网站栏目设置。", "区政府办公室", "区大数据中心", "2022年9月30日前"],
    ["6", None, None, "每月检查一次错链断链。", "区大数据中心", "", "贯穿全年"],
    ["7", None, "（二）办好政务新媒体", "整合关停功能相近的政务新媒体。", "区委网信办", "区直各部门、各镇人民政府", "11月底前"],
    ["8", None, None, "建立政务新媒体审核制度。", "区委网信办", None, "年底前"],
]

# (number, main task, work task, text, lead units, all units, deadline raw, due, kind)
EXPECTED = [
    ("1", "深化重点领域信息公开", "推进财政信息公开", "公开区级部门预算和决算。", ["区财政局"], ["区财政局", "区直各部门"],
     "2022年6月30日前", "2022-06-30", "date"),
    ("2", "深化重点领域信息公开", "推进财政信息公开", "公开政府债务限额和余额。按季度更新。", ["区财政局"], ["区财政局"],
     "年底前", "2022-12-31", "date"),
    ("3", "深化重点领域信息公开", "推进重大项目信息公开", "公开重大建设项目批准和实施信息。", ["区发展和改革局"],
     ["区发展和改革局", "区住房城乡建设局", "区交通运输局"], "贯穿全年", "2022-12-31", "all_year"),
    ("4", "深化重点领域信息公开", "推进重大项目信息公开", "公开征地补偿信息。", ["区自然资源局"],
     ["区自然资源局", "各镇人民政府"], "10月底前", "2022-10-31", "date"),
    ("5", "加强政务公开平台建设", "办好政府网站", "规范政府网站栏目设置。", ["区政府办公室"], ["区政府办公室", "区大数据中心"],
     "2022年9月30日前", "2022-09-30", "date"),
    ("6", "加强政务公开平台建设", "办好政府网站", "每月检查一次错链断链。", ["区大数据中心"], ["区大数据中心"],
     "贯穿全年", "2022-12-31", "all_year"),
    ("7", "加强政务公开平台建设", "办好政务新媒体", "整合关停功能相近的政务新媒体。", ["区委网信办"],
     ["区委网信办", "区直各部门", "各镇人民政府"], "11月底前", "2022-11-30", "date"),
    ("8", "加强政务公开平台建设", "办好政务新媒体", "建立政务新媒体审核制度。", ["区委网信办"], ["区委网信办"],
     "年底前", "2022-12-31", "date"),
]

NOTICE = ["某区人民政府办公室关于印发某区2022年政务公开工作任务分解表的通知",
          "各镇人民政府，区直各部门：", "现将任务分解表印发给你们，请认真抓好落实。"]
AFTER = ["抄送：区委办公室，区人大常委会办公室。", "某区人民政府办公室 2022年3月1日印发"]


def sheet(**extra) -> Sheet:
    return Sheet(list(HEADERS), [list(r) if isinstance(r, list) else r for r in ROWS], **extra)


def summary(result) -> list[tuple]:
    """The imported items in the shape of EXPECTED."""
    plan = result.plan
    title = lambda node_id: plan.node(node_id).title if node_id else None  # noqa: E731
    return [(i.number, title(i.main), title(i.work), i.text, i.lead_units, i.units, i.deadline.raw, i.deadline.due,
             i.deadline.kind) for i in result.items]
