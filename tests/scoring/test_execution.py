"""The execution score and the rate of every fund line, under the profiles."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import ExecutionLine, TargetTable
from jixiao.scoring import line_rate, load_scoring_profile, score_execution
from jixiao.scoring.numbers import rounded


def _table(adjusted: str, executed: str, points: str | None = "10", score: str | None = None) -> TargetTable:
    line = ExecutionLine(
        label="年度资金总额：", adjusted_budget=adjusted, executed=executed, max_score=points, score=score
    )
    return TargetTable(kind="self_evaluation", execution=[line])


def _computed(profile: str, adjusted: str, executed: str, points: str | None = "10") -> Decimal | None:
    scored = score_execution(_table(adjusted, executed, points), load_scoring_profile(profile))
    assert scored is not None
    return scored.computed


def test_rate_is_executed_over_adjusted_budget() -> None:
    rate, executed, budget = line_rate(
        ExecutionLine(label="x", initial_budget="493.76", adjusted_budget="536.2", executed="413.57")
    )
    assert rate is not None and rounded(rate, 2) == Decimal("77.13")
    assert (executed, budget) == (Decimal("413.57"), Decimal("536.2"))


def test_rate_falls_back_to_the_initial_budget_and_is_none_at_zero() -> None:
    assert line_rate(ExecutionLine(label="x", initial_budget="100", executed="50"))[0] == Decimal(50)
    assert line_rate(ExecutionLine(label="x", adjusted_budget="0.00", executed="0.00"))[0] is None


def test_national_is_rate_times_points_capped() -> None:
    assert _computed("national", "536.2", "413.57") == Decimal("7.71")
    assert _computed("national", "100", "120") == Decimal(10)


def test_uncapped_profile_goes_above_the_points() -> None:
    assert _computed("national-uncapped", "100", "120") == Decimal(12)


def test_ningde_gives_full_points_from_95_percent() -> None:
    assert _computed("ningde", "100", "96") == Decimal(10)
    assert _computed("ningde", "100", "90") == Decimal(9)


def test_stepped_profile_scores_in_bands() -> None:
    assert _computed("stepped", "100", "99") == Decimal(9)
    assert _computed("stepped", "100", "59") == Decimal(0)


def test_district_default_points_apply_when_none_printed() -> None:
    scored = score_execution(_table("100", "80", None), load_scoring_profile("district-s26"))
    assert scored is not None and scored.points == Decimal(20) and not scored.points_printed
    assert scored.computed == Decimal(16)


def test_explanations_give_the_figures_in_both_languages() -> None:
    scored = score_execution(_table("536.2", "413.57"), load_scoring_profile("national"))
    assert scored is not None
    zh, en = scored.explain()
    assert "413.57 ÷ 536.2 = 77.13%" in zh and "77.13% × 10 = 7.71" in zh
    assert "budget execution 413.57 ÷ 536.2" in en


def test_no_execution_block_is_none() -> None:
    assert score_execution(TargetTable(kind="self_evaluation"), load_scoring_profile("national")) is None


def test_misprinted_negative_points_compute_no_score() -> None:
    for profile in ("national", "district-s26"):
        assert _computed(profile, "100", "100", points="-10") is None
