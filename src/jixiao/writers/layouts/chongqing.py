"""``chongqing``: 重庆长寿 (seed 003): label：value header cells, 指标性质 / 度量单位 / 权重 / 方向 columns."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import TargetTable
from jixiao.writers._blocks import Block, Table, goals_text, indicator_table, money, or_empty
from jixiao.writers._fields import expand
from jixiao.writers._layout import Column, Layout
from jixiao.writers.layouts._shared import TARGET_FORM_LACKS, why


def header(table: TargetTable, layout: Layout, widths: list[float]) -> Table:
    # the eleven columns of the indicator table: A-E | F-K, A-C | D-H | I-K, A-C | D-E | F-H | I-K
    out = Table(widths=list(widths))
    f = table.funds
    mu = table.money_unit
    unit = "-".join(p for p in (table.unit_code, table.unit_name) if p)
    project = "-".join(p for p in (table.project_code, table.project_name) if p)
    out.add(0, 0, f"{layout.text('unit')}：{unit}", colspan=5, role="plain", align="left")
    out.add(0, 5, f"{layout.text('project')}：{project}", colspan=6, role="plain", align="left")
    out.add(1, 0, f"{layout.text('function')}：{or_empty(table.function)}", colspan=5, role="plain", align="left")
    out.add(1, 5, f"{layout.text('department')}：{or_empty(table.department)}", colspan=6, role="plain",
            align="left")  # fmt: skip
    out.add(2, 0, f"{layout.text('manager')}：{or_empty(table.manager)}", colspan=3, role="plain", align="left")
    out.add(2, 3, f"{layout.text('project_total')}：{money(f.total, mu)}", colspan=5, role="plain", align="left")
    weight = or_empty(table.budget_execution_weight)
    out.add(2, 8, f"{layout.text('budget_execution_weight')}：{weight}", colspan=3, role="plain", align="left")
    phone = or_empty(table.manager_phone)
    out.add(3, 0, f"{layout.text('manager_phone')}：{phone}", colspan=3, role="plain", align="left")
    out.add(3, 3, f"{layout.text('project_fiscal')}：{money(f.fiscal, mu)}", colspan=5, role="plain",
            align="left")  # fmt: skip
    out.add(3, 8, "", colspan=3, role="plain")
    goals = goals_text(table.annual_goals, numbered=len(table.annual_goals) > 1)
    out.add(4, 0, f"{layout.text('annual_goals')}：{goals}", colspan=11, role="plain", align="left")
    spans = ((0, 3, "fiscal_special_account"), (3, 2, "unit_funds"), (5, 3, "social_funds"), (8, 3, "bank_loan"))
    for col, span, key in spans:
        text = f"{layout.text(key)}：{money(getattr(f, key), mu)}"
        out.add(5, col, text, colspan=span, role="plain", align="left")
    return out


def body(table: TargetTable, layout: Layout) -> Sequence[Block]:
    indicators = indicator_table(table, layout)
    return [header(table, layout, indicators.widths), indicators]


LAYOUT = Layout(
    name="chongqing",
    label="重庆长寿格式",
    label_en="Chongqing Changshou",
    description="重庆长寿 (seed 003): label：value header cells, 指标性质 / 度量单位 / 权重 / 方向 columns, landscape.",
    body=body,
    order=40,
    columns=(
        Column("level1", "一级指标", 4.5),
        Column("level2", "二级指标", 6),
        Column("name", "三级指标", 14, align="left"),
        Column("nature", "指标性质", 3),
        Column("history", "历史参考值", 3.5, numeric=True),
        Column("overall_value", "指标值", 3.5, numeric=True),
        Column("value", "本年指标值", 3.5, numeric=True),
        Column("unit", "度量单位", 3),
        Column("weight", "权重(%)", 3, numeric=True),
        Column("weight_this_year", "本年权重(%)", 3.5, numeric=True),
        Column("direction", "指标方向性", 4),
    ),
    landscape=True,
    numbered_title=False,
    sheet_by_project_code=True,
    labels={"unit": "单位信息", "fiscal": "其中：财政资金"},
    carries=expand(
        "title unit_code unit_name department project_code project_name function manager "
        "manager_phone money_unit funds.total funds.fiscal funds.fiscal_special_account "
        "funds.unit_funds funds.social_funds funds.bank_loan budget_execution_weight annual_goals "
        "level1 level2 name value op number unit overall_value nature history weight "
        "weight_this_year direction"
    ),
    not_carried=why(
        TARGET_FORM_LACKS
        | {
            "kind": "every table is printed as a 绩效目标表",
            "seq": "the title is not numbered",
            "year implementing_unit project_attribute": "no cell for them",
            "funds.other funds.midterm_total funds.midterm_fiscal funds.midterm_other": (
                "only 项目总额 / 财政资金 and the four source cells are printed"
            ),
            "purpose spending_plan.* midterm_goal midterm_period": "no cell for them",
            "department_plans": "the Chongqing form has no 部门整体绩效目标 part",
            "description basis": "not printed",
        }
    ),
    notes=("annual_goals (several): printed in one 年度目标 cell; several goals read back as one",),
)
