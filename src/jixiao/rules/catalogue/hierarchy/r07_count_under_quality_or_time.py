from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R07(Rule):
    """A bare count is filed under 质量指标 or 时效指标.

    **Anti-pattern**::

        产出指标 | 质量指标 | 检查机构 | 30家

    **Best practice**: counts go under 数量指标; quality is a rate, timeliness a deadline::

        产出指标 | 数量指标 | 检查机构数 | 30家
        产出指标 | 质量指标 | 检查覆盖率 | 100%
    """

    code = "R07"
    name = "hierarchy.count_under_quality_or_time"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "relevance")
    source = "数量/质量/时效 definitions [S33]; [I]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        counted = shape & (Shape.DIGIT | Shape.COUNT_UNIT) == Shape.DIGIT | Shape.COUNT_UNIT
        return counted and level2 in ("质量指标", "时效指标")

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.level2 not in ("质量指标", "时效指标") or ind.unit not in T.COUNT_UNITS or ind.name_key.endswith("率"):
            return None
        return [
            self.finding(
                tbl,
                f"「{ind.name}」以计数单位「{ind.unit}」填在{ind.level2}下",
                f"'{ind.name}' is a count ({ind.unit}) filed under {ind.level2}",
                ind=ind,
                field="level2",
                suggestion="改列为数量指标，或改为比率/时限 (move to 数量指标)",
            )
        ]
