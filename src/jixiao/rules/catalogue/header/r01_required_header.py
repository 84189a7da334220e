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

    A published 部门预算 names its unit once, on the department table: its project tables need not repeat it.
    A department table without a budget row, and a goal given for the implementation period only, are
    warnings.
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
        if not _names_a_unit(t) and not _unit_printed_elsewhere(tbl):
            out.append(
                self.finding(
                    tbl,
                    "缺少单位名称",
                    "unit name is missing",
                    field="unit_name",
                    suggestion="填写单位 / 实施单位 (fill in the unit)",
                )
            )
        # a table may print its budget as 实施期资金总额 only, or only its sources (当年财政拨款 8,071.45):
        # the reader has no annual total to give, and the budget is printed all the same
        if tbl.budget is None and not _printed_otherwise(t):
            if t.kind == "department_target":
                # many 部门整体 forms print no budget row: the department's budget is in its budget tables
                out.append(
                    self.finding(
                        tbl,
                        "部门整体绩效目标表未列预算总额",
                        "the department table prints no budget total",
                        field="funds.total",
                        severity=Severity.WARNING,
                        suggestion="列出部门预算总额及资金来源 (give the department's budget and its sources)",
                    )
                )
            else:
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
            if (t.midterm_goal or "").strip():
                # the form states its goal for the implementation period only (项目实施期目标 / 总体目标)
                out.append(
                    self.finding(
                        tbl,
                        "年度绩效目标未单列，只有实施期目标",
                        "no annual goal of its own, only the goal for the implementation period",
                        field="annual_goals",
                        severity=Severity.WARNING,
                        suggestion="分列本年度预期产出和效果 (state this year's outputs and effects apart)",
                    )
                )
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


def _names_a_unit(table: TargetTable) -> bool:
    unit, implementing, department = table.unit_name, table.implementing_unit, table.department
    return bool(
        (unit and unit.strip()) or (implementing and implementing.strip()) or (department and department.strip())
    )


def _unit_printed_elsewhere(tbl: TableFacts) -> bool:
    """A published 部门预算 prints the unit once (on its department table) and not on each project's table."""
    document = tbl.document
    return document is not None and any(
        other is not tbl.table and other.kind == "department_target" and _names_a_unit(other)
        for other in document.tables
    )


def _printed_otherwise(table: TargetTable) -> bool:
    funds = table.funds
    if decimal_or_none(funds.midterm_total) is not None:
        return True
    # a source with an amount in it states the budget (a 0 beside blanks states nothing)
    for amount in (funds.fiscal, funds.carryover, funds.other):
        value = decimal_or_none(amount)
        if value is not None and value > 0:
            return True
    return False
