"""A monitoring table pre-filled from a published target table, its rates and its lights."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import ConfigError
from jixiao.model import Funds, Indicator, TargetTable
from jixiao.monitoring import Colour, lights_of, monitoring_table, period_month, with_rates


def _published() -> TargetTable:
    return TargetTable(
        kind="project_target",
        year=2025,
        project_name="信访干部培训",
        department="国家信访局",
        money_unit="万元",
        funds=Funds(total="200", fiscal="180", other="20"),
        annual_goals=["培训干部"],
        indicators=[
            Indicator(
                level1="产出指标",
                level2="数量指标",
                name="培训人次",
                value="≥400人次",
                op=">=",
                number="400",
                unit="人次",
            ),
            Indicator(
                level1="满意度指标",
                level2="服务对象满意度指标",
                name="学员满意度",
                value="≥90%",
                op=">=",
                number="90",
                unit="%",
            ),
        ],
    )


def test_prefill_carries_budget_lines_and_targets_with_progress_empty() -> None:
    table = monitoring_table(_published(), period="1-7月")
    assert table.kind == "monitoring" and table.title == "信访干部培训绩效运行监控表（1-7月）"
    assert [(line.label, line.initial_budget, line.adjusted_budget, line.executed) for line in table.execution] == [
        ("年度资金总额", "200", "200", None),
        ("其中：财政拨款", "180", "180", None),
        ("其他资金", "20", "20", None),
    ]
    assert [(i.name, i.number, i.unit, i.progress, i.on_track) for i in table.indicators] == [
        ("培训人次", "400", "人次", None, None),
        ("学员满意度", "90", "%", None, None),
    ]
    assert table.funds.total is None  # monitoring tables keep the money in execution


def test_prefill_from_a_table_with_execution_lines_keeps_them() -> None:
    first = with_rates(monitoring_table(_published()))
    again = monitoring_table(first)
    assert [line.label for line in again.execution] == [line.label for line in first.execution]


def test_filled_table_gets_rates_and_lights() -> None:
    table = monitoring_table(_published(), period="1-9月")
    table.execution[0].executed = "60"
    table.indicators[0].progress = "280人次"
    table.indicators[1].progress = "50%"
    filled = with_rates(table)
    assert filled.execution[0].rate == "30"
    execution, indicators = lights_of(filled, period_month("1-9月"))
    assert execution[0].colour is Colour.RED and execution[1].colour is Colour.GREY
    assert [light.colour for light in indicators] == [Colour.GREEN, Colour.RED]


@pytest.mark.parametrize(("text", "month"), [("1-7月", 7), ("1—9月", 9), ("1至6月", 6), ("12月", 12), ("上半年", 6)])
def test_period_month_reads_printed_periods(text: str, month: int) -> None:
    assert period_month(text) == month


@pytest.mark.parametrize("text", ["7-1月", "1-13月", "夏天", ""])
def test_bad_period_is_a_clear_error(text: str) -> None:
    with pytest.raises(ConfigError, match="monitoring period"):
        period_month(text)


def test_selfeval_prefill_shares_the_points_and_keeps_the_monitored_budget() -> None:
    from jixiao.monitoring import selfeval_table
    from jixiao.scoring import load_scoring_profile, score_table

    published = _published()
    monitored = with_rates(monitoring_table(published, period="1-7月"))
    monitored.execution[0].adjusted_budget = "190"
    table = selfeval_table(published, monitoring=monitored)
    assert table.kind == "self_evaluation" and table.total_max_score == "100"
    assert [i.max_score for i in table.indicators] == ["45", "45"]
    assert table.execution[0].adjusted_budget == "190" and table.execution[0].max_score == "10"
    assert table.execution[0].executed is None
    table.execution[0].executed = "171"
    table.indicators[0].actual, table.indicators[0].actual_number, table.indicators[0].actual_unit = (
        "380人次",
        "380",
        "人次",
    )
    table.indicators[1].actual, table.indicators[1].actual_number, table.indicators[1].actual_unit = "95%", "95", "%"
    score = score_table(0, table, load_scoring_profile("national"))
    assert score.computed_total == Decimal("96.75")  # 9 (90% of 10) + 42.75 (380 ÷ 400 × 45) + 45


@given(weights=st.lists(st.one_of(st.none(), st.integers(0, 30)), min_size=1, max_size=12))
def test_indicator_points_add_up_to_what_is_available(weights: list[int | None]) -> None:
    from jixiao.monitoring import indicator_points

    inds = [Indicator(name=f"i{n}", weight=None if w is None else str(w)) for n, w in enumerate(weights)]
    points = indicator_points(inds, Decimal(90))
    fixed = sum(w for w in weights if w is not None)
    if any(w is None for w in weights) and fixed <= 90:
        assert sum(points) == Decimal(90)
    assert all(p >= 0 for p in points)
