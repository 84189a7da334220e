from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity

_COMPARING = frozenset({"≥", "≤", "=", ">", "<", ">=", "<=", "＝", "≧", "≦", "大于等于", "小于等于", "等于"})


class Rule_R13(Rule):
    """An indicator has no target value, or its 指标性质 compares but no number is given.

    **Anti-pattern**::

        质量指标 | 发放准确率 | (blank)
        指标性质 ≥ | 指标值 较高

    **Best practice**::

        质量指标 | 发放准确率 | 100%
        指标性质 ≥ | 指标值 95 | 度量单位 %
    """

    code = "R13"
    name = "values.empty"
    severity = Severity.ERROR
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "core", "completeness")
    source = "88号 完整性审核 [S2]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        # a value with a number satisfies any 指标性质
        return not shape & Shape.VALUE or shape & (Shape.NATURE | Shape.NUMBER) == Shape.NATURE

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if not ind.value:
            return [
                self.finding(
                    tbl,
                    f"指标「{ind.name}」没有指标值",
                    f"indicator '{ind.name}' has no target value",
                    ind=ind,
                    field="value",
                    suggestion="填写指标值 (fill in the target value)",
                )
            ]
        nature = (ind.nature or "").strip()
        if nature in _COMPARING and ind.num is None:
            return [
                self.finding(
                    tbl,
                    f"指标性质为「{nature}」，但指标值「{ind.value}」不是数字",
                    f"nature '{nature}' needs a number but the value is '{ind.value}'",
                    ind=ind,
                    field="number",
                    suggestion="填写数值 (fill in a number)",
                )
            ]
        return None
