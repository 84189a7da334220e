from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.rules.profiles import Profile
from jixiao.scoring.numbers import HUNDRED, fmt, rounded


class Rule_R53(EvaluationRule):
    """A fund line's own columns do not add up: 小计③ ≠ ①+②, 结余⑥ ≠ ③−④, or 结余率⑦ ≠ ⑥÷③.

    The department funds grid prints its formulas in its headers (小计③=①+②, 结余金额⑥=③-④,
    资金结余率⑦=⑥/③); each line must obey them.

    **Anti-pattern**::

        ③地方 | 年初预算① 500 | 年中调整② 100 | 小计③ 500 | 拨付④ 500 | 结余⑥ 100 | 结余率⑦ 16.67%

    **Best practice**::

        ③地方 | 年初预算① 500 | 年中调整② 100 | 小计③ 600 | 拨付④ 500 | 结余⑥ 100 | 结余率⑦ 16.67%
    """

    code = "R53"
    name = "selfeval.execution_arithmetic"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "selfeval", "core", "completeness")
    source = "the department funds grid's column formulas ③=①+②, ⑥=③-④, ⑦=⑥/③ [L0]; [I]"
    config_keywords = ("funds_tolerance",)

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self._tolerance = Decimal(str(profile.threshold("funds_tolerance")))

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] = []
        tol = self._tolerance
        lines = tbl.table.execution
        for i, fig in enumerate(self.scored(tbl).lines):
            initial, adjustment, adjusted = fig.initial_budget, fig.adjustment, fig.adjusted_budget
            executed, balance = fig.executed, fig.balance
            if adjustment is None and balance is None:
                continue  # (most lines print neither 年中调整 nor 结余: nothing of theirs to check)
            label = lines[i].label.rstrip("：:")
            if (
                adjustment is not None
                and initial is not None
                and adjusted is not None
                and abs(initial + adjustment - adjusted) > tol
            ):
                out.append(
                    self._found(
                        tbl,
                        i,
                        "adjusted_budget",
                        f"「{label}」年初预算 {fmt(initial)} + 年中调整 {fmt(adjustment)} = {fmt(initial + adjustment)}，"
                        f"不等于小计 {fmt(adjusted)}",
                        f"'{label}': initial {fmt(initial)} + adjustment {fmt(adjustment)} ="
                        f" {fmt(initial + adjustment)}, not the subtotal {fmt(adjusted)}",
                    )
                )
            if (
                adjusted is not None
                and executed is not None
                and balance is not None
                and abs(adjusted - executed - balance) > tol
            ):
                out.append(
                    self._found(
                        tbl,
                        i,
                        "balance",
                        f"「{label}」结余金额印为 {fmt(balance)}，而 {fmt(adjusted)} − {fmt(executed)} ="
                        f" {fmt(adjusted - executed)}",
                        f"'{label}': the balance is printed {fmt(balance)}, but {fmt(adjusted)} − {fmt(executed)}"
                        f" = {fmt(adjusted - executed)}",
                    )
                )
            if balance is not None and adjusted and fig.balance_rate is not None:
                rate = balance / adjusted * HUNDRED
                if abs(rate - fig.balance_rate) > self.scoring.rate_tolerance:
                    shown = fmt(rounded(rate, 2))
                    out.append(
                        self._found(
                            tbl,
                            i,
                            "balance_rate",
                            f"「{label}」资金结余率印为 {fmt(fig.balance_rate)}%，而 {fmt(balance)} ÷ {fmt(adjusted)} = {shown}%",
                            f"'{label}': the balance rate is printed {fmt(fig.balance_rate)}%, but {fmt(balance)} ÷"
                            f" {fmt(adjusted)} = {shown}%",
                        )
                    )
        return out or None

    def _found(self, tbl: TableFacts, i: int, field: str, message: str, message_en: str) -> Finding:
        return self.finding(
            tbl,
            message,
            message_en,
            field=f"execution[{i}].{field}",
            suggestion="按表头公式核对该行金额 (check the line against the column formulas)",
        )
