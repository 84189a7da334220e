"""``selfeval_project``: the 项目支出绩效自评表 in the central layout (国家信访局 2024 决算, pp. 28–34).

One grid of eleven columns: 项目名称, 主管部门 / 实施单位, the 项目资金（万元） block (年初预算数 / 全年预算数 /
全年执行数 / 分值 / 执行率 / 得分 per fund line), 年度总体目标 (预期目标 / 实际完成情况), the 绩效指标 rows
(一级 / 二级 / 三级 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施), and 总分; level-1 points
in the 一级指标 cell (产出指标（50分）) and label rows after 总分 (偏差原因, 评价等级, 评价结论, 存在问题, 改进措施)
where the table has them.
"""

from __future__ import annotations

from jixiao.model import TargetTable
from jixiao.writers._blocks import Table
from jixiao.writers._fields import expand
from jixiao.writers._layout import Layout
from jixiao.writers.layouts._selfeval import (
    INDICATOR_HEAD,
    body_with_year_line,
    goals_lines,
    indicator_rows,
    percent,
    project_rows,
    scored,
    text_rows,
)
from jixiao.writers.layouts._shared import why

# columns: 0 side label | 1 一级 | 2 二级 | 3-4 三级 | 5 年度指标值 | 6 实际完成值 | 7 分值 | 8 得分 | 9-10 偏差
_WIDTHS = [2.2, 4.2, 4.6, 4.2, 4.2, 4.4, 6.0, 2.8, 2.8, 3.6, 3.6]
_INDICATOR_COLS = ((1, 1), (2, 1), (3, 2), (5, 1), (6, 1), (7, 1), (8, 1), (9, 2))
_FUND_HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")


def grid(table: TargetTable) -> Table:
    out = Table(widths=list(_WIDTHS))
    n = len(_WIDTHS)
    r = project_rows(out, table, n)
    lines = table.execution
    unit = f"（{table.money_unit}）" if table.money_unit else ""
    out.add(r, 0, f"项目资金{unit}", colspan=2, rowspan=len(lines) + 1, role="label")
    out.add(r, 2, "", colspan=2, role="label")
    for label, (col, span) in zip(_FUND_HEAD, ((4, 1), (5, 1), (6, 1), (7, 1), (8, 2), (10, 1)), strict=True):
        out.add(r, col, label, colspan=span, role="head")
    for k, line in enumerate(lines, 1):
        out.add(r + k, 2, line.label, colspan=2, role="label")
        for (col, span), text in zip(
            ((4, 1), (5, 1), (6, 1), (7, 1), (8, 2), (10, 1)),
            (line.initial_budget, line.adjusted_budget, line.executed, line.max_score, percent(line.rate), line.score),
            strict=True,
        ):
            number = None if col == 8 else scored(text)
            out.add(r + k, col, text, colspan=span, number=number)
    r += len(lines) + 1
    out.add(r, 0, "年度总体目标", rowspan=2, role="label")
    out.add(r, 1, "预期目标", colspan=5, role="head")
    out.add(r, 6, "实际完成情况", colspan=5, role="head")
    out.add(r + 1, 1, goals_lines(table.annual_goals), colspan=5, align="left")
    out.add(r + 1, 6, table.goals_achieved, colspan=5, align="left")
    r += 2
    out.add(r, 0, "绩效指标", rowspan=len(table.indicators) + 1, role="label")
    for label, (col, span) in zip(INDICATOR_HEAD, _INDICATOR_COLS, strict=True):
        out.add(r, col, label, colspan=span, role="head")
    r = indicator_rows(out, r + 1, table, _INDICATOR_COLS)
    out.add(r, 0, "总分", colspan=7, role="label")
    out.add(r, 7, table.total_max_score, number=scored(table.total_max_score))
    out.add(r, 8, table.total_score, number=scored(table.total_score))
    out.add(r, 9, "", colspan=2)
    text_rows(out, r + 1, table, n)
    return out


_NOT_PRINTED = "the central 项目支出绩效自评表 has no cell for it"

LAYOUT = Layout(
    name="selfeval_project",
    label="项目支出绩效自评表",
    label_en="Project self-evaluation (central layout)",
    description=(
        "The 项目支出绩效自评表 as the central departments publish it in their 决算: 项目资金 block per fund line, "
        "预期目标 / 实际完成情况, indicator rows with 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施, 总分."
    ),
    body=body_with_year_line(grid),
    prints=(("self_evaluation", "project"), ("self_evaluation", None)),
    order=50,
    default_title="项目支出绩效自评表",
    numbered_title=False,
    carries=expand(
        "kind subject title year department implementing_unit project_name money_unit "
        "execution.label execution.initial_budget execution.adjusted_budget execution.executed execution.rate "
        "execution.max_score execution.score execution_note annual_goals goals_achieved level1_max_scores "
        "total_max_score total_score grade conclusion problems improvements "
        "level1 level2 name value op number unit actual actual_number actual_unit max_score score deviation"
    ),
    not_carried=why(
        {
            "seq form_label unit_code unit_name project_code project_attribute function manager manager_phone "
            "budget_execution_weight purpose midterm_goal midterm_period spending_plan.* funds.*": _NOT_PRINTED,
            "department_plans": "a self-evaluation has no 部门整体绩效目标 part",
            "tasks.*": "the 年度主要任务 grid is the department table's (selfeval_department)",
            "execution.adjustment execution.balance execution.balance_rate": (
                "the 项目资金 block prints 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 only"
            ),
            "fund_management.*": "no 资金管理情况 block in the central layout (a transfer-payment table's)",
            "description overall_value basis nature history weight weight_this_year direction remark": (
                "a self-evaluation prints the target (年度指标值) only"
            ),
            "progress forecast on_track measures": "monitoring fields, printed in the 绩效运行监控表 (monitoring_project)",
        }
    ),
)
