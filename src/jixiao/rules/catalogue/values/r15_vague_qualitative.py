from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity

_SPLIT = re.compile(r"[/／、,，\s]+")


class Rule_R15(Rule):
    """A qualitative value made only of vague words, with no grade and no threshold.

    **Anti-pattern**::

        社会效益指标 | 医疗费用负担 | 有效减轻
        社会效益指标 | 基金安全运行 | 提高生活用品水平

    **Best practice**: a graded qualitative value (优/良/中/差, 达成/部分达成/未达成) or a figure::

        社会效益指标 | 个人自付比例 | ≤30%
        可持续影响指标 | 参保机制健全性 | 优良中低差
    """

    code = "R15"
    name = "values.vague_qualitative"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "relevance")
    source = "定性的分级分档形式表述 [S36]; 明确、清晰 [S2]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        # VAGUE_VALUE: the facts searched the value for a vague word once per distinct value
        return bool(shape & Shape.VAGUE_VALUE) and level1 != "满意度指标"

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        if ind.not_applicable:
            return None  # 无 / 不适用: the row says nothing applies, no value to judge
        if not ind.shape & Shape.VAGUE_VALUE or ind.level1 == "满意度指标":
            return None
        if graded(ind.value, self.profile.grade_words):
            return None
        return [
            self.finding(
                tbl,
                f"「{ind.name}」的指标值「{ind.value}」表述笼统，无分档、无阈值",
                f"vague qualitative value for '{ind.name}': '{ind.value}' (no grade, no threshold)",
                ind=ind,
                field="value",
                suggestion="改为可衡量的数值，或分档表述（优/良/中/差） (quantify it or use graded wording)",
            )
        ]


@lru_cache(maxsize=16_384)
def graded(value: str, words: frozenset[str]) -> bool:
    """True when the value is a grade or a list of grades (``优良中低差``, ``达成/部分达成/未达成``)."""
    value = value.strip().rstrip("。")
    if value in words:
        return True
    parts = [p for p in _SPLIT.split(value) if p]
    if len(parts) > 1 and all(p in words for p in parts):
        return True
    return len(value) >= 2 and all(ch in "优良中低差" for ch in value)
