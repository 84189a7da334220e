from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import fmt
from jixiao.scoring.rows import QUANTITATIVE_METHODS  # (row.quantitative without a property call)

_OP = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


class Rule_R47(EvaluationRule):
    """A target met by its comparator, yet points lost.

    **Anti-pattern**::

        来访群众针对接待环境的投诉次数 | ≤4次 | 实际 4次 | 分值 10 | 得分 9

    **Best practice**::

        来访群众针对接待环境的投诉次数 | ≤4次 | 实际 4次 | 分值 10 | 得分 10
    """

    code = "R47"
    name = "selfeval.met_yet_points_lost"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "selfeval", "appropriateness")
    source = "target met → full weight (10号 [U]; anchors-cn §8 正向/反向 rules)"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] | None = None
        for row in self.scored(tbl).lost:
            if not row.met or row.method not in QUANTITATIVE_METHODS or row.points is None:
                continue
            target = f"{_OP.get(row.op or '', '')}{fmt(row.target)}{row.unit}"
            actual, points = f"{fmt(row.actual)}{row.unit}", fmt(row.points)
            out = out or []
            out.append(
                self.finding(
                    tbl,
                    f"「{row.name}」目标 {target}，实际 {actual}，已达到目标，却只得 {row.printed_text} 分（满分 {points}）",
                    f"'{row.name}': target {target} met by {actual}, yet it scores {row.printed_text} of {points}",
                    ind=self.row(tbl, row.index),
                    field="score",
                    suggestion="达到目标应得满分；若目标设定过低，在偏差原因中说明 (a met target scores full points)",
                )
            )
        return out
