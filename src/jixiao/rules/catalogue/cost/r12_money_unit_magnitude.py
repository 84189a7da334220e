from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts, is_cost_row
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.cost._money import show


class Rule_R12(Rule):
    """A cost is printed without a unit, or is about 10,000 times the budget (元 and 万元 mixed up).

    **Anti-pattern**: 单位：万元, 预算数 5.00, and::

        成本指标 | 基金监管所需费用 | 50000元/万元 (printed 50000 with 万元 in mind)
        成本指标 | 基金监管所需费用 | 5

    **Best practice**::

        成本指标 | 基金监管所需费用 | 5万元
    """

    code = "R12"
    name = "cost.money_unit_magnitude"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    groups = ("all", "appropriateness")
    source = "[I]; the examples mix 元 (Tianjin) and 万元 (Hebei, Anhui, Chongqing) [L0]"
    config_keywords = ("magnitude_factor",)

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return bool(shape & Shape.DIGIT) and is_cost_row(level1, level2)

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if not ind.cost:
            return None
        if ind.num is not None and not ind.unit and not ind.percent:
            return [
                self.finding(
                    tbl,
                    f"成本指标「{ind.name}」的数值 {ind.value} 没有金额单位",
                    f"cost '{ind.name}' is a bare number ({ind.value}) without a money unit",
                    ind=ind,
                    field="unit",
                    suggestion=f"写明单位，如 {ind.value}{tbl.table.money_unit or '元'} (add the unit)",
                )
            ]
        money, budget = ind.money_yuan, tbl.budget_yuan
        if money is None or budget is None or budget <= 0:
            return None
        if money / budget >= self.profile.threshold("magnitude_factor"):
            return [
                self.finding(
                    tbl,
                    f"成本「{ind.value}」约为预算 {show(budget, tbl)} 的 {money / budget:,.0f} 倍，元/万元可能写错",
                    f"cost {ind.value} is {money / budget:,.0f}x the budget {show(budget, tbl)}: 元 and 万元 mixed up?",
                    ind=ind,
                    field="unit",
                    suggestion="核对金额单位（元 / 万元） (check the money unit)",
                )
            ]
        return None
