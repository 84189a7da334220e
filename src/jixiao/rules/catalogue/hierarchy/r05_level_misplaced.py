from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts, is_cost_row
from jixiao.rules.base import Finding, Rule, Scope, Severity

_MONEY_NAME = ("成本", "费用", "单价", "均价", "标准", "资金", "金额", "经费")


class Rule_R05(Rule):
    """An indicator sits under the wrong 一级/二级指标 for what it measures.

    **Anti-pattern**: a satisfaction rate outside 满意度指标; a money amount outside 成本指标::

        效益指标 | 社会效益指标 | 参保人员满意度 | ≥90%
        产出指标 | 数量指标 | 筹资标准 | 50万元

    **Best practice**::

        满意度指标 | 服务对象满意度指标 | 参保人员满意度 | ≥90%
        产出指标 | 成本指标 | 筹资标准 | 50万元
    """

    code = "R05"
    name = "hierarchy.misplaced"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "relevance")
    source = "数量/质量/时效/成本 and 效益/满意度 definitions [S33, S34]; 88号 相关性审核 [S2]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        cost = is_cost_row(level1, level2)
        misplaced_satisfaction = bool(shape & Shape.SATISFACTION_NAME) and level1 != "满意度指标"
        return misplaced_satisfaction or (not cost and bool(shape & (Shape.MONEY | Shape.MONEY_TEXT)))

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        name = ind.name
        if ("满意度" in name or "满意率" in name) and ind.level1 != "满意度指标" and ind.level1_known:
            return [
                self.finding(
                    tbl,
                    f"满意度指标「{name}」填在「{ind.level1}」下",
                    f"satisfaction indicator '{name}' is under '{ind.level1}'",
                    ind=ind,
                    field="level1",
                    suggestion="移到 满意度指标 / 服务对象满意度指标 (move it)",
                )
            ]
        if ind.cost or not ind.level1_known:
            return None
        money = ind.money_yuan is not None or (
            ind.has_digit
            and ind.op is None
            and T.MONEY_IN_TEXT.search(ind.value) is not None
            and any(w in name for w in _MONEY_NAME)
        )
        if not money:
            return None
        where = "成本指标" if not self.profile.cost_is_level1 else "成本指标（一级）"
        if ind.level1 == "效益指标":
            msg, msg_en = f"成本项「{name}」填在效益指标下", f"cost item '{name}' is filed as a benefit"
        else:
            msg, msg_en = (
                f"金额指标「{name}」（{ind.value}）未填在{where}下",
                f"money indicator '{name}' ({ind.value}) is not under {where}",
            )
        return [self.finding(tbl, msg, msg_en, ind=ind, field="level2", suggestion=f"移到{where} (move it)")]
