from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.rules.profiles import Profile
from jixiao.scoring.numbers import ZERO, fmt

_OP = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


class Rule_R40(EvaluationRule):
    """A target beaten by far: the target was probably set too low.

    A 正向 actual above (1 + overshoot) × target, or a 反向 actual above 0 and below target ÷ (1 + overshoot), with the
    scoring profile's ``[warning] overshoot`` (20%). 10号 is believed to ask for a deduction when a target
    was clearly set too low; the reviewer decides.

    **Anti-pattern**::

        形成的研究成果数 | ≥18个 | 实际 30个 | 分值 9 | 得分 9

    **Best practice**::

        形成的研究成果数 | ≥28个 | 实际 30个 | 分值 9 | 得分 9
    """

    code = "R40"
    name = "selfeval.overshoot"
    severity = Severity.INFO
    scope = Scope.TABLE
    groups = ("all", "selfeval", "feasibility")
    source = "possible low target [U]; overshooting affects the score [S35]; scorepercentage (anchors-cn §8)"

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self._factor = 1 + self.scoring.overshoot  # of the scoring profile, fixed for the rule's life
        self._share = fmt(self.scoring.overshoot * 100)

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        out: list[Finding] | None = None
        factor = self._factor
        for row in self.scored(tbl).full:
            if not row.met:
                continue
            target, actual = row.target, row.actual
            if target is None or actual is None or target <= ZERO:
                continue
            method = row.method
            if method == "negative":  # none at all is the aim of a 反向 count, not a sign of a low bar
                if actual <= ZERO or actual * factor >= target:
                    continue
            elif method != "positive" or actual <= target * factor:
                continue
            unit = row.unit
            shown_target = f"{_OP.get(row.op or '', '')}{fmt(target)}{unit}"
            shown_actual, share = f"{fmt(actual)}{unit}", self._share
            out = out or []
            out.append(
                self.finding(
                    tbl,
                    f"「{row.name}」目标 {shown_target}，实际 {shown_actual}，优于目标 {share}% 以上，目标可能设定偏低",
                    f"'{row.name}': target {shown_target}, actual {shown_actual}, better than the target by"
                    f" more than {share}%: the target may have been set too low",
                    ind=self.row(tbl, row.index),
                    field="value",
                    suggestion="分析超额原因；下一年度据实设定目标 (explain the overshoot; set next year's target from it)",
                )
            )
        return out
