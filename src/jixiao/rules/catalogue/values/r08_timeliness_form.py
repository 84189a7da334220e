from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.values import parse_value


class Rule_R08(Rule):
    """A 时效指标 value is not a deadline, date, duration or timeliness rate (or its date is outside the year).

    **Anti-pattern**::

        时效指标 | 补助发放时间 | 按时发放
        时效指标 | 系统上线时间 | 2019年12月31日前   (in a 2024 table)

    **Best practice**::

        时效指标 | 补助发放时间 | 2024年9月30日前
        时效指标 | 报销审核时限 | ≤30个工作日
        时效指标 | 赔付及时率 | 100%
    """

    code = "R08"
    name = "values.timeliness_form"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    groups = ("all", "feasibility")
    source = "时效 = 完成的及时程度和效率情况 [S33]; 可行性审核 (dates outside the year) [S2]; [I]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return bool(shape & Shape.VALUE) and level2 == "时效指标"

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.level2 != "时效指标" or not ind.value:
            return None
        deadline = ind.ind.deadline or parse_value(ind.value).deadline
        if deadline is None and not ind.percent and not ind.shape & Shape.DATE_VALUE:
            return [
                self.finding(
                    tbl,
                    f"时效指标「{ind.name}」的指标值「{ind.value}」不是时限",
                    f"timeliness indicator '{ind.name}' has no deadline, duration or rate: '{ind.value}'",
                    ind=ind,
                    field="value",
                    suggestion="写明完成时限，如 2024年9月30日前、≤30个工作日 或 及时率100% (state a deadline)",
                )
            ]
        year = None if deadline is None else deadline.year
        if year is not None and tbl.years and year not in tbl.years:
            span = f"{min(tbl.years)}-{max(tbl.years)}" if len(tbl.years) > 1 else str(min(tbl.years))
            return [
                self.finding(
                    tbl,
                    f"时效指标「{ind.name}」的日期 {year}年 不在项目年度（{span}）内",
                    f"timeliness date {year} of '{ind.name}' is outside the budget year(s) {span}",
                    ind=ind,
                    field="value",
                    suggestion="核对年份 (check the year)",
                )
            ]
        return None
