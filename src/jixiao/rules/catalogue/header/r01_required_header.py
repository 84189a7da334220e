from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import TargetTable
from jixiao.rules._facts import TableFacts, decimal_or_none
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R01(Rule):
    """The header names the project, the unit, the budget and at least one annual goal.

    **Anti-pattern**: a table whose 项目总额 / 预算数 cell is empty, or without 项目名称 or 年度目标::

        项目名称 医保网络维护费 | 项目总额 (blank) | 年度目标 (blank)

    **Best practice**: every header field the review needs is filled in::

        项目名称 医保网络维护费 | 项目总额 12.00 万元 | 年度目标 保障医保网络全年安全运行……
    """

    code = "R01"
    name = "header.required"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "core", "completeness")
    source = "财预〔2015〕88号 完整性审核 [S2]; 未按要求设定绩效目标的项目支出不得申请预算 [S3]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        t = tbl.table
        out: list[Finding] = []
        if t.kind == "project_target" and not (t.project_name or "").strip():
            out.append(
                self.finding(
                    tbl,
                    "缺少项目名称",
                    "project name is missing",
                    field="project_name",
                    suggestion="填写项目名称 (fill in 项目名称)",
                )
            )
        # plain tests, not any(generator): this runs for every table
        unit, implementing, department = t.unit_name, t.implementing_unit, t.department
        if not (
            (unit and unit.strip()) or (implementing and implementing.strip()) or (department and department.strip())
        ):
            out.append(
                self.finding(
                    tbl,
                    "缺少单位名称",
                    "unit name is missing",
                    field="unit_name",
                    suggestion="填写单位 / 实施单位 (fill in the unit)",
                )
            )
        # a table may print its budget as 实施期资金总额 only, and a department's table only its sources
        # (财政拨款 | 其他资金): the reader has no annual total to give, and the budget is printed all the same
        if tbl.budget is None and not _printed_otherwise(t):
            out.append(
                self.finding(
                    tbl,
                    "缺少项目总额（预算数）",
                    "project total (budget) is missing",
                    field="funds.total",
                    suggestion="填写项目总额 / 预算数 (fill in the budget total)",
                )
            )
        for goal in t.annual_goals:
            if goal.strip():
                break
        else:
            out.append(
                self.finding(
                    tbl,
                    "缺少年度绩效目标",
                    "annual goal is missing",
                    field="annual_goals",
                    suggestion="写明本年度预期产出和效果 (state this year's outputs and effects)",
                )
            )
        return out


def _printed_otherwise(table: TargetTable) -> bool:
    funds = table.funds
    if decimal_or_none(funds.midterm_total) is not None:
        return True
    sources = (funds.fiscal, funds.carryover, funds.other)
    return table.kind == "department_target" and any(decimal_or_none(amount) is not None for amount in sources)
