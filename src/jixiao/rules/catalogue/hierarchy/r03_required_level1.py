from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R03(Rule):
    """A required 一级指标 has no indicator.

    **Anti-pattern**: a table with 产出指标 only, or without 满意度指标::

        产出指标 | 数量指标 | 培训人次 | ≥50人次
        (no 效益指标, no 满意度指标)

    **Best practice**: 产出指标 and 效益指标 (and 成本指标 under central-2021) each carry at least one indicator,
    and 满意度指标 is set::

        产出指标 … | 效益指标 | 社会效益指标 | 政策知晓率 | ≥95% | 满意度指标 | … | ≥90%

    A table whose rows carry no 一级指标 at all (a form without level columns) gets one note instead.
    """

    code = "R03"
    name = "hierarchy.required_level1"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "core", "completeness")
    source = "indicator hierarchy [S34, S35]; 中发〔2018〕34号 target scope [S18]; 财预〔2021〕101号 [U]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        present = {ind.level1 for ind in tbl.indicators}
        if tbl.indicators and not any(present):
            # a form without level columns (重庆's 指标名称 | 指标性质 | 指标值 …): the levels are not printed
            # anywhere, so which are missing cannot be told; one note instead of an error per level
            return [
                self.finding(
                    tbl,
                    "表中未列一级指标，无法核对必设的一级指标",
                    "the table gives no level-1 indicators, so the required ones cannot be checked",
                    field="indicators",
                    severity=Severity.INFO,
                    suggestion="按一级、二级指标分列指标 (give each indicator its level 1 and level 2)",
                )
            ]
        out: list[Finding] = []
        for level1 in self.profile.required_level1:
            if level1 not in present:
                out.append(
                    self.finding(
                        tbl,
                        f"缺少一级指标「{level1}」",
                        f"no indicator under the required level 1 '{level1}'",
                        field="indicators",
                        suggestion=f"增设{level1}下的指标 (add an indicator under {level1})",
                    )
                )
        for level1 in self.profile.recommended_level1:
            if level1 not in present:
                out.append(
                    self.finding(
                        tbl,
                        f"未设置「{level1}」",
                        f"no indicator under '{level1}'",
                        field="indicators",
                        severity=Severity.WARNING,
                        suggestion=f"增设{level1}，如 服务对象满意度 ≥90% (add one, e.g. satisfaction ≥90%)",
                    )
                )
        return out
