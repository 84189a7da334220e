"""``monitoring_project``: the 项目支出绩效目标执行监控表 (财预〔2019〕136号 practice, ``anchors-cn.md`` §7).

Two grids of the same ten columns, landscape: 项目名称, 主管部门 / 实施单位, the 项目资金（万元） block
(年初预算数 / 调整后预算数 / 1—N月执行数 / 执行率 per fund line) and 年度总体目标; then the 绩效指标 rows (一级 /
二级 / 三级 / 年度指标值 / 1—N月执行情况 / 全年预计完成情况 / 完成目标可能性 / 偏差原因分析 / 纠偏措施) under a
header repeated on every page (a 监控表 runs to several pages). The monitoring period (``1-7月``) is
the one the table's title names (``…绩效运行监控表（1-7月）``, as :func:`jixiao.monitoring.monitoring_table`
titles it); a title without one prints 执行数 and 当前完成值, the labels of the forms that date nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao.model import Indicator, TargetTable
from jixiao.writers._blocks import Block, Para, Table
from jixiao.writers._fields import expand
from jixiao.writers._layout import Layout
from jixiao.writers.layouts._selfeval import goals_lines, indicator_rows, percent, project_rows, scored
from jixiao.writers.layouts._shared import why

# columns: 0 side label | 1 一级 | 2 二级 | 3 三级 | 4 年度指标值 | 5 执行情况 | 6 全年预计 | 7 可能性 | 8 偏差 | 9 纠偏
_WIDTHS = [2.2, 4.0, 4.4, 6.0, 4.2, 4.6, 4.6, 3.4, 5.6, 5.6]
_INDICATOR_COLS = tuple((col, 1) for col in range(1, 10))
_FUND_COLS = ((4, 1), (5, 1), (6, 1), (7, 3))
# 1-7月, 1—7月, 1至7月 in the title: the months the table monitors
_PERIOD = re.compile(r"1\s*[-—–－~～至到]\s*\d{1,2}\s*月")


def period(table: TargetTable) -> str | None:
    """The monitoring period the title names (``1-7月``), as printed, or ``None``."""
    match = _PERIOD.search(table.title or "")
    return match.group(0) if match else None


def _monitoring_cells(ind: Indicator) -> Sequence[tuple[str | None, bool, str]]:
    return (
        (ind.name, False, "left"),
        (ind.value, False, "center"),
        (ind.progress, False, "center"),
        (ind.forecast, False, "center"),
        (ind.on_track, False, "center"),
        (ind.deviation, False, "left"),
        (ind.measures, False, "left"),
    )


def head(table: TargetTable) -> Table:
    """项目名称, 主管部门 / 实施单位, the 项目资金 block and 年度总体目标."""
    out = Table(widths=list(_WIDTHS))
    n = len(_WIDTHS)
    r = project_rows(out, table, n)
    lines = table.execution
    unit = f"（{table.money_unit}）" if table.money_unit else ""
    months = period(table)
    out.add(r, 0, f"项目资金{unit}", colspan=2, rowspan=len(lines) + 1, role="label")
    out.add(r, 2, "", colspan=2, role="label")
    labels = ("年初预算数", "调整后预算数", f"{months}执行数" if months else "执行数", "执行率")
    for label, (col, span) in zip(labels, _FUND_COLS, strict=True):
        out.add(r, col, label, colspan=span, role="head")
    for k, line in enumerate(lines, 1):
        out.add(r + k, 2, line.label, colspan=2, role="label")
        amounts = (line.initial_budget, line.adjusted_budget, line.executed, percent(line.rate))
        for (col, span), text in zip(_FUND_COLS, amounts, strict=True):
            out.add(r + k, col, text, colspan=span, number=None if col == 7 else scored(text))
    r += len(lines) + 1
    out.add(r, 0, "年度总体目标", colspan=2, role="label")
    out.add(r, 2, goals_lines(table.annual_goals), colspan=n - 2, align="left")
    return out


def indicators(table: TargetTable) -> Table:
    """The 绩效指标 rows under their header, which Word and LibreOffice repeat on every page."""
    out = Table(widths=list(_WIDTHS), header_rows=1)
    months = period(table)
    labels = (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        f"{months}执行情况" if months else "当前完成值",
        "全年预计完成情况",
        "完成目标可能性",
        "偏差原因分析",
        "纠偏措施",
    )
    out.add(0, 0, "", role="head")
    for label, (col, span) in zip(labels, _INDICATOR_COLS, strict=True):
        out.add(0, col, label, colspan=span, role="head")
    if table.indicators:
        out.add(1, 0, "绩效指标", rowspan=len(table.indicators), role="label")
    indicator_rows(out, 1, table, _INDICATOR_COLS, _monitoring_cells)
    return out


def body(table: TargetTable, layout: Layout) -> Sequence[Block]:
    """The year line ``（2024年度）`` under the title, the head grid, the indicator grid."""
    year = [Para(f"（{table.year}{layout.text('year')}）", "subtitle")] if table.year is not None else []
    return [*year, head(table), indicators(table)]


_NOT_PRINTED = "the 项目支出绩效目标执行监控表 has no cell for it"

LAYOUT = Layout(
    name="monitoring_project",
    label="项目支出绩效目标执行监控表",
    label_en="Project performance monitoring (central layout)",
    description=(
        "The 绩效运行监控表 of a project (财预〔2019〕136号 practice): 项目资金 block per fund line (年初预算数 / "
        "调整后预算数 / 1—N月执行数 / 执行率), 年度总体目标, indicator rows with 1—N月执行情况 / 全年预计完成情况 / "
        "完成目标可能性 / 偏差原因分析 / 纠偏措施."
    ),
    body=body,
    prints=(("monitoring", None),),
    order=80,
    landscape=True,
    default_title="项目支出绩效目标执行监控表",
    numbered_title=False,
    carries=expand(
        "kind subject title year department implementing_unit project_name money_unit "
        "execution.label execution.initial_budget execution.adjusted_budget execution.executed execution.rate "
        "annual_goals level1 level2 name value op number unit progress forecast on_track deviation measures"
    ),
    not_carried=why(
        {
            "seq form_label unit_code unit_name project_code project_attribute function manager manager_phone "
            "budget_execution_weight purpose midterm_goal midterm_period spending_plan.* funds.*": _NOT_PRINTED,
            "department_plans": "a monitoring table has no 部门整体绩效目标 part",
            "tasks.*": "the 年度主要任务 grid is a department table's",
            "execution.adjustment execution.balance execution.balance_rate execution.max_score execution.score": (
                "the 项目资金 block prints 年初预算数 / 调整后预算数 / 执行数 / 执行率 only"
            ),
            "fund_management.* execution_note goals_achieved level1_max_scores total_max_score total_score grade "
            "conclusion problems improvements": "self-evaluation fields; a monitoring table is not scored",
            "actual actual_number actual_unit max_score score": (
                "self-evaluation fields; a monitoring table prints the progress to date (1—N月执行情况) instead"
            ),
            "description overall_value basis nature history weight weight_this_year direction remark": (
                "the monitoring form prints the target (年度指标值) only"
            ),
        }
    ),
)
