from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import fmt


class Rule_R46(EvaluationRule):
    """Points lost with no 偏差原因分析及改进措施 (reason for the deviation).

    **Anti-pattern**::

        微信发稿量（篇） | ≥350篇 | 335篇 | 分值 6 | 得分 4 | 偏差原因 (empty)

    **Best practice**::

        微信发稿量（篇） | ≥350篇 | 335篇 | 分值 6 | 得分 4 | 基于工作实际开展情况进行了调整；后续拟加强…
    """

    code = "R46"
    name = "selfeval.deviation_missing"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "selfeval", "completeness")
    source = "score < weight requires a reason (KPI_REMARK, anchors-cn §8); 自评表 columns [S27, S29, S30]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] | None = None
        indicators = tbl.table.indicators
        for row in self.scored(tbl).lost:
            ind = indicators[row.index]
            deviation = ind.deviation
            if deviation and deviation.strip():
                continue  # (the common case first: a reason is given)
            points, score = row.points, row.printed
            if points is None or score is None:
                continue
            out = out or []
            lost, printed = fmt(points - score), f"{ind.score}/{ind.max_score}"
            out.append(
                self.finding(
                    tbl,
                    f"「{row.name}」扣 {lost} 分（{printed}），未写偏差原因及改进措施",
                    f"'{row.name}' loses {lost} points ({printed}) with no reason or remedy given",
                    ind=self.row(tbl, row.index),
                    field="deviation",
                    suggestion="说明偏差原因及改进措施 (state the reason and the remedy)",
                )
            )
        return out
