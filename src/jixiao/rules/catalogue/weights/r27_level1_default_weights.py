from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.weights._weights import fmt


class Rule_R27(Rule):
    """The split of weights by 一级指标 differs from the profile default.

    **Anti-pattern** (for national-2020, 产出50/效益30/满意度10 + 执行率10)::

        产出指标 15 | 效益指标 50 | 满意度指标 25

    **Best practice**: follow the default split, or record why the region deviates::

        产出指标 50 | 效益指标 30 | 满意度指标 10 | 预算执行率 10
    """

    code = "R27"
    name = "weights.level1_default"
    severity = Severity.INFO
    scope = Scope.TABLE
    groups = ("all", "profile")
    source = "default weights [S10], 财预〔2021〕101号 [U]; local practice deviates [L0, 003]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        if not tbl.weighted:
            return None
        defaults = self.profile.level1_weights
        totals: dict[str, float] = {}
        any_weight = False
        for ind, (w, _) in zip(tbl.indicators, tbl.weights(), strict=True):
            if w is not None:
                any_weight = True
                totals[ind.level1] = totals.get(ind.level1, 0.0) + w
        if not any_weight or not defaults:
            return None
        diffs = [(k, totals.get(k, 0.0), v) for k, v in defaults.items() if abs(totals.get(k, 0.0) - v) > 0.01]
        if not diffs:
            return None
        shown = "、".join(f"{k} {fmt(a)}（默认 {fmt(b)}）" for k, a, b in diffs)
        shown_en = ", ".join(f"{k} {fmt(a)} (default {fmt(b)})" for k, a, b in diffs)
        return [
            self.finding(
                tbl,
                f"一级指标权重与配置 {self.profile.name} 的默认值不同：{shown}",
                f"level-1 weights differ from the {self.profile.name} defaults: {shown_en}",
                field="weight",
                suggestion="如无特别理由，按默认权重分配 (use the default split unless there is a reason)",
            )
        ]
