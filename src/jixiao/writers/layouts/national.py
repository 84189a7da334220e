"""``national``: a clean target form carrying every field of a target table; unused rows and columns left out."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import TargetTable
from jixiao.writers._blocks import (
    Block,
    Para,
    Table,
    amount_in_words,
    goals_text,
    indicator_table,
    is_decimal,
    spread,
)
from jixiao.writers._fields import INDICATOR_FIELDS, TABLE_FIELDS, expand
from jixiao.writers._layout import Column, Layout
from jixiao.writers.layouts._shared import LEVELS, TARGET_FORM_LACKS, why


def header(table: TargetTable, layout: Layout) -> Table:
    # label | value (5 units) | label (3 units) | value (4 units): two items a row, long texts across
    out = Table(widths=[5.5] + [2.6] * 12)
    f = table.funds
    unit = "-".join(p for p in (table.unit_code, table.unit_name) if p)
    pairs: list[tuple[str, str | None, bool]] = []  # (label, value, is_amount)

    def item(label: str, value: str | None, *, amount: bool = False, present: bool | None = None) -> None:
        if value is not None if present is None else present:
            pairs.append((label, value, amount))

    item(layout.text("unit"), unit, present=table.unit_code is not None or table.unit_name is not None)
    for key in ("department", "implementing_unit", "project_code", "project_name", "project_attribute",
                "function", "manager", "manager_phone", "budget_execution_weight"):  # fmt: skip
        item(layout.text(key), getattr(table, key))
    r = 0

    def flush() -> None:
        nonlocal r
        for k in range(0, len(pairs), 2):
            chunk = pairs[k : k + 2]
            (l1, v1, a1) = chunk[0]
            out.add(r, 0, l1, role="label")
            out.add(r, 1, v1, colspan=5 if len(chunk) == 2 else 12, align="left",
                    number=v1 if a1 and is_decimal(v1) else None)  # fmt: skip
            if len(chunk) == 2:
                (l2, v2, a2) = chunk[1]
                out.add(r, 6, l2, colspan=3, role="label")
                out.add(r, 9, v2, colspan=4, align="left", number=v2 if a2 and is_decimal(v2) else None)
            r += 1
        pairs.clear()

    flush()
    unit_suffix = f"（{table.money_unit}）" if table.money_unit else ""
    midterm = (f.midterm_total, f.midterm_fiscal, f.midterm_other)
    if any(v is not None for v in midterm):
        out.add(r, 0, layout.text("funds_block") + unit_suffix, rowspan=3, role="label")
        rows = (
            ("midterm_total", f.midterm_total, "annual_total", f.total),
            ("midterm_fiscal", f.midterm_fiscal, "annual_fiscal", f.fiscal),
            ("midterm_other", f.midterm_other, "annual_other", f.other),
        )
        for k, (l1, v1, l2, v2) in enumerate(rows):
            out.add(r + k, 1, layout.text(l1), colspan=3, role="label", align="left")
            out.add(r + k, 4, v1, colspan=3, number=v1 if is_decimal(v1) else None)
            out.add(r + k, 7, layout.text(l2), colspan=3, role="label", align="left")
            out.add(r + k, 10, v2, colspan=3, number=v2 if is_decimal(v2) else None)
        r += 3
    elif any(v is not None for v in (f.total, f.fiscal, f.other)):
        cells = [(k, v) for k, v in (("total", f.total), ("fiscal", f.fiscal), ("other", f.other)) if v is not None]
        out.add(r, 0, layout.text("budget") + unit_suffix, role="label")
        col = 1
        for key, value in cells:
            out.add(r, col, layout.text(key), colspan=2, role="label")
            out.add(r, col + 2, value, colspan=2, number=value if is_decimal(value) else None)
            col += 4
        if col < 13:
            out.add(r, col, "", colspan=13 - col, role="plain")
        r += 1
    for key in ("fiscal_special_account", "unit_funds", "social_funds", "bank_loan"):
        item(layout.text(key) + unit_suffix, getattr(f, key), amount=True)
    words = amount_in_words(f.total, table.money_unit) if layout.amount_in_words else ""
    if words:
        item(layout.text("in_words"), words)
    flush()
    if table.purpose is not None:
        out.add(r, 0, layout.text("purpose"), role="label")
        out.add(r, 1, table.purpose, colspan=12, align="left")
        r += 1
    plan = table.spending_plan
    if plan:
        out.add(r, 0, layout.text("spending_plan"), rowspan=2, role="label")
        col = 1
        for point, span in zip(plan[:12], spread(12, min(len(plan), 12)), strict=True):
            out.add(r, col, point.label, colspan=span, role="label")
            out.add(r + 1, col, f"{point.percent}%" if point.percent else "", colspan=span)
            col += span
        r += 2
    if table.midterm_goal is not None or table.midterm_period is not None:
        # as the 批复表 prints it: 总体目标 | period | 年度目标, then both texts side by side
        out.add(r, 0, layout.text("midterm_goal"), rowspan=2, role="label")
        out.add(r, 1, table.midterm_period, colspan=6, role="label")
        out.add(r, 7, layout.text("annual_goals"), colspan=6, role="label")
        out.add(r + 1, 1, table.midterm_goal, colspan=6, align="left")
        goals = goals_text(table.annual_goals, numbered=len(table.annual_goals) > 1)
        out.add(r + 1, 7, goals, colspan=6, align="left")
        return out
    out.add(r, 0, layout.text("goals"), role="label")
    out.add(r, 1, goals_text(table.annual_goals, numbered=True), colspan=12, align="left")
    return out


def body(table: TargetTable, layout: Layout) -> Sequence[Block]:
    blocks: list[Block] = []
    if table.year is not None:
        blocks.append(Para(f"（{table.year}{layout.text('year')}）", "subtitle"))
    if table.money_unit:
        blocks.append(Para(f"{layout.text('money_unit')}{table.money_unit}", "right"))
    return [*blocks, header(table, layout), indicator_table(table, layout)]


_LACKS = why(TARGET_FORM_LACKS | {"kind": "every table is printed as a 绩效目标表"})
_PRINTED = (frozenset(TABLE_FIELDS) | frozenset(INDICATOR_FIELDS) | {"department_plans"}) - _LACKS.keys()

LAYOUT = Layout(
    name="national",
    label="通用格式",
    label_en="National (every field)",
    description="A clean layout carrying every field of a target table; rows and columns a table does not use are left out.",
    body=body,
    order=0,
    columns=(
        *LEVELS,
        Column("description", "绩效指标描述", 8, only_if=("description",), align="left"),
        Column("overall_value", "中长期指标值", 5, only_if=("overall_value",)),
        Column("value", "指标值", 5),
        Column("unit", "度量单位", 3.5, only_if=("nature",)),
        Column("basis", "指标值确定依据", 6, only_if=("basis",)),
        Column("nature", "指标性质", 3.5, only_if=("nature",)),
        Column("history", "历史参考值", 4, only_if=("history",)),
        Column("weight", "权重(%)", 3.5, only_if=("weight",)),
        Column("weight_this_year", "本年权重(%)", 4, only_if=("weight_this_year",)),
        Column("direction", "指标方向性", 4, only_if=("direction",)),
    ),
    landscape=True,
    narrative=True,
    parts_titles=("第一部分", "部门整体绩效目标", "第二部分", "预算项目绩效目标"),
    plan_heading=True,
    amount_in_words=True,
    carries=expand(" ".join(sorted(_PRINTED))),
    not_carried=_LACKS,
    notes=(
        "department_plans[].unit_name, department_plans[].year: printed as a line under 部门整体绩效目标, "
        "which the interpreter does not read back",
    ),
)
