from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


class Rule_R04(Rule):
    """The 一级/二级指标 name is not in the profile's vocabulary (or is a variant of it).

    **Anti-pattern**: variants and unknown names in the hierarchy columns::

        产出指标 | 时效性 | 慢性病评审完成时间
        满意度指标 | 服务对象满意 | 参保人员满意率
        产出指标 | 工作指标 | …

    **Best practice**: the canonical names of the active profile::

        产出指标 | 时效指标 | …;  满意度指标 | 服务对象满意度指标 | …
    """

    code = "R04"
    name = "hierarchy.level2_vocabulary"
    severity = Severity.ERROR
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "core", "completeness", "style")
    source = "二级指标 definitions [S33, S34]; 财预〔2021〕101号 [U]; normalisation rules.md §9.2"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return not shape & (Shape.CANONICAL | Shape.NO_LEVEL1)  # no level printed: nothing to judge (below)

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        raw1, raw2 = ind.level1_raw, ind.level2_raw  # properties that strip the printed text: read once
        if ind.level2_known and ind.level1 == raw1 and ind.level2 == raw2:
            return None
        out: list[Finding] = []
        if not raw1.strip():
            return None  # no 一级指标 was read for the row: nothing printed to judge (the reader warns of it)
        if not ind.level1_known:
            allowed = "、".join(self.profile.level1)
            out.append(
                self.finding(
                    tbl,
                    f"一级指标「{raw1}」不在配置 {self.profile.name} 的范围内（{allowed}）",
                    f"level 1 '{raw1}' is not allowed by profile {self.profile.name}",
                    ind=ind,
                    field="level1",
                    suggestion=f"改为 {allowed} 之一 (use one of these)",
                )
            )
            return out
        if ind.level1 != raw1 and not _same_name(raw1, ind.level1):
            out.append(
                self.finding(
                    tbl,
                    f"一级指标「{raw1}」规范为「{ind.level1}」",
                    f"level 1 '{raw1}' normalised to '{ind.level1}'",
                    ind=ind,
                    field="level1",
                    severity=Severity.INFO,
                    suggestion=f"改为「{ind.level1}」",
                )
            )
        if not ind.level2_known:
            allowed = "、".join(self.profile.level2.get(ind.level1, ()))
            out.append(
                self.finding(
                    tbl,
                    f"二级指标「{raw2}」不属于「{ind.level1}」（配置 {self.profile.name}：{allowed}）",
                    f"level 2 '{raw2}' is not allowed under '{ind.level1}' by profile {self.profile.name}",
                    ind=ind,
                    field="level2",
                    suggestion=f"改为 {allowed} 之一 (use one of these)",
                )
            )
        elif ind.level2 != raw2 and not _same_name(raw2, ind.level2):
            out.append(
                self.finding(
                    tbl,
                    f"二级指标「{raw2}」规范为「{ind.level2}」",
                    f"level 2 '{raw2}' normalised to '{ind.level2}'",
                    ind=ind,
                    field="level2",
                    severity=Severity.INFO,
                    suggestion=f"改为「{ind.level2}」",
                )
            )
        return out


def _same_name(raw: str, canonical: str) -> bool:
    """``经济成本`` for ``经济成本指标``: the name without its generic suffix is the same name, nothing to note."""
    return raw.strip() + "指标" == canonical
