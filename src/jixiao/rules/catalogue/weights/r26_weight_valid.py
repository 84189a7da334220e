from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.weights._weights import execution_weight, fmt


class Rule_R26(Rule):
    """A weight is not a positive number, sits on a row without a target, or 本年权重 does not add up.

    **Anti-pattern**::

        权重 15, 25, 25, 25 | 本年权重 20, 20, 20, 20 | 预算执行率权重 10   (本年 80 + 10 ≠ 100)
        权重 0 | 指标值 (blank)

    **Best practice**: 本年权重 equal to 权重, or adding up to 100 with the execution weight on its own::

        权重 15, 25, 25, 25 | 本年权重 15, 25, 25, 25 | 预算执行率权重 10
    """

    code = "R26"
    name = "weights.valid"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "core", "completeness")
    source = "包头: 指标权重设置的规范性 [S6]; Chongqing layout [L0, 003]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        if not tbl.weighted:
            return None
        out: list[Finding] = []
        pairs = tbl.weights()
        for ind, parsed in zip(tbl.indicators, pairs, strict=True):
            for field, w in zip(("weight", "weight_this_year"), parsed, strict=True):
                raw = getattr(ind.ind, field)
                if raw is None or not raw.strip():
                    continue
                if w is None or w <= 0:
                    out.append(
                        self.finding(
                            tbl,
                            f"权重「{raw}」不是正数",
                            f"weight '{raw}' is not a positive number",
                            ind=ind,
                            field=field,
                            suggestion="权重填正数 (use a positive number)",
                        )
                    )
                elif not ind.value:
                    out.append(
                        self.finding(
                            tbl,
                            f"无指标值的行设有权重 {raw}",
                            f"a weight ({raw}) on a row without a target value",
                            ind=ind,
                            field=field,
                            suggestion="填写指标值或删除权重 (fill in the target or drop the weight)",
                        )
                    )
        this_year = [b for _, b in pairs if b is not None]
        if this_year and any(a != b for a, b in pairs if b is not None):
            execution = execution_weight(tbl)
            total = sum(this_year) + execution
            if abs(total - 100) > self.profile.weight_tolerance:
                out.append(
                    self.finding(
                        tbl,
                        f"本年权重合计 {fmt(sum(this_year))} + 预算执行率权重 {fmt(execution)} = {fmt(total)}，不等于 100",
                        f"this year's weights {fmt(sum(this_year))} + budget execution {fmt(execution)} = {fmt(total)}, not 100",
                        field="weight_this_year",
                        suggestion=f"调整本年权重使其合计为 {fmt(100 - execution)} (make them add up)",
                    )
                )
        return out
