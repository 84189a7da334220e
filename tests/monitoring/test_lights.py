"""Traffic lights of 运行监控: the ministry's bands on execution and indicator progress, with reasons."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.model import ExecutionLine, Indicator
from jixiao.monitoring import Colour, execution_light, indicator_light, on_track_colour


def _line(budget: str | None, executed: str | None, initial: str | None = None) -> ExecutionLine:
    return ExecutionLine(label="年度资金总额", initial_budget=initial, adjusted_budget=budget, executed=executed)


def _ind(op: str, target: str, unit: str, progress: str | None, **kw: str) -> Indicator:
    return Indicator(name="指标", op=op, number=target, unit=unit, value=f"{op}{target}{unit}", progress=progress, **kw)


@pytest.mark.parametrize(
    ("executed", "month", "colour"),
    [
        ("30", 9, Colour.RED),  # 30% against 75%: 40% of the time share
        ("44", 9, Colour.RED),  # 58.7%
        ("45", 9, Colour.YELLOW),  # exactly 60%
        ("59", 9, Colour.YELLOW),
        ("60", 9, Colour.GREEN),  # exactly 80%
        ("100", 6, Colour.GREEN),
        ("0", 1, Colour.RED),
    ],
)
def test_execution_light_compares_the_rate_with_the_time_share(executed: str, month: int, colour: Colour) -> None:
    assert execution_light(_line("100", executed), month).colour is colour


def test_execution_light_explains_itself_in_both_languages() -> None:
    light = execution_light(_line("200", "60"), 9)
    zh, en = light.explain()
    assert light.ratio == Decimal("40.00")
    assert zh.startswith("红灯") and "执行率 30%" in zh and "时间进度 75%" in zh
    assert en.startswith("red") and "execution rate 30%" in en


def test_execution_light_falls_back_to_the_initial_budget_and_is_grey_without_figures() -> None:
    assert execution_light(_line(None, "90", initial="100"), 12).colour is Colour.GREEN
    assert execution_light(_line("100", None), 6).colour is Colour.GREY
    assert execution_light(_line("0", "5"), 6).colour is Colour.GREY


def test_month_outside_the_year_is_refused() -> None:
    with pytest.raises(ValueError, match="month"):
        execution_light(_line("100", "50"), 13)


@pytest.mark.parametrize(
    ("progress", "month", "colour"),
    [
        ("0人", 7, Colour.RED),  # red at zero
        ("30人", 6, Colour.YELLOW),  # 30 of 50 expected: exactly 60%, the yellow band's floor
        ("40人", 6, Colour.GREEN),  # 80%
        ("35人", 6, Colour.YELLOW),  # 70%
        ("121人", 6, Colour.BLUE),  # above 120% of the annual target
        ("120人", 6, Colour.GREEN),  # exactly 120%: not above
    ],
)
def test_positive_indicator_against_the_prorated_target(progress: str, month: int, colour: Colour) -> None:
    assert indicator_light(_ind(">=", "100", "人", progress), month).colour is colour


def test_percent_indicator_is_a_level_compared_with_the_full_target() -> None:
    light = indicator_light(_ind(">=", "90", "%", "85%"), 3)
    assert light.colour is Colour.GREEN and light.ratio == Decimal("94.44")
    assert "比率类" in light.reason_zh
    # a profile that prorates rates as well compares 85 with 90 × 3 ÷ 12 = 22.5
    strict = indicator_light(_ind(">=", "90", "%", "85%"), 3, "strict")
    assert strict.colour is Colour.GREEN and "90 × 3 ÷ 12" in strict.reason_zh


def test_zero_target_is_green_only_at_zero() -> None:
    assert indicator_light(_ind("<=", "0", "起", "0起"), 7).colour is Colour.GREEN
    assert indicator_light(_ind("<=", "0", "起", "1起"), 7).colour is Colour.RED
    assert indicator_light(_ind("=", "0", "起", "2起"), 7).colour is Colour.RED


@pytest.mark.parametrize(
    ("progress", "colour"), [("3次", Colour.GREEN), ("5次", Colour.GREEN), ("6次", Colour.YELLOW), ("7次", Colour.RED)]
)
def test_negative_indicator_is_a_ceiling_on_the_annual_target(progress: str, colour: Colour) -> None:
    assert indicator_light(_ind("<=", "5", "次", progress), 4).colour is colour


def test_equal_target_is_red_once_exceeded() -> None:
    assert indicator_light(_ind("=", "10", "个", "11个"), 6).colour is Colour.RED
    assert indicator_light(_ind("=", "10", "个", "5个"), 6).colour is Colour.GREEN


@pytest.mark.parametrize(
    ("on_track", "colour"),
    [("确定能", Colour.GREEN), ("有可能", Colour.YELLOW), ("完全不可能", Colour.RED), (None, Colour.GREY)],
)
def test_qualitative_rows_take_the_likelihood_of_completion(on_track: str | None, colour: Colour) -> None:
    ind = Indicator(name="群众满意", value="效果显著", progress="较好", on_track=on_track)
    assert indicator_light(ind, 7).colour is colour
    assert on_track_colour(on_track) is (None if colour is Colour.GREY else colour)


def test_progress_in_another_unit_is_not_compared_by_number() -> None:
    light = indicator_light(_ind(">=", "100", "人", "3期", on_track="有可能"), 7)
    assert light.colour is Colour.YELLOW and "单位" in light.reason_zh


_amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)


@given(budget=_amounts, executed=_amounts, month=st.integers(1, 12))
def test_execution_colour_follows_the_ratio(budget: Decimal, executed: Decimal, month: int) -> None:
    light = execution_light(_line(str(budget), str(executed)), month)
    assert light.ratio is not None
    ratio = executed / budget * 12 / month * 100
    if ratio < Decimal("59.99"):
        assert light.colour is Colour.RED
    elif ratio >= Decimal("80.01"):
        assert light.colour is Colour.GREEN
    assert light.reason_zh and light.reason_en


@given(budget=_amounts, a=_amounts, b=_amounts, month=st.integers(1, 12))
def test_spending_more_never_worsens_the_execution_light(budget: Decimal, a: Decimal, b: Decimal, month: int) -> None:
    rank = {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 2}
    low, high = sorted((a, b))
    first = execution_light(_line(str(budget), str(low)), month).colour
    second = execution_light(_line(str(budget), str(high)), month).colour
    assert rank[first] <= rank[second]


@given(
    target=_amounts, progress=st.decimals(min_value=0, max_value=Decimal("200000"), places=2), month=st.integers(1, 12)
)
def test_positive_light_is_blue_exactly_above_120_percent_of_the_target(
    target: Decimal, progress: Decimal, month: int
) -> None:
    light = indicator_light(_ind(">=", str(target), "人", f"{progress}人"), month)
    if progress == 0:
        assert light.colour is Colour.RED
    else:
        assert (light.colour is Colour.BLUE) == (progress / target * 100 > 120)


@given(
    target=_amounts, progress=st.decimals(min_value=0, max_value=Decimal("200000"), places=2), month=st.integers(1, 12)
)
def test_negative_light_never_depends_on_the_month(target: Decimal, progress: Decimal, month: int) -> None:
    ind = _ind("<=", str(target), "元", f"{progress}元")
    assert indicator_light(ind, month).colour is indicator_light(ind, 12).colour
    assert (indicator_light(ind, month).colour is Colour.GREEN) == (progress <= target)
