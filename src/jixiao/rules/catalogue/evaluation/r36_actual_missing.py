from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import ZERO, fmt


class Rule_R36(EvaluationRule):
    """An indicator with no 实际完成值 (actual) gets full points.

    **Anti-pattern**::

        培训人数 | 年度指标值 ≥300人 | 实际完成值 (empty) | 分值 6 | 得分 6

    **Best practice**::

        培训人数 | 年度指标值 ≥300人 | 实际完成值 366人 | 分值 6 | 得分 6
    """

    code = "R36"
    name = "selfeval.actual_missing"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "selfeval", "completeness")
    source = "自评表 columns [S27, S29, S30]; 对应填报年度实际完成值 [S11]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] | None = None
        indicators = tbl.table.indicators
        for row in self.scored(tbl).full:
            actual = indicators[row.index].actual
            if actual and actual.strip():
                continue  # (the common case first: an actual is printed)
            points, score = row.points, row.printed
            if points is None or score is None or points <= ZERO:
                continue
            out = out or []
            out.append(
                self.finding(
                    tbl,
                    f"「{row.name}」未填实际完成值，却得满分 {fmt(score)}（分值 {fmt(points)}）",
                    f"'{row.name}' has no actual value yet scores full {fmt(score)} of {fmt(points)} points",
                    ind=self.row(tbl, row.index),
                    field="actual",
                    suggestion="填写实际完成值，并按完成情况评分 (fill in the actual and score against it)",
                )
            )
        return out
