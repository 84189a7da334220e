from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R41(Rule):
    """The 绩效指标描述 is unrelated to its indicator: a pasted document number or title.

    **Anti-pattern**::

        三级指标 保障办公人数 | 绩效指标描述 秦医保中心[2022]18号《秦皇岛市医疗保险基金管理中心关于……的通知》

    **Best practice**: the description explains the indicator; the document goes in 指标值确定依据::

        三级指标 保障办公人数 | 绩效指标描述 本单位在编在岗人数 | 指标值确定依据 本单位实有人数
    """

    code = "R41"
    name = "text.description_unrelated"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "relevance")
    source = "88号 明确、清晰 [S2]; user reports (Hebei table 3 [L0, 001])"
    config_keywords = ("description_overlap",)

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return bool(shape & Shape.DOC_MARK)  # a description citing no document is not one pasted

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        desc = ind.desc
        if not desc or ("号" not in desc and "《" not in desc) or not ind.name_key or T.DOC_REF.search(desc) is None:
            return None
        rest = T.key(T.DOC_REF.sub("", desc))
        name_chars = set(ind.name_key)
        overlap = len(name_chars & set(rest)) / len(name_chars)
        if overlap >= self.profile.threshold("description_overlap"):
            return None
        return [
            self.finding(
                tbl,
                f"指标「{ind.name}」的描述是粘贴的文件号或文件名，与指标无关：「{desc[:30]}…」",
                f"the description of '{ind.name}' is a pasted document number or title, unrelated to the indicator",
                ind=ind,
                field="description",
                suggestion="描述指标口径；文件依据写入指标值确定依据 (describe the indicator; put the document in basis)",
            )
        ]
