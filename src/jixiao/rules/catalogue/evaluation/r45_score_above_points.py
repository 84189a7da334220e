from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import ZERO, number


class Rule_R45(EvaluationRule):
    """A score above its points (分值), or below 0.

    **Anti-pattern**::

        培训合格率 | ≥98% | 100% | 分值 8 | 得分 9

    **Best practice**::

        培训合格率 | ≥98% | 100% | 分值 8 | 得分 8
    """

    code = "R45"
    name = "selfeval.score_above_points"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "selfeval", "core", "completeness")
    source = "得分不得突破权重总额 [S26]; 0 <= item 得分 <= 分值 (rules.md R38)"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        table = tbl.table
        out: list[Finding] = []
        ts = self.scored(tbl)
        for row in ts.over:
            score = row.printed
            if score is not None and (score < ZERO or (row.points is not None and score > row.points)):
                ind = table.indicators[row.index]
                out.append(self._found(tbl, row.name, ind.score, ind.max_score, "score", row.index))
        for i, fig in enumerate(ts.lines):
            score = fig.score
            if score is not None and (score < ZERO or (fig.max_score is not None and score > fig.max_score)):
                line = table.execution[i]
                out.append(
                    self._found(tbl, line.label.rstrip("：:"), line.score, line.max_score, f"execution[{i}].score")
                )
        for i, task in enumerate(table.tasks):
            if self._bad(task.score, task.max_score):
                out.append(self._found(tbl, task.name or "", task.score, task.max_score, f"tasks[{i}].score"))
        if self._bad(table.total_score, table.total_max_score):
            out.append(self._found(tbl, "总分", table.total_score, table.total_max_score, "total_score"))
        return out or None

    @staticmethod
    def _bad(score_text: str | None, points_text: str | None) -> bool:
        score = number(score_text)
        if score is None:
            return False
        if score < ZERO:
            return True
        points = number(points_text)
        return points is not None and score > points

    def _found(
        self, tbl: TableFacts, what: str, score: str | None, points: str | None, field: str, row: int | None = None
    ) -> Finding:
        return self.finding(
            tbl,
            f"「{what}」得分 {score} 超出分值 {points or '—'}（或小于 0）",
            f"'{what}' scores {score}, outside 0 to its {points or '—'} points",
            ind=None if row is None else self.row(tbl, row),
            field=field,
            suggestion="得分在 0 与分值之间 (a score lies between 0 and its points)",
        )
