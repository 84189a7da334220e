from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R23(Rule):
    """The same indicator appears twice in one table.

    **Anti-pattern**::

        质量指标 | 发放准确率 | 100%
        质量指标 | 发放准确率 | 100%

    **Best practice**: each indicator once; different aspects get different names::

        质量指标 | 发放准确率 | 100%
        质量指标 | 发放覆盖率 | 100%
    """

    code = "R23"
    name = "text.duplicate_indicator"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "style")
    source = "[I]; seen in the examples [L0]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        keys = [ind.name_key for ind in tbl.indicators]
        if len(set(keys)) == len(keys):
            return None  # no name twice (the usual table): one C-level test instead of the loop below
        seen: dict[str, int] = {}
        out: list[Finding] = []
        for ind in tbl.indicators:
            k = ind.name_key
            if not k:
                continue
            if k in seen:
                out.append(
                    self.finding(
                        tbl,
                        f"指标「{ind.name}」与第 {seen[k] + 1} 行重复",
                        f"indicator '{ind.name}' repeats row {seen[k] + 1}",
                        ind=ind,
                        field="name",
                        suggestion="删除重复行或区分指标名称 (remove or rename)",
                    )
                )
            else:
                seen[k] = ind.index
        return out
