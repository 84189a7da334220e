from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity

_MEASURABLE_ENDINGS = ("率", "数", "人次", "人数", "金额", "比例")
_QUANTITATIVE_LEVEL2 = ("数量指标", "成本指标", "经济成本指标")


class Rule_R14(Rule):
    """A quantity, cost or rate indicator has a value without any number.

    **Anti-pattern**::

        质量指标 | 运转保障率 | 使基金有效运行
        成本指标 | 补助金标准 | 资金总额与参保人数之比，再乘以参保人数

    **Best practice**: state the figure the name promises::

        质量指标 | 运转保障率 | 100%
        成本指标 | 补助金标准 | 50元/人
    """

    code = "R14"
    name = "values.qualitative_where_quantitative"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "relevance")
    source = "细化量化, 尽量进行定量表述 [S3, S36]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return shape & (Shape.VALUE | Shape.DIGIT) == Shape.VALUE

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.not_applicable:
            return None  # 无 / 不适用: the row says nothing applies, no value to judge
        if ind.has_digit or not ind.value:
            return None
        if not (ind.level2 in _QUANTITATIVE_LEVEL2 or ind.name_key.endswith(_MEASURABLE_ENDINGS)):
            return None
        what = "数量/成本指标" if ind.level2 in _QUANTITATIVE_LEVEL2 else "可计量的指标"
        return [
            self.finding(
                tbl,
                f"{what}「{ind.name}」的指标值「{ind.value}」不是数值",
                f"'{ind.name}' should be quantified but its value has no number: '{ind.value}'",
                ind=ind,
                field="value",
                suggestion="改为数值目标，如 100%、≥212家、≤5万元 (state a number)",
            )
        ]
