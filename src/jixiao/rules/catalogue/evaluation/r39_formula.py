from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.scoring.numbers import fmt
from jixiao.scoring.rows import QUANTITATIVE_METHODS  # (row.quantitative without a property call)


class Rule_R39(EvaluationRule):
    """A printed score disagrees with the profile's formula, or a 定性 score lies outside its wording's band.

    定性 rows must score within the band of their 完成 wording (达成 / 部分达成 / 未达成).

    Only partial scores are compared here: a met target scored below full points is R47, a missed one at
    full points is R48. A printed score above the formula's is a warning (the score may be inflated), below
    it is info.

    **Anti-pattern**::

        设备完好率 | ≥96% | 实际 85% | 分值 10 | 得分 7.1        (85 ÷ 96 × 10 = 8.85)
        接待办公开展情况 | 实际 部分达成 | 分值 10 | 得分 10      (部分达成: 6–8 points)

    **Best practice**::

        设备完好率 | ≥96% | 实际 85% | 分值 10 | 得分 8.85
    """

    code = "R39"
    name = "selfeval.formula"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "selfeval", "appropriateness")
    source = "严禁刻意抬高分数 [S11]; formulas [S26], [U]; anchors-cn §8 (perf_t_warnset)"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        ts = self.scored(tbl)
        out: list[Finding] = []
        profile = ts.profile.name
        for row in ts.lost:  # partial scores: the formula's own ground (R47/R48 judge met and missed targets)
            if row.met or row.method not in QUANTITATIVE_METHODS:
                continue
            if row.points is None or row.computed is None or row.printed is None:
                continue
            if row.computed >= row.points or not row.differs:
                continue
            zh, en = row.explain()
            computed = fmt(row.computed)  # (once for both languages: fmt costs ~2k instructions)
            out.append(
                self.finding(
                    tbl,
                    f"「{row.name}」自评得分 {row.printed_text}，按配置 {profile} 计算为 {computed}（{zh}）",
                    f"'{row.name}' scores {row.printed_text}; under {profile} it scores {computed} ({en})",
                    ind=self.row(tbl, row.index),
                    field="score",
                    suggestion="按公式重新计算得分 (recompute the score with the formula)",
                    severity=Severity.WARNING if row.printed > row.computed else Severity.INFO,
                )
            )
        for row in ts.out_of_band:
            low, high = fmt(row.band_low), fmt(row.band_high)
            out.append(
                self.finding(
                    tbl,
                    f"「{row.name}」完成情况为「{row.band}」，应得 {low}–{high} 分，自评得分 {row.printed_text}",
                    f"'{row.name}' is '{row.band}', which allows {low}–{high} points; it scores {row.printed_text}",
                    ind=self.row(tbl, row.index),
                    field="score",
                    suggestion="得分与完成程度相符 (score within the band of the wording)",
                )
            )
        exe = ts.execution
        if exe is not None and exe.differs and exe.computed is not None and exe.printed is not None:
            zh, en = exe.explain()
            out.append(
                self.finding(
                    tbl,
                    f"预算执行得分 {exe.printed_text}，按配置 {profile} 计算为 {fmt(exe.computed)}（{zh}）",
                    f"the execution scores {exe.printed_text}; under {profile} it scores {fmt(exe.computed)} ({en})",
                    field=f"execution[{exe.line}].score",
                    suggestion="按执行率重新计算得分 (recompute from the execution rate)",
                    severity=Severity.WARNING if exe.printed > exe.computed else Severity.INFO,
                )
            )
        return out or None
