"""A monitoring table (``kind: "monitoring"``) pre-filled from a published target table.

The fund lines carry the published budget as 年初预算 and 调整后预算 (the unit changes the latter where the
budget was adjusted) with 执行数 left to fill; every indicator keeps its target (level names, value, parsed
figure, unit, direction, nature) with 当前完成值 / 全年预计 / 完成可能性 / 偏差原因 / 纠偏措施 empty.
"""

from __future__ import annotations

from typing import Any

from jixiao.model import ExecutionLine, Indicator, TargetTable
from jixiao.monitoring.lights import Light, execution_light, indicator_light
from jixiao.monitoring.profiles import MonitoringProfile
from jixiao.scoring.numbers import HUNDRED, fmt, number, rounded

__all__ = ["carried_header", "execution_lines", "lights_of", "monitoring_table", "with_rates"]

_KEPT = (
    "level1",
    "level2",
    "name",
    "description",
    "value",
    "op",
    "number",
    "unit",
    "nature",
    "direction",
    "weight",
    "parts",
    "deadline",
)


def execution_lines(table: TargetTable) -> list[ExecutionLine]:
    """The fund lines of a published table: its 预算执行情况 where it prints one (a self-evaluation or an
    earlier monitoring table), else 年度资金总额 with 财政拨款 and 其他资金 where the table prints them."""
    if table.execution:
        return [
            ExecutionLine(
                label=line.label,
                initial_budget=line.initial_budget,
                adjusted_budget=line.adjusted_budget or line.initial_budget,
            )
            for line in table.execution
        ]
    funds = table.funds
    lines = [ExecutionLine(label="年度资金总额", initial_budget=funds.total, adjusted_budget=funds.total)]
    if funds.fiscal:
        lines.append(ExecutionLine(label="其中：财政拨款", initial_budget=funds.fiscal, adjusted_budget=funds.fiscal))
    if funds.other:
        lines.append(ExecutionLine(label="其他资金", initial_budget=funds.other, adjusted_budget=funds.other))
    if not funds.total and len(lines) > 1:
        lines.pop(0)  # no total printed: the lines that are printed stand alone
    return lines


def monitoring_table(published: TargetTable, *, period: str | None = None) -> TargetTable:
    """The monitoring table for ``published``, ready to fill (``period`` such as ``1-7月`` goes into the title)."""
    name = published.project_name or published.unit_name or ""
    title = f"{name}绩效运行监控表" + (f"（{period}）" if period else "")
    indicators = [Indicator(**{field: getattr(ind, field) for field in _KEPT}) for ind in published.indicators]
    return TargetTable(
        kind="monitoring",
        title=title,
        execution=execution_lines(published),
        indicators=indicators,
        **carried_header(published),
    )


def carried_header(published: TargetTable) -> dict[str, Any]:
    """What a monitoring or self-evaluation form takes over from the published table it follows."""
    return {
        "subject": "department" if published.kind == "department_target" else published.subject or "project",
        "year": published.year,
        "unit_code": published.unit_code,
        "unit_name": published.unit_name,
        "department": published.department,
        "implementing_unit": published.implementing_unit,
        "project_code": published.project_code,
        "project_name": published.project_name,
        "money_unit": published.money_unit,
        "annual_goals": list(published.annual_goals),
        "source_ref": published.source_ref,
    }


def with_rates(table: TargetTable) -> TargetTable:
    """The table with each fund line's 执行率 computed from 执行数 ÷ 调整后预算 (two decimals, percent)."""
    lines = []
    for line in table.execution:
        budget = number(line.adjusted_budget) if line.adjusted_budget else number(line.initial_budget)
        executed = number(line.executed)
        rate = None
        if budget and executed is not None and budget > 0:
            rate = fmt(rounded(executed / budget * HUNDRED, 2))
        lines.append(line.model_copy(update={"rate": rate}))
    return table.model_copy(update={"execution": lines})


def lights_of(
    table: TargetTable, month: int, profile: str | MonitoringProfile = "national"
) -> tuple[list[Light], list[Light]]:
    """The lights of every fund line and every indicator of a filled monitoring table."""
    return (
        [execution_light(line, month, profile) for line in table.execution],
        [indicator_light(ind, month, profile) for ind in table.indicators],
    )
