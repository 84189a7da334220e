"""One indicator row scored under the profiles: 正向, 反向, 等于, 定性, and rows that cannot be scored."""

from __future__ import annotations

from dataclasses import astuple, fields
from decimal import Decimal

import pytest

from jixiao.scoring import RowScore, direction_of, load_scoring_profile, score_document, score_row, wording_band
from tests.scoring._data import gold_010, row

NATIONAL = load_scoring_profile("national")


def _by_name() -> dict[str, RowScore]:
    return {r.name: r for t in score_document(gold_010(), "national") for r in t.rows}


@pytest.mark.parametrize(
    ("name", "printed", "computed"),
    [("设备完好率", "7.1", "8.85"), ("使用部门满意率", "9.3", "9.38"), ("微信发稿量（篇）", "4", "5.74")],
)
def test_acceptance_rows_of_010_are_recomputed_and_named_as_different(name: str, printed: str, computed: str) -> None:
    scored = _by_name()[name]
    assert scored.printed == Decimal(printed)
    assert scored.computed == Decimal(computed)
    assert scored.differs


def test_met_complaint_bound_scores_full_under_national() -> None:
    scored = _by_name()["来访群众针对接待环境的投诉次数"]
    assert scored.met and scored.computed == Decimal(10) and scored.printed == Decimal(9)


def test_positive_missed_scores_in_proportion_with_both_explanations() -> None:
    scored = score_row(0, row("≥96%", "85%", "10", "7.1"), NATIONAL)
    assert (scored.method, scored.met, scored.computed) == ("positive", False, Decimal("8.85"))
    zh, en = scored.explain()
    assert "85 ÷ 96 × 10 = 8.85" in zh and "85 ÷ 96 × 10 = 8.85" in en
    assert "正向" in zh and "positive" in en


def test_positive_met_scores_full_even_far_above_target() -> None:
    scored = score_row(0, row("≥4次", "40次", "6"), NATIONAL)
    assert scored.computed == Decimal(6) and scored.formula == "met"


def test_negative_linear_up_to_twice_the_target_then_zero() -> None:
    assert score_row(0, row("≤10天", "10天"), NATIONAL).computed == Decimal(10)
    assert score_row(0, row("≤10天", "12天"), NATIONAL).computed == Decimal(8)  # (1 − 2 ÷ 10) × 10
    assert score_row(0, row("≤10天", "20天"), NATIONAL).computed == Decimal(0)
    assert score_row(0, row("≤10天", "35天"), NATIONAL).formula == "beyond"


def test_negative_variants_ratio_and_zero() -> None:
    assert score_row(0, row("≤10天", "12.5天"), load_scoring_profile("district-s26")).computed == Decimal(8)
    assert score_row(0, row("≤10天", "11天"), load_scoring_profile("stepped")).computed == Decimal(0)


def test_equality_with_zero_target_is_full_only_at_zero() -> None:
    assert score_row(0, row("=0起", "0起"), NATIONAL).computed == Decimal(10)
    assert score_row(0, row("=0起", "1起"), NATIONAL).computed == Decimal(0)


def test_equality_with_a_non_zero_target_scores_as_positive() -> None:
    scored = score_row(0, row("72万册", "60万册", "6"), NATIONAL)
    assert scored.method == "equal" and scored.computed == Decimal(5)


def test_printed_direction_overrides_the_comparator() -> None:
    ind = row("10次", "12次", direction="反向")
    assert direction_of(ind) == "negative"
    assert score_row(0, ind, NATIONAL).computed == Decimal(8)


def test_qualitative_keeps_the_printed_score_and_checks_its_band() -> None:
    inside = score_row(0, row("有所提高", "达成年度指标", "10", "9"), NATIONAL)
    assert inside.method == "qualitative" and inside.computed == Decimal(9) and inside.in_band is True
    outside = score_row(0, row("有所提高", "部分达成年度指标并具有一定效果", "10", "10"), NATIONAL)
    assert outside.band == "部分达成" and outside.in_band is False
    assert (outside.band_low, outside.band_high) == (Decimal(6), Decimal(8))


def test_wording_bands_read_completion_words() -> None:
    assert wording_band("未完成预期指标且效果较差", NATIONAL) == "未达成"
    assert wording_band("部分达成预期指标", NATIONAL) == "部分达成"
    assert wording_band("已于2025年2月完成", NATIONAL) == "达成"
    assert wording_band("系统运行安全稳定", NATIONAL) is None


def test_rows_that_cannot_be_scored_say_why() -> None:
    no_points = score_row(0, row("≥4次", "5次", ""), NATIONAL)
    assert no_points.method == "unscored" and no_points.computed is None
    units = score_row(0, row("≥4次", "5人"), NATIONAL)
    assert units.method == "unscored" and "单位" in units.explain()[0] and "units" in units.explain()[1]
    no_actual = score_row(0, row("≥4次", "较好"), NATIONAL)
    assert no_actual.method == "unscored" and no_actual.computed is None


def test_score_rounds_half_up_to_the_profile_decimals() -> None:
    assert score_row(0, row("≥96%", "90%"), NATIONAL).computed == Decimal("9.38")  # 9.375


def test_misprinted_negative_points_leave_the_row_unscored_with_the_reason() -> None:
    from jixiao.model import Indicator
    from jixiao.scoring import load_scoring_profile, score_row

    ind = Indicator(level1="产出指标", name="x", op=">=", number="0", actual_number="0", max_score="-5")
    row = score_row(0, ind, load_scoring_profile("national"))
    assert (row.method, row.computed, row.reason) == ("unscored", None, "分值为负")
    assert row.explain() == ("未计算：分值为负", "not computed: the points are negative")


def test_a_scored_row_has_every_field_set_as_the_dataclass_would() -> None:
    # score_row makes its common result without RowScore.__init__ (a cheaper path): every field must be set
    scored = score_row(0, row("≥96%", "85%", "10", "7.1"), NATIONAL)
    values = {f.name: getattr(scored, f.name) for f in fields(RowScore)}
    assert scored == RowScore(**values)
    assert astuple(scored)[-4:] == (None, None, None, "")  # band, band_low, band_high, reason: the defaults
