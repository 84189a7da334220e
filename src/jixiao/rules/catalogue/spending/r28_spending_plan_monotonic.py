from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.spending._plan import fmt, points


class Rule_R28(Rule):
    """The cumulative spending plan decreases or leaves [0, 100].

    **Anti-pattern**::

        资金支出计划（%） 3月底 30 | 6月底 20 | 10月底 75 | 12月底 110

    **Best practice**: cumulative shares that never fall and end at 100::

        资金支出计划（%） 3月底 25 | 6月底 50 | 10月底 75 | 12月底 100
    """

    code = "R28"
    name = "spending.monotonic"
    severity = Severity.ERROR
    scope = Scope.SPENDING_PLAN
    groups = ("all", "completeness")
    source = "Hebei 资金支出计划（%） 3/6/10/12月底 [L0, 001]; [I]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] = []
        previous: tuple[str, float] | None = None
        for i, label, pct, _ in points(tbl):
            if pct is None:
                raw = tbl.table.spending_plan[i].percent
                if raw and raw.strip():
                    out.append(
                        self.finding(
                            tbl,
                            f"资金支出计划「{label}」的比例「{raw}」不是数字",
                            f"spending plan '{label}' is not a number: '{raw}'",
                            field=f"spending_plan[{i}].percent",
                            suggestion="填写累计百分比 (a cumulative %)",
                        )
                    )
                continue
            if pct < 0 or pct > 100:
                out.append(
                    self.finding(
                        tbl,
                        f"资金支出计划「{label}」为 {fmt(pct)}%，超出 0–100%",
                        f"spending plan '{label}' is {fmt(pct)}%, outside 0-100%",
                        field=f"spending_plan[{i}].percent",
                        suggestion="累计比例取 0–100 (use 0-100)",
                    )
                )
            elif previous is not None and pct < previous[1]:
                out.append(
                    self.finding(
                        tbl,
                        f"资金支出计划是累计数，「{label}」{fmt(pct)}% 低于「{previous[0]}」{fmt(previous[1])}%",
                        f"the spending plan is cumulative but '{label}' ({fmt(pct)}%) is below '{previous[0]}' ({fmt(previous[1])}%)",
                        field=f"spending_plan[{i}].percent",
                        suggestion="按累计比例填写 (fill in cumulative shares)",
                    )
                )
            previous = (label, pct)
        return out
