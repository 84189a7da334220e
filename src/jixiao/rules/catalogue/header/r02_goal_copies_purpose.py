from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R02(Rule):
    """The annual goal is a copy of 资金用途 (the use of the money).

    **Anti-pattern**: 资金用途 and 绩效目标 hold the same sentence::

        资金用途 为事业在编人员投保商业补充医疗保险……
        绩效目标 为事业在编人员投保商业补充医疗保险……

    **Best practice**: the goal states outputs and effects with figures::

        绩效目标 为47100名事业人员投保补充医疗保险，报销准确率100%，满意度≥85%。
    """

    code = "R02"
    name = "header.goal_copies_purpose"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "relevance")
    source = "绩效目标定义 (产出和效果) [S4]; 明确、清晰 [S2]; Tianjin example [L0, 000]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        purpose = T.key(tbl.table.purpose)
        if not purpose:
            return None
        for i, goal in enumerate(tbl.table.annual_goals):
            if T.key(goal) == purpose:
                return [
                    self.finding(
                        tbl,
                        "年度目标照抄资金用途，未写明产出和效果",
                        "the annual goal repeats the use of funds instead of stating outputs and effects",
                        field=f"annual_goals[{i}]",
                        suggestion="改写为可衡量的产出和效果 (rewrite as measurable outputs and effects)",
                    )
                ]
        return None
