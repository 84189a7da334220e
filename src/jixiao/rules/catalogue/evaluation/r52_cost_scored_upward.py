from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts, is_cost_row
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import agrees, fmt


class Rule_R52(EvaluationRule):
    """A cost indicator scored as if more spending were better (actual ÷ target × points on a ≤ target).

    **Anti-pattern**::

        项目成本控制 | ≤120万元 | 实际 96万元 | 分值 20 | 得分 16        (96 ÷ 120 × 20)

    **Best practice**::

        项目成本控制 | ≤120万元 | 实际 96万元 | 分值 20 | 得分 20
    """

    code = "R52"
    name = "selfeval.cost_scored_upward"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "selfeval", "relevance")
    source = "反向指标: at or under the target → full points (anchors-cn §8; rules.md §6.7)"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] | None = None
        for row in self.scored(tbl).lost:
            if not row.met or row.method != "negative" or row.printed is None or row.points is None:
                continue
            target, actual = row.target, row.actual
            if target is None or actual is None or target <= 0:
                continue
            ind = tbl.table.indicators[row.index]
            if not is_cost_row(ind.level1 or "", ind.level2 or "") and "成本" not in row.name and "费" not in row.name:
                continue
            upward = actual / target * row.points
            if not agrees(row.printed_text, row.printed, upward):
                continue
            out = out or []
            out.append(
                self.finding(
                    tbl,
                    f"成本指标「{row.name}」实际 {fmt(actual)}{row.unit} 未超目标 ≤{fmt(target)}{row.unit}，"
                    f"却按 {fmt(actual)} ÷ {fmt(target)} × {fmt(row.points)} = {row.printed_text} 计分（越花越多得分越高）",
                    f"cost '{row.name}': {fmt(actual)}{row.unit} is within ≤{fmt(target)}{row.unit}, yet it is scored"
                    f" {fmt(actual)} ÷ {fmt(target)} × {fmt(row.points)} = {row.printed_text}, as if spending more"
                    " were better",
                    ind=self.row(tbl, row.index),
                    field="score",
                    suggestion=f"成本指标为反向指标，未超目标得满分 {fmt(row.points)} (a cost within its bound scores full)",
                )
            )
        return out
