from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity

_GROWTH = ("增长", "增幅", "增速", "提高率", "同比")


class Rule_R19(Rule):
    """A percentage outside [0, 100], or "> 100%" on a rate.

    **Anti-pattern**::

        质量指标 | 发放准确率 | >100%
        质量指标 | 覆盖率 | ≥120%

    **Best practice**::

        质量指标 | 发放准确率 | 100%
        (growth rates such as 基金收入增长率 ≥105% are exempt)
    """

    code = "R19"
    name = "values.percent_range"
    severity = Severity.ERROR
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "feasibility")
    source = "可行性审核: impossible values [S2]; odd value seen in S30; [I]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return shape & (Shape.PERCENT | Shape.EDGE_NUMBER) == Shape.PERCENT | Shape.EDGE_NUMBER  # 0 <= x < 100 is fine

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        num = ind.num
        if not ind.percent or num is None or (0 <= num < 100) or (num == 100 and ind.op != ">"):
            return None
        if any(w in ind.name for w in _GROWTH):
            return None
        return [
            self.finding(
                tbl,
                f"百分比「{ind.value}」超出 0–100% 范围或无法实现",
                f"percentage '{ind.value}' is impossible (outside 0-100%)",
                ind=ind,
                field="number",
                suggestion="比率目标取 0–100%，如 =100% 或 ≥95% (use 0-100%)",
            )
        ]
