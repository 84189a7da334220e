from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts, is_cost_row
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.cost._money import show


class Rule_R43(Rule):
    """A per-unit cost is higher than the whole budget.

    **Anti-pattern**: a 1000元 project that buys equipment at up to 3万元 apiece::

        预算数 1000.00 元 | 成本指标 | 设备均价 | ≤3万元

    **Best practice**: one unit never costs more than the whole project::

        预算数 300,000.00 元 | 成本指标 | 设备均价 | ≤3万元
    """

    code = "R43"
    name = "cost.unit_cost_exceeds_budget"
    severity = Severity.ERROR
    scope = Scope.INDICATOR
    groups = ("all", "core", "appropriateness")
    source = "88号 适当性审核 [S2]; 相应匹配 [U]; user reports (Tianjin table 2 [L0, 000])"
    config_keywords = ("magnitude_factor",)

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        # only an amount of money can exceed the budget
        return shape & (Shape.DIGIT | Shape.MONEY) == Shape.DIGIT | Shape.MONEY and is_cost_row(level1, level2)

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        money = ind.money_yuan
        budget = tbl.budget_yuan
        if money is None or not ind.cost or budget is None or budget <= 0 or money <= budget:
            return None
        if ind.per is None and not T.PER_UNIT_NAME.search(ind.name):
            return None
        if money / budget >= self.profile.threshold("magnitude_factor"):
            return None  # a 元/万元 mix-up: R12
        return [
            self.finding(
                tbl,
                f"单位成本「{ind.name}」{ind.value} 超过整个项目预算 {show(budget, tbl)}",
                f"unit cost '{ind.name}' ({ind.value}) exceeds the whole budget {show(budget, tbl)}",
                ind=ind,
                field="value",
                suggestion="核对单位成本或项目预算（单位是否写错？） (check the unit cost and the budget)",
            )
        ]
