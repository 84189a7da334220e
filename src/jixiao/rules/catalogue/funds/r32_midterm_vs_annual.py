from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts, decimal_or_none, is_cost_row
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.values import parse_value


class Rule_R32(Rule):
    """A mid-term (中长期) value is below the annual one, or a mid-term cost exceeds the mid-term funds.

    **Anti-pattern** (中期资金总额 180万元)::

        数量指标 | 离休干部人数 | 中长期 150人 | 本年度 180人
        成本指标 | 项目总成本 | 中长期 ≤250万 | 本年度 ≤60万

    **Best practice**::

        数量指标 | 离休干部人数 | 中长期 540人 | 本年度 180人
        成本指标 | 项目总成本 | 中长期 ≤180万 | 本年度 ≤60万
    """

    code = "R32"
    name = "funds.midterm_vs_annual"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    groups = ("all", "appropriateness")
    source = "中长期/年度 target classes [S4]; Anhui 批复表 [L0, 002]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return bool(shape & Shape.OVERALL and shape & Shape.DIGIT) and (
            level2 == "数量指标" or is_cost_row(level1, level2)
        )

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        overall = ind.ind.overall_value
        t = tbl.table
        if not overall or ind.num is None or not (t.midterm_period or t.funds.midterm_total):
            return None
        if ind.level2 != "数量指标" and not ind.cost:
            return None
        parsed = parse_value(overall)
        if parsed.number is None or parsed.op is None:
            return None
        mid = float(parsed.number)
        if ind.cost:
            factor, per = T.money_factor(parsed.unit)
            if factor is None or per is not None or ind.money_yuan is None or ind.per is not None:
                return None
            mid_yuan = mid * factor
            funds = decimal_or_none(t.funds.midterm_total)
            if funds is not None and tbl.money_factor and mid_yuan > float(funds) * tbl.money_factor * (1 + 1e-9):
                return [
                    self.finding(
                        tbl,
                        f"中长期成本「{overall}」超过中期资金总额 {funds}{t.money_unit or ''}",
                        f"mid-term cost '{overall}' exceeds the mid-term funds {funds}{t.money_unit or ''}",
                        ind=ind,
                        field="overall_value",
                        suggestion="中长期成本不超过中期资金总额 (keep it within the funds)",
                    )
                ]
            if mid_yuan + 1e-9 < ind.money_yuan:
                return self._below(ind, tbl, overall)
            return None
        if (parsed.unit or "") != ind.unit or ind.op not in ("=", ">=", ">") or parsed.op not in ("=", ">=", ">"):
            return None
        if mid < ind.num:
            return self._below(ind, tbl, overall)
        return None

    def _below(self, ind: IndicatorFacts, tbl: TableFacts, overall: str) -> list[Finding]:
        return [
            self.finding(
                tbl,
                f"中长期指标值「{overall}」小于本年度指标值「{ind.value}」",
                f"the mid-term value '{overall}' is below the annual value '{ind.value}'",
                ind=ind,
                field="overall_value",
                suggestion="中长期目标应覆盖各年度目标 (the mid-term target covers the years)",
            )
        ]
