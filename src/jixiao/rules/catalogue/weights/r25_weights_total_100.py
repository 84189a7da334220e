from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.weights._weights import execution_weight, fmt


class Rule_R25(Rule):
    """Indicator weights plus 预算执行率权重 do not add up to 100.

    **Anti-pattern**::

        预算执行率权重 10 | 权重 20, 30, 20, 10   (sum 80 + 10 = 90)

    **Best practice**::

        预算执行率权重 10 | 权重 20, 30, 20, 20   (sum 90 + 10 = 100)
    """

    code = "R25"
    name = "weights.total_100"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "core", "completeness")
    source = "10-point 预算执行率 + 90 indicator points [S10; L0, 003; S27, S30]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        if not tbl.weighted:
            return None
        weights = [w for w, _ in tbl.weights() if w is not None]
        if not weights:
            return None
        execution = execution_weight(tbl)
        total = sum(weights) + execution
        if abs(total - 100) <= self.profile.weight_tolerance:
            return None
        return [
            self.finding(
                tbl,
                f"权重合计 {fmt(sum(weights))} + 预算执行率权重 {fmt(execution)} = {fmt(total)}，不等于 100",
                f"weights {fmt(sum(weights))} + budget execution {fmt(execution)} = {fmt(total)}, not 100",
                field="weight",
                suggestion=f"调整权重使指标权重合计为 {fmt(100 - execution)} (make them add up)",
            )
        ]
