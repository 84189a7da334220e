"""A self-evaluation table (``kind: "self_evaluation"``) pre-filled from a published target table and, where
there is one, the last monitoring table of the year.

Points: the execution line is worth the scoring profile's execution points (national: 10); each indicator
keeps a printed 权重 as its points, and the rest of the 100 is shared equally among the rows without one (the
last row takes the rounding remainder, so the points always add up to 100).
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Indicator, TargetTable
from jixiao.monitoring.prefill import carried_header, execution_lines
from jixiao.scoring.numbers import HUNDRED, ZERO, fmt, number, rounded
from jixiao.scoring.profiles import ScoringProfile, load_scoring_profile

__all__ = ["indicator_points", "selfeval_table"]

_KEPT = ("level1", "level2", "name", "description", "value", "op", "number", "unit", "nature", "direction", "parts")


def indicator_points(indicators: list[Indicator], available: Decimal) -> list[Decimal]:
    """Each row's points: its printed 权重, else an equal share of what the weighted rows leave (two decimals)."""
    weights = [number(ind.weight) if ind.weight else None for ind in indicators]
    fixed = sum((w for w in weights if w is not None), ZERO)
    open_rows = [i for i, w in enumerate(weights) if w is None]
    points = [w if w is not None else ZERO for w in weights]
    if open_rows:
        left = max(available - fixed, ZERO)
        share = rounded(left / len(open_rows), 2)
        for i in open_rows:
            points[i] = share
        points[open_rows[-1]] = left - share * (len(open_rows) - 1)
    return points


def selfeval_table(
    published: TargetTable,
    *,
    monitoring: TargetTable | None = None,
    profile: str | ScoringProfile = "national",
) -> TargetTable:
    """The self-evaluation table for ``published``, ready to fill (actuals, execution, 实际完成情况)."""
    prof = load_scoring_profile(profile)
    lines = execution_lines(monitoring if monitoring is not None and monitoring.execution else published)
    lines = [line.model_copy(update={"executed": None, "rate": None}) for line in lines]
    if lines:
        lines[0] = lines[0].model_copy(update={"max_score": fmt(prof.execution_points)})
    points = indicator_points(published.indicators, HUNDRED - prof.execution_points)
    indicators = [
        Indicator(**{field: getattr(ind, field) for field in _KEPT}, max_score=fmt(pts), actual="")
        for ind, pts in zip(published.indicators, points, strict=True)
    ]
    name = published.project_name or published.unit_name or ""
    return TargetTable(
        kind="self_evaluation",
        title=f"{name}绩效自评表",
        execution=lines,
        indicators=indicators,
        total_max_score="100",
        **carried_header(published),
    )
