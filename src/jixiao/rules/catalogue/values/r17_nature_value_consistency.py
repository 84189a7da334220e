from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.values.r15_vague_qualitative import graded

_NATURE_OPS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", "=": "=", "＝": "=", ">": ">", "<": "<"}
_VALUE_OPS = (("≥", ">="), (">=", ">="), ("≤", "<="), ("<=", "<="), (">", ">"), ("<", "<"), ("=", "="))


class Rule_R17(Rule):
    """指标性质 (≥ ≤ = 定性) disagrees with the value or the unit.

    **Anti-pattern**::

        指标性质 定性 | 指标值 95 | 度量单位 %
        指标性质 ≥ | 指标值 95 | 度量单位 (blank)
        指标性质 ≥ | 指标值 ≤5

    **Best practice**::

        指标性质 定性 | 指标值 优 | 度量单位 (blank)
        指标性质 ≥ | 指标值 95 | 度量单位 %
    """

    code = "R17"
    name = "values.nature_consistency"
    severity = Severity.ERROR
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "completeness")
    source = "包头: 指标性质、目标值和计量单位的准确性 [S6]; Chongqing layout [L0, 003]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return shape & (Shape.VALUE | Shape.NATURE) == Shape.VALUE | Shape.NATURE

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.not_applicable:
            return None  # 无 / 不适用: the row says nothing applies, no value to judge
        nature = (ind.nature or "").strip()
        if not nature or not ind.value:
            return None
        if nature == "定性":
            if ind.unit:
                return [
                    self.finding(
                        tbl,
                        f"定性指标「{ind.name}」不应有度量单位「{ind.unit}」",
                        f"qualitative indicator '{ind.name}' has a unit '{ind.unit}'",
                        ind=ind,
                        field="unit",
                        suggestion="删除度量单位，或改为定量 (drop the unit)",
                    )
                ]
            value = ind.value.strip()
            if value not in self.profile.grade_codes and not graded(value, self.profile.grade_words):
                return [
                    self.finding(
                        tbl,
                        f"定性指标「{ind.name}」的指标值「{value}」不是等级",
                        f"qualitative indicator '{ind.name}' has no grade: '{value}'",
                        ind=ind,
                        field="value",
                        suggestion="填写等级，如 优/良/中/差 (use a grade)",
                    )
                ]
            return None
        expected = _NATURE_OPS.get(nature)
        if expected is None:
            return None
        if ind.num is not None and not ind.unit:
            return [
                self.finding(
                    tbl,
                    f"定量指标「{ind.name}」缺少度量单位",
                    f"quantitative indicator '{ind.name}' has no unit",
                    ind=ind,
                    field="unit",
                    suggestion="填写度量单位 (fill in the unit)",
                )
            ]
        for symbol, op in _VALUE_OPS:
            if ind.value.startswith(symbol):
                if op != expected:
                    return [
                        self.finding(
                            tbl,
                            f"指标值「{ind.value}」的比较符号与指标性质「{nature}」不一致",
                            f"value '{ind.value}' contradicts nature '{nature}'",
                            ind=ind,
                            field="nature",
                            suggestion="统一指标性质与指标值 (make them agree)",
                        )
                    ]
                break
        return None
