from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R20(Rule):
    """A satisfaction indicator is not a percentage floor below 100.

    **Anti-pattern**::

        服务对象满意度指标 | 参保人员满意度 | 满意
        服务对象满意度指标 | 参保人员满意度 | =100%

    **Best practice**: a survey result that can be checked::

        服务对象满意度指标 | 参保人员满意度 | ≥90%
    """

    code = "R20"
    name = "values.satisfaction_form"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "feasibility")
    source = "[I]; practice values ≥85-95% [L0, S28]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        # no figure at all, or a percentage of 100 or more: what the rule judges (≥90% is fine)
        judged = (
            not shape & Shape.DIGIT or shape & (Shape.PERCENT | Shape.EDGE_NUMBER) == Shape.PERCENT | Shape.EDGE_NUMBER
        )
        return bool(shape & Shape.VALUE) and level1 == "满意度指标" and judged

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.not_applicable:
            return None  # 无 / 不适用: the row says nothing applies, no value to judge
        if ind.level1 != "满意度指标" or not ind.value:
            return None
        if not ind.has_digit:
            return [
                self.finding(
                    tbl,
                    f"满意度指标「{ind.name}」不是定量目标：「{ind.value}」",
                    f"satisfaction indicator '{ind.name}' is not quantitative: '{ind.value}'",
                    ind=ind,
                    field="value",
                    suggestion="改为 ≥90% 这类可调查核实的比例 (use e.g. ≥90%)",
                )
            ]
        if ind.percent and ind.num is not None and ind.num >= 100 and ind.op in ("=", ">="):
            return [
                self.finding(
                    tbl,
                    f"满意度目标「{ind.value}」难以核实",
                    f"satisfaction target '{ind.value}' is rarely verifiable",
                    ind=ind,
                    field="value",
                    severity=Severity.INFO,
                    suggestion="设为低于100%的下限，如 ≥95% (set a floor below 100%)",
                )
            ]
        return None
