from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity

_MONEY_LEVEL2 = ("成本指标", "经济成本指标")


class Rule_R09(Rule):
    """A 成本指标 carries no money unit and is not a cost ratio.

    **Anti-pattern**: a formula or a sentence instead of an amount::

        成本指标 | 代办员补助金标准 | 资金总额与参保人数之比，再乘以参保人数

    **Best practice**: an amount with its money unit, or a cost-control ratio in %::

        成本指标 | 代办员补助金标准 | ≤50元/人
        成本指标 | 采购节支率 | ≥5%
    """

    code = "R09"
    name = "cost.unit"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "appropriateness")
    source = "成本 = 单位成本和总成本 [S33]; 细化量化 [S3]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        # a money unit is a cost's unit: only rows whose value was read as no amount of money
        return shape & (Shape.VALUE | Shape.MONEY) == Shape.VALUE and level2 in _MONEY_LEVEL2

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.level2 not in _MONEY_LEVEL2 or not ind.value or ind.money_yuan is not None:
            return None  # 社会成本/生态环境成本 (central-2021) need not be money
        if T.money_factor(ind.unit)[0] is not None or (ind.percent and ind.name_key.endswith("率")):
            return None
        if ind.has_digit and T.MONEY_IN_TEXT.search(ind.value):
            return None
        if ind.has_digit and ind.num is not None and not ind.unit:
            return None  # a bare number: R12 reports it
        return [
            self.finding(
                tbl,
                f"成本指标「{ind.name}」的指标值「{ind.value}」不是金额",
                f"cost indicator '{ind.name}' is not an amount of money: '{ind.value}'",
                ind=ind,
                field="value",
                suggestion="写明金额和单位，如 ≤50元/人 (state an amount with its unit)",
            )
        ]
