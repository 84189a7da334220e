from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import fmt, number


class Rule_R38(EvaluationRule):
    """The row scores plus the execution score are not the printed total (总分), or the points are not 总分值.

    **Anti-pattern**::

        预算执行率 得分 10 | 指标得分 20 + 6 + 6 + 6 + 8 + 6 + 8 + 9 + 9 + 10 | 总分 100

    **Best practice**::

        预算执行率 得分 10 | 指标得分 20 + 6 + 6 + 6 + 8 + 6 + 8 + 9 + 9 + 10 | 总分 98
    """

    code = "R38"
    name = "selfeval.total"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "selfeval", "core", "completeness")
    source = "总分 = sum of item scores incl. 预算执行率 (10号 [U]; rules.md §6.5, R38)"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        ts = self.scored(tbl)
        out: list[Finding] = []
        if ts.total_differs:
            shown, total = " + ".join(ts.parts), fmt(ts.printed_sum)
            out.append(
                self.finding(
                    tbl,
                    f"各项得分之和 {shown} = {total}，不等于印出的总分 {ts.printed_total_text}",
                    f"the scores {shown} add up to {total}, not the printed total {ts.printed_total_text}",
                    field="total_score",
                    suggestion=f"总分应为 {total} (the total is {total})",
                )
            )
        printed_text = ts.printed_max_text  # the table's 总分值, as printed
        printed_points = number(printed_text)
        if printed_points is not None and ts.total_points and ts.total_points != printed_points:
            points = fmt(ts.total_points)
            out.append(
                self.finding(
                    tbl,
                    f"各项分值之和 {points} 不等于印出的总分值 {printed_text}",
                    f"the points add up to {points}, not the printed {printed_text}",
                    field="total_max_score",
                    suggestion="核对各指标分值与预算执行分值 (check the points of every row)",
                )
            )
        return out or None
