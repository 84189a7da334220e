from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.values import parse_value


class Rule_R16(Rule):
    """A value with figures that is not one comparison (two statements, a range, a mistyped operator).

    **Anti-pattern**::

        医疗保险参保人数 | 全市职工医保参保人数>38万人; 居民医保参保人数>508万人
        项目总成本 | 《=858.5万（预算数）

    **Best practice**: one comparison per indicator, with a standard operator::

        职工医保参保人数 | >38万人
        居民医保参保人数 | >508万人
        项目总成本 | ≤858.5万元
    """

    code = "R16"
    name = "values.single_comparison"
    severity = Severity.INFO
    scope = Scope.INDICATOR
    groups = ("all", "style")
    source = "jixiao/1 value parsing rule (spec/interchange.md); 指标性质 set [S28, L0]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return bool(shape & Shape.DIGIT) and (not shape & Shape.PARSED or bool(shape & Shape.ODD_COMPARATOR))

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if not ind.has_digit:
            return None
        m = T.ODD_COMPARATOR.search(ind.value)
        if m is not None:
            bad = m.group(0)
            good = T.ODD_COMPARATORS[bad]
            proposal = ind.value.replace(bad, good)
            return [
                self.finding(
                    tbl,
                    f"比较符号「{bad}」书写不规范，应为「{good}」",
                    f"mistyped comparator '{bad}', read as '{good}'",
                    ind=ind,
                    field="value",
                    suggestion=f"改为「{proposal}」",
                )
            ]
        if ind.op is not None or (ind.nature or "").strip() == "定性":
            return None
        if ind.shape & Shape.DATE_VALUE or ind.ind.deadline is not None:
            return None
        parts = ind.ind.parts or parse_value(ind.value).parts
        if len(parts) > 1:
            suggestion = "拆分为多个指标：" + "；".join(p.text for p in parts) + " (one indicator per figure)"
        else:
            suggestion = "改为一个比较，如 ≥95% (state one comparison)"
        return [
            self.finding(
                tbl,
                f"指标值「{ind.value}」不是单一的比较",
                f"value '{ind.value}' is not one comparison",
                ind=ind,
                field="value",
                suggestion=suggestion,
            )
        ]
