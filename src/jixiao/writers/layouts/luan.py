"""``luan``: 安徽六安 (seed 002): the 批复表 with 中期 and 年度 funds and 中长期 / 本年度 values side by side."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import TargetTable
from jixiao.writers._blocks import Block, Para, Table, goals_text, indicator_table, is_decimal
from jixiao.writers._fields import expand
from jixiao.writers._layout import Column, Layout
from jixiao.writers.layouts._shared import TARGET_FORM_LACKS, why


def header(table: TargetTable, layout: Layout) -> Table:
    out = Table(widths=[4.5, 5, 5, 5, 5])
    f = table.funds
    r = 0
    for key, value in (
        ("project_name", table.project_name),
        ("implementing_unit", table.implementing_unit),
        ("project_attribute", table.project_attribute),
    ):
        out.add(r, 0, layout.text(key), role="label")
        out.add(r, 1, value, colspan=4, align="left")
        r += 1
    unit = f"（{table.money_unit}）" if table.money_unit else ""
    out.add(r, 0, layout.text("funds_block") + unit, rowspan=3, role="label")
    rows = (
        ("midterm_total", f.midterm_total, "annual_total", f.total),
        ("midterm_fiscal", f.midterm_fiscal, "annual_fiscal", f.fiscal),
        ("midterm_other", f.midterm_other, "annual_other", f.other),
    )
    for k, (l1, v1, l2, v2) in enumerate(rows):
        out.add(r + k, 1, layout.text(l1), role="label", align="left")
        out.add(r + k, 2, v1, number=v1 if is_decimal(v1) else None)
        out.add(r + k, 3, layout.text(l2), role="label", align="left")
        out.add(r + k, 4, v2, number=v2 if is_decimal(v2) else None)
    r += 3
    out.add(r, 0, layout.text("midterm_goal"), rowspan=2, role="label")
    out.add(r, 1, table.midterm_period, colspan=2, role="label")
    out.add(r, 3, layout.text("annual_goals"), colspan=2, role="label")
    out.add(r + 1, 1, table.midterm_goal, colspan=2, align="left")
    out.add(r + 1, 3, goals_text(table.annual_goals, numbered=len(table.annual_goals) > 1), colspan=2, align="left")
    return out


def body(table: TargetTable, layout: Layout) -> Sequence[Block]:
    blocks: list[Block] = []
    if table.year is not None:
        blocks.append(Para(f"（{table.year}{layout.text('year')}）", "subtitle"))
    filer = layout.text("filer")
    blocks.append(Para(f"{filer}：{table.unit_name}" if table.unit_name else filer, "left"))
    return [*blocks, header(table, layout), indicator_table(table, layout)]


LAYOUT = Layout(
    name="luan",
    label="安徽六安格式",
    label_en="Anhui Lu'an",
    description="安徽六安 (seed 002): 批复表 with 中期 and 年度 funds and 中长期 / 本年度 values side by side.",
    body=body,
    order=30,
    columns=(
        Column(None, "", 2.2, fill="绩效指标"),
        Column("level1", "一级指标", 5),
        Column("level2", "二级指标", 5),
        Column("name", "三级指标", 8, align="left"),
        Column("overall_value", "中长期指标值", 6.5),
        Column("level2", "二级指标", 5),
        Column("name", "三级指标", 8, align="left"),
        Column("value", "本年度指标值", 6.5),
    ),
    default_title="部门预算财政支出绩效目标批复表",
    numbered_title=False,
    labels={"funds_block": "项目资金", "filer": "填报单位（盖章）"},
    carries=expand(
        "title year implementing_unit project_name project_attribute money_unit funds.total "
        "funds.fiscal funds.other funds.midterm_total funds.midterm_fiscal funds.midterm_other "
        "annual_goals midterm_goal midterm_period level1 level2 name value op number unit "
        "overall_value"
    ),
    not_carried=why(
        TARGET_FORM_LACKS
        | {
            "kind": "every table is printed as a 绩效目标表",
            "seq": "the 批复表 title is not numbered",
            "unit_code unit_name": "填报单位 is left for the stamp",
            "department project_code function manager manager_phone budget_execution_weight": "no row for them",
            "purpose spending_plan.*": "no 资金用途 or 资金支出计划 row",
            "funds.fiscal_special_account funds.unit_funds funds.social_funds funds.bank_loan": (
                "only 财政拨款 / 其他资金 are printed"
            ),
            "department_plans": "the 批复表 has no 部门整体绩效目标 part",
            "description basis nature history weight weight_this_year direction": "not printed",
        }
    ),
    notes=(
        "op, number, unit of a Chongqing-style row: its 指标性质 and 度量单位 are not printed beside the bare figure",
        "level2 / name per side: one 二级指标 and 三级指标 per indicator, printed on both sides",
    ),
)
