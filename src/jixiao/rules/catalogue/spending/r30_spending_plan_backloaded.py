from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.catalogue.spending._plan import fmt, points
from jixiao.rules.profiles import Profile


class Rule_R30(Rule):
    """Little of the budget is planned to be spent by the monitoring cut-off (key monitoring ahead).

    **Anti-pattern** (cut-off 8月底, threshold 60%)::

        资金支出计划（%） 3月底 0 | 6月底 10 | 10月底 30 | 12月底 100   (8月底 ≈ 20%)

    **Best practice**::

        资金支出计划（%） 3月底 25 | 6月底 50 | 10月底 75 | 12月底 100   (8月底 ≈ 62.5%)
    """

    code = "R30"
    name = "spending.backloaded"
    severity = Severity.INFO
    scope = Scope.SPENDING_PLAN
    groups = ("all", "feasibility")
    source = "太原: >=200万 and <=60% spent by end of August → key monitoring [S17]; [I]"
    config_keywords = ("monitor_month", "backloaded_share")

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self._cutoff = profile.threshold("monitor_month")
        self._share = profile.threshold("backloaded_share")

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        if not tbl.table.spending_plan:
            return None
        pts = tuple(sorted([(m, pct) for _, _, pct, m in points(tbl) if pct is not None and m is not None]))
        if not pts:
            return None
        cutoff = self._cutoff
        planned = _planned(pts, cutoff)
        share = self._share
        if planned >= share:
            return None
        month = fmt(cutoff)
        return [
            self.finding(
                tbl,
                f"按计划到{month}月底仅支出约 {fmt(planned)}%（低于 {fmt(share)}%），将进入重点监控",
                f"about {fmt(planned)}% is planned to be spent by the end of month {month} (below {fmt(share)}%): key monitoring",
                field="spending_plan",
                suggestion="前移支出进度或说明原因 (bring spending forward or explain)",
            )
        ]


@lru_cache(maxsize=4096)
def _planned(pts: tuple[tuple[int, float], ...], cutoff: float) -> float:
    """The share planned to be spent by the cut-off month, interpolated from the sorted (month, %) points."""
    before = [(m, p) for m, p in pts if m <= cutoff]
    after = [(m, p) for m, p in pts if m >= cutoff]
    m0, p0 = before[-1] if before else (0, 0.0)
    if not after:
        return p0
    m1, p1 = after[0]
    return p0 if m1 == m0 else p0 + (p1 - p0) * (cutoff - m0) / (m1 - m0)
