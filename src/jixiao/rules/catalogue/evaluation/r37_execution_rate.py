from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import HUNDRED, ZERO, fmt, number, rounded

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
        out: list[Finding] = []
        lines = tbl.table.execution
        tolerance = self.scoring.rate_tolerance
        for i, fig in enumerate(self.scored(tbl).lines):
            rate = fig.computed_rate  # executed ÷ budget × 100, as scoring computed it
            if rate is None:
                continue
            # most lines are right: only those that may be wrong go through _check (which decides)
            executed, budget, printed = fig.executed, fig.budget, fig.rate
            if executed > budget or (printed is not None and abs(printed - rate) > tolerance):  # type: ignore[operator]
                line = lines[i]
                self._check(tbl, out, line.label, line.rate, printed, executed, budget, rate, "execution", i)
        for i, task in enumerate(tbl.table.tasks):  # a department's task grid prints 执行率 per task too
            if task.rate and task.budget is not None and task.executed is not None:
                executed, budget = number(task.executed.total), number(task.budget.total)
                if executed is None or not budget:
                    continue
                rate = executed / budget * HUNDRED
                self._check(tbl, out, task.name or "", task.rate, number(task.rate), executed, budget, rate, "tasks", i)
        return out or None

    def _check(
        self,
        tbl: TableFacts,
        out: list[Finding],
        label: str,
        rate_text: str | None,
        printed: Decimal | None,
        executed: Decimal | None,
        budget: Decimal | None,
        rate: Decimal,
        where: str,
        i: int,
    ) -> None:
        """``rate``: executed ÷ budget in percent."""
        if executed is None or budget is None or budget <= ZERO:
            return
        if executed > budget:
            label = label.rstrip("：:")
            shown_executed, shown_budget = fmt(executed), fmt(budget)
            out.append(
                self.finding(
                    tbl,
                    f"「{label}」全年执行数 {shown_executed} 超过全年预算数 {shown_budget}",
                    f"'{label}': executed {shown_executed} exceeds the budget {shown_budget}",
                    field=f"{where}[{i}].executed",
                    suggestion="核对执行数与调整后预算数 (check the figures)",
                    severity=Severity.WARNING,
                )
            )
        tolerance = self.scoring.rate_tolerance
        if printed is None or abs(printed - rate) <= tolerance:
            return
        if printed <= _FRACTION_LIMIT and abs(printed * HUNDRED - rate) <= tolerance:
            return  # a percent-formatted number read as its value (0.7713 shown as 77.13%)
        label = label.rstrip("：:")
        shown, figures = fmt(rounded(rate, 2)), f"{fmt(executed)} ÷ {fmt(budget)}"
        out.append(
            self.finding(
                tbl,
                f"「{label}」执行率印为 {rate_text}%，而全年执行数 ÷ 全年预算数 = {figures} = {shown}%",
                f"'{label}': the execution rate is printed {rate_text}%, but executed ÷ budget = {figures} = {shown}%",
                field=f"{where}[{i}].rate",
                suggestion=f"执行率应为 {shown}% (the rate is {shown}%)",
            )
        )
