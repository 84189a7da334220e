from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import fmt
from jixiao.scoring.rows import QUANTITATIVE_METHODS  # (row.quantitative without a property call)

_OP = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


class Rule_R48(EvaluationRule):
    """A target missed, yet full points.

    **Anti-pattern**::

        数据中心设备维护量 | ≥330台套 | 实际 300台套 | 分值 10 | 得分 10

    **Best practice**::

        数据中心设备维护量 | ≥330台套 | 实际 300台套 | 分值 10 | 得分 9.09 | 偏差原因 …
    """

    code = "R48"
    name = "selfeval.missed_yet_full"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "selfeval", "appropriateness")
    source = "严禁刻意抬高分数 [S11]; not met → score in proportion (10号 [U])"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] | None = None
        for row in self.scored(tbl).full:
            if row.met is not False or row.method not in QUANTITATIVE_METHODS or row.points is None:
                continue
            if row.computed is None or row.computed >= row.points:
                continue
            target = f"{_OP.get(row.op or '', '')}{fmt(row.target)}{row.unit}"
            zh, en = row.explain()
            out = out or []
            out.append(
                self.finding(
                    tbl,
                    f"「{row.name}」目标 {target}，实际 {fmt(row.actual)}{row.unit}，未达到目标，却得满分"
                    f" {row.printed_text}（{zh}）",
                    f"'{row.name}': target {target} missed ({fmt(row.actual)}{row.unit}), yet full"
                    f" {row.printed_text} points ({en})",
                    ind=self.row(tbl, row.index),
                    field="score",
                    suggestion=f"按完成比例评分：{fmt(row.computed)} (score in proportion: {fmt(row.computed)})",
                )
            )
        return out
