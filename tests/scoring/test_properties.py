"""Scoring properties (Hypothesis): a score stays within [0, its points]; meeting a target never scores less
than missing it."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.model import Indicator
from jixiao.scoring import ScoringProfile, builtin_scoring_profiles, load_scoring_profile, score_row

PROFILES = [load_scoring_profile(name) for name in builtin_scoring_profiles()]
amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
points = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
ops = st.sampled_from([">=", ">", "<=", "<", "="])


def _row(op: str, target: Decimal, actual: Decimal, pts: Decimal, direction: str | None = None) -> Indicator:
    return Indicator(
        name="指标",
        op=op,
        number=str(target),
        unit="个",
        actual=f"{actual}个",
        actual_number=str(actual),
        actual_unit="个",
        max_score=str(pts),
        direction=direction,
    )


@given(ops, amounts, amounts, points, st.sampled_from(PROFILES), st.sampled_from([None, "正向", "反向"]))
def test_a_score_never_exceeds_its_points_or_goes_below_zero(
    op: str, target: Decimal, actual: Decimal, pts: Decimal, profile: ScoringProfile, direction: str | None
) -> None:
    scored = score_row(0, _row(op, target, actual, pts, direction), profile)
    assert scored.computed is not None
    assert Decimal(0) <= scored.computed <= pts


@given(ops, amounts, amounts, amounts, points, st.sampled_from(PROFILES))
def test_meeting_a_target_never_scores_less_than_missing_it(
    op: str, target: Decimal, first: Decimal, second: Decimal, pts: Decimal, profile: ScoringProfile
) -> None:
    a = score_row(0, _row(op, target, first, pts), profile)
    b = score_row(0, _row(op, target, second, pts), profile)
    assert a.computed is not None and b.computed is not None
    if a.met and not b.met:
        assert a.computed >= b.computed
    if b.met and not a.met:
        assert b.computed >= a.computed
    if a.met:
        assert a.computed == pts  # a met target scores full points
