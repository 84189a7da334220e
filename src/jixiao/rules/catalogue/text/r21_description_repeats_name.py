from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R21(Rule):
    """The 绩效指标描述 only repeats the indicator name.

    **Anti-pattern**::

        三级指标 医疗费报销准确率 | 绩效指标描述 医疗费报销准确率

    **Best practice**: the description says what is counted, how, and from which data::

        三级指标 医疗费报销准确率 | 绩效指标描述 准确报销的单据数占报销单据总数的比率（经办系统统计）
    """

    code = "R21"
    name = "text.description_repeats_name"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "style")
    source = "财预〔2021〕101号 template 指标解释 [U]; all Tianjin rows repeat the name [L0, 000]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return bool(shape & Shape.DESCRIPTION)

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.not_applicable:
            return None  # 无 / 不适用: the row says nothing applies, no value to judge
        if not ind.desc_key or ind.desc_key != ind.name_key:
            return None
        return [
            self.finding(
                tbl,
                f"指标描述只是重复指标名称「{ind.name}」",
                f"the description only repeats the indicator name '{ind.name}'",
                ind=ind,
                field="description",
                suggestion="写明口径、计算方法和数据来源 (state scope, formula and data source)",
            )
        ]
