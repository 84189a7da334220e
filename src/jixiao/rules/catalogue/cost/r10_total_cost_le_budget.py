from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts, is_cost_row
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.cost._money import show


class Rule_R10(Rule):
    """A total-cost indicator exceeds the budget (or is far below it).

    **Anti-pattern**: 项目总额 60万元 but::

        成本指标 | 项目总成本 | ≤80万元

    **Best practice**: the total cost is bounded by the budget it is financed from::

        成本指标 | 项目总成本 | ≤60万元
    """

    code = "R10"
    name = "cost.total_le_budget"
    severity = Severity.ERROR
    scope = Scope.INDICATOR
    groups = ("all", "core", "appropriateness")
    source = "88号 适当性审核 [S2]; 相应匹配 (与预算确定的投资额或资金量相匹配) [U], [S46]; Anhui example [L0, 002]"
    config_keywords = ("total_cost_low_share", "magnitude_factor")

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        # only an amount of money can exceed the budget
        return shape & (Shape.DIGIT | Shape.MONEY) == Shape.DIGIT | Shape.MONEY and is_cost_row(level1, level2)

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        money = ind.money_yuan
        budget = tbl.budget_yuan
        if money is None or not ind.cost or ind.per is not None or budget is None or budget <= 0:
            return None
        if ind.op not in ("=", "<=", "<") or T.PER_UNIT_NAME.search(ind.name):
            return None
        ratio = money / budget
        if ratio >= self.profile.threshold("magnitude_factor"):
            return None  # a 元/万元 mix-up: R12
        if money > budget * (1 + 1e-9):
            return [
                self.finding(
                    tbl,
                    f"成本指标「{ind.name}」{ind.value} 超过项目预算 {show(budget, tbl)}",
                    f"cost '{ind.name}' ({ind.value}) exceeds the budget {show(budget, tbl)}",
                    ind=ind,
                    field="value",
                    suggestion=f"成本不应超过预算，改为 ≤{show(budget, tbl)} (keep it within the budget)",
                )
            ]
        share = self.profile.threshold("total_cost_low_share")
        if T.TOTAL_COST_NAME.search(ind.name) and ratio < share:
            return [
                self.finding(
                    tbl,
                    f"总成本「{ind.name}」{ind.value} 不到预算 {show(budget, tbl)} 的 {share:.0%}，目标是否偏低？",
                    f"total cost '{ind.name}' ({ind.value}) is below {share:.0%} of the budget {show(budget, tbl)}: target too low?",
                    ind=ind,
                    field="value",
                    severity=Severity.INFO,
                    suggestion="核对成本目标与预算是否匹配 (check the cost against the budget)",
                )
            ]
        return None
