from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import ZERO, fmt


class Rule_R51(EvaluationRule):
    """自评预警: indicator points won far ahead of the money spent (red), or much of the budget unspent (yellow).

    Red is a warning, yellow is info.

    Red when (indicator score ÷ indicator points − execution score ÷ execution points) ÷ (indicator score ÷
    indicator points) exceeds the scoring profile's ``[warning] share`` (5%); yellow when the adjusted budget
    is 0 or more than ``[warning] unspent`` (20%) of it is unspent.

    **Anti-pattern**::

        预算执行率 63.01%，得分 6.3/10 | 指标得分 84.2/90    ((93.6% − 63%) ÷ 93.6% = 32.7%)

    **Best practice**::

        预算执行率 100%，得分 10/10 | 指标得分 88/90
    """

    code = "R51"
    name = "selfeval.warning_signal"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "selfeval", "appropriateness")
    source = "自评预警 (perf_t_warnset, anchors-cn §8): red > 5%, yellow at a zero budget or > 20% unspent"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        ts = self.scored(tbl)
        out: list[Finding] = []
        exe = ts.execution
        if ts.red and exe is not None:
            zh, en = ts.explain_warning()
            out.append(
                self.finding(
                    tbl,
                    f"{zh}：指标得分率远高于预算执行率",
                    f"{en}: the indicators score far ahead of the money spent",
                    field=f"execution[{exe.line}].score",
                    suggestion="核实指标完成值与资金执行的匹配 (check the results against the spending)",
                )
            )
        if ts.yellow and exe is not None:
            budget, executed = fmt(exe.budget), fmt(exe.executed)
            out.append(
                self.finding(
                    tbl,
                    f"自评预警（黄）：{ts.yellow}（全年预算数 {budget}，全年执行数 {executed}）",
                    "self-evaluation warning (yellow): "
                    + ("a zero budget" if exe.budget == ZERO else "more than the allowed share unspent")
                    + f" (budget {budget}, executed {executed})",
                    field=f"execution[{exe.line}].executed",
                    suggestion="说明资金结余原因 (explain the unspent funds)",
                    severity=Severity.INFO,
                )
            )
        return out or None
