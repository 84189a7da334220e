"""``tianjin``: 天津滨海新区 (seed 000): 项目名称, 预算规模及资金用途, 绩效目标, five indicator columns."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import TargetTable
from jixiao.writers._blocks import Block, Table, goals_text, indicator_table, is_decimal, spread, unit_text
from jixiao.writers._fields import expand
from jixiao.writers._layout import Column, Layout
from jixiao.writers.layouts._shared import LEVELS, TARGET_FORM_LACKS, why


def header(table: TargetTable, layout: Layout, *, with_code: bool = False) -> Table:
    """The Tianjin header; ``with_code`` adds 项目编码 and 资金支出计划 (the Lulong form)."""
    # one label column and twelve value units, so that any spending plan of up to twelve points fits
    out = Table(widths=[5.5] + [2.6] * 12)
    unit = table.money_unit or ""
    out.add(0, 0, unit_text(table, ""), colspan=9, role="plain", align="left", border=False)
    out.add(0, 9, f"{layout.text('money_unit')}{unit}" if unit else "", colspan=4, role="plain", align="right",
            border=False)  # fmt: skip
    r = 1
    if with_code:
        out.add(r, 0, layout.text("project_code"), role="label")
        out.add(r, 1, table.project_code, colspan=4, align="left")
        out.add(r, 5, layout.text("project_name"), colspan=2, role="label")
        out.add(r, 7, table.project_name, colspan=6, align="left")
    else:
        out.add(r, 0, layout.text("project_name"), role="label")
        out.add(r, 1, table.project_name, colspan=12, align="left")
    r += 1
    funds = table.funds
    out.add(r, 0, layout.text("budget"), rowspan=2, role="label")
    out.add(r, 1, layout.text("total"), colspan=2, role="label")
    out.add(r, 3, funds.total, colspan=2, number=funds.total if is_decimal(funds.total) else None)
    out.add(r, 5, layout.text("fiscal"), colspan=3, role="label")
    out.add(r, 8, funds.fiscal, colspan=2, number=funds.fiscal if is_decimal(funds.fiscal) else None)
    out.add(r, 10, layout.text("other"), colspan=2, role="label")
    out.add(r, 12, funds.other, number=funds.other if is_decimal(funds.other) else None)
    out.add(r + 1, 1, table.purpose, colspan=12, align="left")
    r += 2
    plan = table.spending_plan
    if with_code and plan:
        out.add(r, 0, layout.text("spending_plan"), rowspan=2, role="label")
        col = 1
        for point, span in zip(plan[:12], spread(12, min(len(plan), 12)), strict=True):
            out.add(r, col, point.label, colspan=span, role="label")
            out.add(r + 1, col, f"{point.percent}%" if point.percent else "", colspan=span)
            col += span
        r += 2
    out.add(r, 0, layout.text("goals"), role="label")
    out.add(r, 1, goals_text(table.annual_goals, numbered=True), colspan=12, align="left")
    return out


def body(table: TargetTable, layout: Layout) -> Sequence[Block]:
    return [header(table, layout), indicator_table(table, layout)]


CARRIES = expand(
    "seq title unit_code unit_name project_name money_unit funds.total funds.fiscal "
    "funds.other purpose annual_goals level1 level2 name description value op number unit"
)

LAYOUT = Layout(
    name="tianjin",
    label="天津滨海新区格式",
    label_en="Tianjin Binhai",
    description="天津滨海新区 (seed 000): 项目名称, 预算规模及资金用途, 绩效目标, five indicator columns.",
    body=body,
    order=10,
    columns=(*LEVELS, Column("description", "绩效指标描述", 9, align="left"), Column("value", "指标值", 6)),
    carries=CARRIES,
    not_carried=why(
        TARGET_FORM_LACKS
        | {
            "kind": "every table is printed as a 绩效目标表",
            "year department implementing_unit project_code project_attribute function manager manager_phone": (
                "the Tianjin form has no row for them"
            ),
            "funds.midterm_total funds.midterm_fiscal funds.midterm_other funds.fiscal_special_account "
            "funds.unit_funds funds.social_funds funds.bank_loan budget_execution_weight": (
                "only 预算数 / 财政资金 / 其他资金 are printed"
            ),
            "spending_plan.* midterm_goal midterm_period": "no 资金支出计划 or 中长期目标 rows",
            "department_plans": "the Tianjin form has no 部门整体绩效目标 part",
            "overall_value basis nature history weight weight_this_year direction": "five indicator columns only",
        }
    ),
    notes=(
        "op, number, unit of a Chongqing-style row: its 指标性质 and 度量单位 are not printed beside the bare figure",
        'null versus empty: a printed empty cell reads back as ""; a field the form always prints is never null',
    ),
)
