from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring import ScoringProfile
from jixiao.scoring.numbers import fmt, rounded


@lru_cache(maxsize=32)
def _bands(profile: ScoringProfile) -> str:
    return "、".join(f"{label} ≥ {fmt(low)}" for label, low in profile.grades)


class Rule_R49(EvaluationRule):
    """The printed grade (评价等级) disagrees with the total under the profile's grade bands.

    **Anti-pattern**::

        评价总分 (S) 86 | 评价等级 优（S≧90）

    **Best practice**::

        评价总分 (S) 86 | 评价等级 良（80≦S＜90）
    """

    code = "R49"
    name = "selfeval.grade_band"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "selfeval", "core", "completeness")
    source = "grade bands 优90/良80/中60 [S9], 10号 [U]; labels a profile parameter [S32]; anchors-cn §8"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        ts = self.scored(tbl)
        printed, expected = ts.printed_grade_label, ts.grade_of_printed_total
        if printed is None or expected is None or printed == expected:
            return None
        total = ts.printed_total if ts.printed_total is not None else ts.printed_sum
        bands = _bands(ts.profile)
        shown = shown_en = fmt(total)
        if total is not None and ts.scale != 1:
            share = fmt(rounded(total * ts.scale, 2))
            shown += f"（满分 {ts.printed_max_text}，折合百分制 {share}）"
            shown_en += f" (of {ts.printed_max_text}, {share} on 100)"
        return [
            self.finding(
                tbl,
                f"评价等级印为「{ts.printed_grade}」，总分 {shown} 按配置 {ts.profile.name}（{bands}）应为「{expected}」",
                f"the grade is printed '{ts.printed_grade}', but a total of {shown_en} is '{expected}' under"
                f" {ts.profile.name} ({bands})",
                field="grade",
                suggestion=f"等级应为「{expected}」 (the grade is '{expected}')",
            )
        ]
