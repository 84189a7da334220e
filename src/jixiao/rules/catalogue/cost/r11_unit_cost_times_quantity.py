from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.cost._money import show


def _count(ind: IndicatorFacts, per: str) -> float | None:
    if ind.num is None or ind.level2 != "数量指标" or ind.op in ("<", ">"):
        return None
    if ind.unit == per:
        return ind.num
    if ind.unit == "万" + per:
        return ind.num * 10_000
    return None


class Rule_R11(Rule):
    """Unit cost × quantity does not fit the budget.

    **Anti-pattern**: 预算数 4000万元 with::

        数量指标 | 城乡居民参保人数 | ≤30万人
        成本指标 | 人均补助标准 | 134元/人      (134 × 300000 = 4020万元 > 4000万元)

    **Best practice**: the product lies between a profile share of the budget and the budget::

        数量指标 | 参保人数 | 47100人;  成本指标 | 保费标准 | 757元/人;  预算数 37,000,000元
    """

    code = "R11"
    name = "cost.unit_times_quantity"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "appropriateness")
    source = "88号 适当性审核 [S2]; Tianjin example 757元/人 × 47100人 [L0, 000]; [I]"
    config_keywords = ("unit_cost_low_share",)

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        budget = tbl.budget_yuan
        if budget is None or budget <= 0:
            return None
        out: list[Finding] = []
        for cost in tbl.indicators:
            if not cost.cost or cost.per is None or cost.money_yuan is None:
                continue
            counts = [(q, n) for q in tbl.indicators if (n := _count(q, cost.per)) is not None]
            if len(counts) != 1:
                continue  # none, or ambiguous
            qty, n = counts[0]
            product = cost.money_yuan * n
            share = self.profile.threshold("unit_cost_low_share")
            detail = f"{cost.value} × {qty.value} = {show(product, tbl)}"
            if product > budget * 1.000001:
                out.append(
                    self.finding(
                        tbl,
                        f"单位成本×数量（{detail}）超过预算 {show(budget, tbl)}",
                        f"unit cost × quantity ({detail}) exceeds the budget {show(budget, tbl)}",
                        ind=cost,
                        field="value",
                        suggestion="核对单位成本、数量和预算 (check unit cost, quantity and budget)",
                    )
                )
            elif product < budget * share:
                out.append(
                    self.finding(
                        tbl,
                        f"单位成本×数量（{detail}）不到预算 {show(budget, tbl)} 的 {share:.0%}",
                        f"unit cost × quantity ({detail}) is below {share:.0%} of the budget {show(budget, tbl)}",
                        ind=cost,
                        field="value",
                        suggestion="核对单位成本、数量和预算 (check unit cost, quantity and budget)",
                    )
                )
        return out
