"""``selfeval_transfer``: the 转移支付 绩效自评表 (a transfer payment scored by the region that spent it).

One grid of eleven columns: 转移支付（项目）名称, 中央主管部门, 资金使用单位; 资金投入情况 (全年预算数（A） /
全年执行数（B） / 预算执行率（B/A） per source: 年度资金总额, 其中：中央财政资金, 地方资金 …); 资金管理情况 (item,
情况说明, 存在问题和改进措施); 总体目标 beside 全年实际完成情况; the 绩效指标 rows (一级 / 二级 / 三级 / 指标值 /
全年实际完成值 / 未完成原因和改进措施, with 分值 and 得分 where the table scores its rows).
"""

from __future__ import annotations

from jixiao.model import TargetTable
from jixiao.writers._blocks import Table
from jixiao.writers._fields import expand
from jixiao.writers._layout import Layout
from jixiao.writers.layouts._selfeval import (
    body_with_year_line,
    goals_lines,
    indicator_rows,
    percent,
    scored,
    text_rows,
)
from jixiao.writers.layouts._shared import why

_WIDTHS = [2.2, 4.2, 4.6, 4.2, 4.2, 4.4, 6.0, 2.8, 2.8, 3.6, 3.6]
_N = len(_WIDTHS)


def _scored_rows(table: TargetTable) -> bool:
    return any(ind.max_score is not None or ind.score is not None for ind in table.indicators)


def grid(table: TargetTable) -> Table:
    out = Table(widths=list(_WIDTHS))
    out.add(0, 0, "转移支付（项目）名称", colspan=3, role="label")
    out.add(0, 3, table.project_name, colspan=_N - 3)
    out.add(1, 0, "中央主管部门", colspan=3, role="label")
    out.add(1, 3, table.department, colspan=3)
    out.add(1, 6, "资金使用单位", role="label")
    out.add(1, 7, table.implementing_unit, colspan=_N - 7)
    r = 2
    lines = table.execution
    if lines:
        unit = f"（{table.money_unit}）" if table.money_unit else ""
        out.add(r, 0, f"资金投入情况{unit}", rowspan=len(lines) + 1, role="label")
        out.add(r, 1, "", colspan=3, role="head")
        for col, label in ((4, "全年预算数（A）"), (6, "全年执行数（B）"), (8, "预算执行率（B/A）")):
            out.add(r, col, label, colspan=2 if col < 8 else 3, role="head")
        for k, line in enumerate(lines, 1):
            out.add(r + k, 1, line.label, colspan=3, role="label", align="left")
            out.add(r + k, 4, line.adjusted_budget, colspan=2, number=scored(line.adjusted_budget))
            out.add(r + k, 6, line.executed, colspan=2, number=scored(line.executed))
            out.add(r + k, 8, percent(line.rate), colspan=3)
        r += len(lines) + 1
    items = table.fund_management
    if items:
        out.add(r, 0, "资金管理情况", rowspan=len(items) + 1, role="label")
        out.add(r, 1, "", colspan=2, role="head")
        out.add(r, 3, "情况说明", colspan=4, role="head")
        out.add(r, 7, "存在问题和改进措施", colspan=4, role="head")
        for k, item in enumerate(items, 1):
            out.add(r + k, 1, item.item, colspan=2, role="label", align="left")
            out.add(r + k, 3, item.description, colspan=4, align="left")
            out.add(r + k, 7, item.problems, colspan=4, align="left")
        r += len(items) + 1
    out.add(r, 0, "总体目标完成情况", rowspan=2, role="label")
    out.add(r, 1, "总体目标", colspan=5, role="head")
    out.add(r, 6, "全年实际完成情况", colspan=5, role="head")
    out.add(r + 1, 1, goals_lines(table.annual_goals), colspan=5, align="left")
    out.add(r + 1, 6, table.goals_achieved, colspan=5, align="left")
    r += 2
    scored_rows = _scored_rows(table)
    head: list[tuple[str, tuple[int, int]]] = [
        ("一级指标", (1, 1)),
        ("二级指标", (2, 1)),
        ("三级指标", (3, 2)),
        ("指标值", (5, 1)),
        ("全年实际完成值", (6, 1)),
        ("分值", (7, 1)),
        ("得分", (8, 1)),
        ("未完成原因和改进措施", (9, 2)),
    ]
    if not scored_rows:  # a form published without points: the reason takes their place
        head = [*head[:5], ("未完成原因和改进措施", (7, 4))]
    out.add(r, 0, "绩效指标", rowspan=len(table.indicators) + 1, role="label")
    for label, (col, span) in head:
        out.add(r, col, label, colspan=span, role="head")
    cols: list[tuple[int, int] | None] = [span for _, span in head]
    if not scored_rows:  # no 分值 / 得分 columns: their values are all null, so nothing is lost
        cols = [*cols[:5], None, None, cols[5]]
    r = indicator_rows(out, r + 1, table, cols)
    if table.total_max_score is not None or table.total_score is not None:
        out.add(r, 0, "总分", colspan=7, role="label")
        out.add(r, 7, table.total_max_score, number=scored(table.total_max_score))
        out.add(r, 8, table.total_score, number=scored(table.total_score))
        out.add(r, 9, "", colspan=2)
        r += 1
    text_rows(out, r, table, _N)
    return out


_NOT_PRINTED = "the 转移支付 自评表 has no cell for it"

LAYOUT = Layout(
    name="selfeval_transfer",
    label="转移支付绩效自评表",
    label_en="Transfer-payment self-evaluation",
    description=(
        "The 转移支付 绩效自评表: 资金投入情况 per source (全年预算数（A） / 全年执行数（B） / 预算执行率（B/A）), "
        "资金管理情况, 总体目标 / 全年实际完成情况, indicator rows with 全年实际完成值 and 未完成原因和改进措施."
    ),
    body=body_with_year_line(grid),
    prints=(("self_evaluation", "transfer_payment"),),
    order=55,
    default_title="转移支付绩效自评表",
    numbered_title=False,
    carries=expand(
        "kind subject title year department implementing_unit project_name money_unit "
        "execution.label execution.adjusted_budget execution.executed execution.rate fund_management.* "
        "annual_goals goals_achieved level1_max_scores total_max_score total_score execution_note grade conclusion "
        "problems improvements "
        "level1 level2 name value op number unit actual actual_number actual_unit max_score score deviation"
    ),
    not_carried=why(
        {
            "seq form_label unit_code unit_name project_code project_attribute function manager manager_phone "
            "budget_execution_weight purpose midterm_goal midterm_period spending_plan.* funds.* tasks.*": _NOT_PRINTED,
            "department_plans": "a self-evaluation has no 部门整体绩效目标 part",
            "execution.initial_budget execution.adjustment execution.balance execution.balance_rate "
            "execution.max_score execution.score": "资金投入情况 prints 全年预算数 / 全年执行数 / 预算执行率 only",
            "description overall_value basis nature history weight weight_this_year direction remark": (
                "a self-evaluation prints the target (指标值) only"
            ),
            "progress forecast on_track measures": "monitoring fields, printed in the 绩效运行监控表 (monitoring_project)",
        }
    ),
)
