"""``selfeval_department``: the 部门整体支出绩效自评表 (a department's whole year, scored).

One landscape grid of twelve columns: 部门（单位）名称, the 年度主要任务 grid (任务名称 / 主要内容 / 完成情况, 全年预算数
and 全年执行数 split 总额 / 财政拨款 / 其他资金, 分值 / 执行率 / 得分, closed by the 金额合计 execution line), the
funds grid with its circled columns (年初预算安排金额① … 资金结余率⑦, 分值, 得分; rows 合计, 财政资金小计, ①中央 …),
年度总体目标, the indicator rows, then 总分值 / 评价总分（S） / 评价等级.
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import ExecutionLine, TargetTable, TaskAmounts
from jixiao.writers._blocks import Table
from jixiao.writers._fields import expand
from jixiao.writers._layout import Layout
from jixiao.writers.layouts._selfeval import (
    INDICATOR_HEAD,
    body_with_year_line,
    goals_lines,
    indicator_rows,
    percent,
    scored,
    text_rows,
)
from jixiao.writers.layouts._shared import why

# column 0 holds each block's side label (年度主要任务, 预算执行情况, 年度总体目标, 绩效指标), merged down the block
_WIDTHS = [2.2, 5.0, 7.0, 6.0, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 2.8, 3.2, 2.8]
_N = len(_WIDTHS)
_INDICATOR_COLS = ((1, 1), (2, 1), (3, 2), (5, 2), (7, 2), (9, 1), (10, 1), (11, 2))
_FUNDS_HEAD = (
    "年初预算安排金额①",
    "年中调整金额②",
    "小计③=①+②",
    "年度拨付金额④",
    "支出实现率⑤=④/③",
    "结余金额⑥=③-④",
    "资金结余率⑦=⑥/③",
    "分值",
    "得分",
)
_FUNDS_COLS = ((3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1), (10, 1), (11, 2))
TASK_TOTAL = "金额合计"  # the task grid's total row, an execution line by the spec


def _amounts(out: Table, r: int, col: int, amounts: TaskAmounts | None) -> None:
    a = amounts or TaskAmounts()
    for k, text in enumerate((a.total, a.fiscal, a.other)):
        out.add(r, col + k, text, number=scored(text))


def _tasks(out: Table, r: int, table: TargetTable, total: ExecutionLine | None) -> int:
    if not table.tasks and total is None:
        return r
    rows = 2 + len(table.tasks) + (total is not None)
    out.add(r, 0, "年度主要任务", rowspan=rows, role="label")
    for col, label in ((1, "任务名称"), (2, "主要内容"), (3, "完成情况"), (10, "分值"), (11, "执行率"), (12, "得分")):
        out.add(r, col, label, rowspan=2, role="head")
    out.add(r, 4, f"全年预算数{_unit(table)}", colspan=3, role="head")
    out.add(r, 7, f"全年执行数{_unit(table)}", colspan=3, role="head")
    for k, label in enumerate(("总额", "财政拨款", "其他资金", "总额", "财政拨款", "其他资金")):
        out.add(r + 1, 4 + k, label, role="head")
    r += 2
    for task in table.tasks:
        out.add(r, 1, task.name, align="left")
        out.add(r, 2, task.content, align="left")
        out.add(r, 3, task.status, align="left")
        _amounts(out, r, 4, task.budget)
        _amounts(out, r, 7, task.executed)
        out.add(r, 10, task.max_score, number=scored(task.max_score))
        out.add(r, 11, percent(task.rate))
        out.add(r, 12, task.score, number=scored(task.score))
        r += 1
    if total is not None:
        out.add(r, 1, total.label, colspan=3, role="label")
        out.add(r, 4, total.adjusted_budget, colspan=3, number=scored(total.adjusted_budget))
        out.add(r, 7, total.executed, colspan=3, number=scored(total.executed))
        out.add(r, 10, total.max_score, number=scored(total.max_score))
        out.add(r, 11, percent(total.rate))
        out.add(r, 12, total.score, number=scored(total.score))
        r += 1
    return r


def _unit(table: TargetTable) -> str:
    return f"（{table.money_unit}）" if table.money_unit else ""


def _funds(out: Table, r: int, table: TargetTable, lines: Sequence[ExecutionLine]) -> int:
    if not lines:
        return r
    out.add(r, 0, f"预算执行情况{_unit(table)}", rowspan=len(lines) + 1, role="label")
    out.add(r, 1, "", colspan=2, role="head")
    for label, (col, span) in zip(_FUNDS_HEAD, _FUNDS_COLS, strict=True):
        out.add(r, col, label, colspan=span, role="head")
    r += 1
    for line in lines:
        out.add(r, 1, line.label, colspan=2, role="label", align="left")
        values = (line.initial_budget, line.adjustment, line.adjusted_budget, line.executed, percent(line.rate),
                  line.balance, percent(line.balance_rate), line.max_score, line.score)  # fmt: skip
        for (col, span), text in zip(_FUNDS_COLS, values, strict=True):
            rate = col in (7, 9)
            out.add(r, col, text, colspan=span, number=None if rate else scored(text))
        r += 1
    return r


def grid(table: TargetTable) -> Table:
    out = Table(widths=list(_WIDTHS))
    out.add(0, 0, "部门（单位）名称", colspan=2, role="label")
    out.add(0, 2, table.unit_name, colspan=_N - 2, align="left")
    r = 1
    total = next((line for line in table.execution if line.label.startswith(TASK_TOTAL)), None)
    r = _tasks(out, r, table, total)
    r = _funds(out, r, table, [line for line in table.execution if line is not total])
    if table.annual_goals or table.goals_achieved is not None:
        out.add(r, 0, "年度总体目标", rowspan=2, role="label")
        out.add(r, 1, "预期目标", colspan=6, role="head")
        out.add(r, 7, "实际完成情况", colspan=6, role="head")
        out.add(r + 1, 1, goals_lines(table.annual_goals), colspan=6, align="left")
        out.add(r + 1, 7, table.goals_achieved, colspan=6, align="left")
        r += 2
    out.add(r, 0, "绩效指标", rowspan=len(table.indicators) + 1, role="label")
    for label, (col, span) in zip(INDICATOR_HEAD, _INDICATOR_COLS, strict=True):
        out.add(r, col, label, colspan=span, role="head")
    r = indicator_rows(out, r + 1, table, _INDICATOR_COLS)
    out.add(r, 0, "总分值、评价总分（S）", colspan=5, role="label")
    out.add(r, 5, table.total_max_score, colspan=4, number=scored(table.total_max_score))
    out.add(r, 9, table.total_score, colspan=4, number=scored(table.total_score))
    text_rows(out, r + 1, table, _N)
    return out


_NOT_PRINTED = "the 部门整体支出绩效自评表 has no cell for it"

LAYOUT = Layout(
    name="selfeval_department",
    label="部门整体支出绩效自评表",
    label_en="Department self-evaluation",
    description=(
        "The 部门整体支出绩效自评表: 年度主要任务 grid, funds grid ①–⑦, indicator rows with 实际完成值 / 分值 / 得分, "
        "总分值, 评价总分（S）, 评价等级."
    ),
    body=body_with_year_line(grid),
    prints=(("self_evaluation", "department"),),
    order=60,
    landscape=True,
    default_title="部门整体支出绩效自评表",
    numbered_title=False,
    carries=expand(
        "kind subject title year unit_name money_unit execution.* execution_note annual_goals goals_achieved "
        "tasks.name tasks.content tasks.status tasks.max_score tasks.rate tasks.score "
        "level1_max_scores total_max_score total_score grade conclusion problems improvements "
        "level1 level2 name value op number unit actual actual_number actual_unit max_score score deviation"
    ),
    not_carried=why(
        {
            "seq form_label unit_code department implementing_unit project_code project_name project_attribute "
            "function manager manager_phone budget_execution_weight purpose midterm_goal midterm_period "
            "spending_plan.* funds.*": _NOT_PRINTED,
            "department_plans": "a self-evaluation has no 部门整体绩效目标 part",
            "fund_management.*": "no 资金管理情况 block (a transfer-payment table's)",
            "tasks.budget.* tasks.executed.*": (
                "printed under 全年预算数 / 全年执行数, headings the interpreter does not read as amount groups yet"
            ),
            "description overall_value basis nature history weight weight_this_year direction remark": (
                "a self-evaluation prints the target (年度指标值) only"
            ),
            "progress forecast on_track measures": "monitoring fields, printed in the 绩效运行监控表 (monitoring_project)",
        }
    ),
    notes=(
        "execution: the line labelled 金额合计 closes the task grid (its 全年预算数 and 全年执行数 as 总额); "
        "every other line is a row of the funds grid. The 金额合计 line does not read back yet: the interpreter "
        "reads the task grid's total as funds on target tables and leaves it out on self-evaluations",
    ),
)
