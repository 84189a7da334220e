from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R06(Rule):
    """A rate is filed under 数量指标 (quantity); it is probably a 质量指标.

    **Anti-pattern**::

        产出指标 | 数量指标 | 问题回查率（%） | ≥90%

    **Best practice**: 数量指标 count things; rates measure the standard reached::

        产出指标 | 数量指标 | 回查问题数 | ≥40个
        产出指标 | 质量指标 | 问题回查率 | ≥90%
    """

    code = "R06"
    name = "hierarchy.rate_under_quantity"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "relevance")
    source = "数量 = 计划完成的产品或服务数量, 质量 = 达到的标准、水平和效果 [S33]; Chongqing example [L0, 003]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return level2 == "数量指标"

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.level2 != "数量指标" or not (ind.percent or ind.name_key.endswith("率")):
            return None
        return [
            self.finding(
                tbl,
                f"比率指标「{ind.name}」填在数量指标下",
                f"rate '{ind.name}' is filed under quantity (数量指标)",
                ind=ind,
                field="level2",
                suggestion="改列为质量指标，或改用数量 (move to 质量指标 or state a count)",
            )
        ]
