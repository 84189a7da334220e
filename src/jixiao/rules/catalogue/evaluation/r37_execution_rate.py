from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring import line_rate
from jixiao.scoring.numbers import HUNDRED, fmt, number, rounded

_FRACTION_LIMIT = Decimal("1.5")


class Rule_R37(EvaluationRule):
    """An execution rate (执行率) that is not executed ÷ adjusted budget, or more executed than budgeted.

    执行率 = 全年执行数 ÷ 全年预算数 (B ÷ A), within the scoring profile's ``[execution] rate_tolerance``.

    **Anti-pattern**::

        其中：财政拨款 | 全年预算数 140.61 | 全年执行数 140.61 | 执行率 0.0%

    **Best practice**::

        其中：财政拨款 | 全年预算数 140.61 | 全年执行数 140.61 | 执行率 100.00%
    """

    code = "R37"
    name = "selfeval.execution_rate"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "selfeval", "core", "completeness")
    source = "B/A × 100% [S29]; layout [S30]; tolerance from the scoring profile ([execution] rate_tolerance)"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] | None = None
        tolerance = self.scoring.rate_tolerance
        for i, line in enumerate(tbl.table.execution):
            rate, executed, budget = line_rate(line)
            if rate is None or executed is None or budget is None:
                continue
            label = line.label.rstrip("：:")
            if executed > budget and budget > 0:
                out = out or []
                out.append(
                    self.finding(
                        tbl,
                        f"「{label}」全年执行数 {fmt(executed)} 超过全年预算数 {fmt(budget)}",
                        f"'{label}': executed {fmt(executed)} exceeds the budget {fmt(budget)}",
                        field=f"execution[{i}].executed",
                        suggestion="核对执行数与调整后预算数 (check the figures)",
                        severity=Severity.WARNING,
                    )
                )
            printed = number(line.rate)
            if printed is None or abs(printed - rate) <= tolerance:
                continue
            if printed <= _FRACTION_LIMIT and abs(printed * HUNDRED - rate) <= tolerance:
                continue  # a percent-formatted number read as its value (0.7713 shown as 77.13%)
            shown = fmt(rounded(rate, 2))
            out = out or []
            out.append(
                self.finding(
                    tbl,
                    f"「{label}」执行率印为 {line.rate}%，而全年执行数 ÷ 全年预算数 = {fmt(executed)} ÷ {fmt(budget)}"
                    f" = {shown}%",
                    f"'{label}': the execution rate is printed {line.rate}%, but executed ÷ budget ="
                    f" {fmt(executed)} ÷ {fmt(budget)} = {shown}%",
                    field=f"execution[{i}].rate",
                    suggestion=f"执行率应为 {shown}% (the rate is {shown}%)",
                )
            )
        return out
