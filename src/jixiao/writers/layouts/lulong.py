"""``lulong``: 河北卢龙 (seed 001): the Tianjin header with 项目编码 and 资金支出计划, a 部门整体绩效目标 part."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import TargetTable
from jixiao.writers._blocks import Block, indicator_table
from jixiao.writers._fields import expand
from jixiao.writers._layout import Column, Layout
from jixiao.writers.layouts import tianjin
from jixiao.writers.layouts._shared import LEVELS, TARGET_FORM_LACKS, why


def body(table: TargetTable, layout: Layout) -> Sequence[Block]:
    return [tianjin.header(table, layout, with_code=True), indicator_table(table, layout)]


LAYOUT = Layout(
    name="lulong",
    label="河北卢龙格式",
    label_en="Hebei Lulong",
    description="河北卢龙 (seed 001): 第一部分 部门整体绩效目标 narrative, 项目编码, 资金支出计划, 指标值确定依据.",
    body=body,
    order=20,
    columns=(
        *LEVELS,
        Column("description", "绩效指标描述", 8, align="left"),
        Column("value", "指标值", 6),
        Column("basis", "指标值确定依据", 6),
    ),
    narrative=True,
    parts_titles=("第一部分", "部门整体绩效目标", "第二部分", "预算项目绩效目标"),
    carries=tianjin.CARRIES | expand("project_code spending_plan.* basis department_plans"),
    not_carried=why(
        TARGET_FORM_LACKS
        | {
            "kind": "every table is printed as a 绩效目标表",
            "year department implementing_unit project_attribute function manager manager_phone": (
                "the Lulong form has no row for them"
            ),
            "funds.midterm_total funds.midterm_fiscal funds.midterm_other funds.fiscal_special_account "
            "funds.unit_funds funds.social_funds funds.bank_loan budget_execution_weight": (
                "only 预算数 / 财政资金 / 其他资金 are printed"
            ),
            "midterm_goal midterm_period": "no 中长期目标 row",
            "overall_value nature history weight weight_this_year direction": "six indicator columns only",
        }
    ),
    notes=(
        "op, number, unit of a Chongqing-style row: its 指标性质 and 度量单位 are not printed beside the bare figure",
        "department_plans[].unit_name, department_plans[].year: the narrative part prints headings and text only",
    ),
)
