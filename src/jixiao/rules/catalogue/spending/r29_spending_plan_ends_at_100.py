from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.spending._plan import fmt, points

_CARRY_OVER = re.compile(r"结转|跨年|跨年度|\d{4}\s*[-—~至]\s*\d{4}")


class Rule_R29(Rule):
    """The spending plan does not reach 100% at its last checkpoint.

    **Anti-pattern**::

        资金支出计划（%） 3月底 25 | 6月底 50 | 10月底 75 | 12月底 90

    **Best practice**: an annual project spends its whole budget by 12月底::

        资金支出计划（%） 3月底 25 | 6月底 50 | 10月底 75 | 12月底 100
    """

    code = "R29"
    name = "spending.ends_at_100"
    severity = Severity.ERROR
    scope = Scope.SPENDING_PLAN
    groups = ("all", "completeness")
    source = "Hebei layout [L0, 001]; [I]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        known = [(i, label, pct) for i, label, pct, _ in points(tbl) if pct is not None]
        if not known:
            return None
        i, label, pct = known[-1]
        if abs(pct - 100) < 1e-9:
            return None
        t = tbl.table
        multi_year = len(tbl.years) > 1 or any(
            _CARRY_OVER.search(text or "") for text in (t.title, t.project_name, t.midterm_period, *t.annual_goals)
        )
        return [
            self.finding(
                tbl,
                f"资金支出计划到「{label}」仅 {fmt(pct)}%，未达到 100%",
                f"the spending plan reaches only {fmt(pct)}% by '{label}', not 100%",
                field=f"spending_plan[{i}].percent",
                severity=Severity.WARNING if multi_year else None,
                suggestion="年度项目在12月底累计支出100% (an annual project reaches 100% by 12月底)",
            )
        ]
