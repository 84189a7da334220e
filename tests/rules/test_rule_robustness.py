"""Whatever a document holds, the review returns findings and never raises (findings are data)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jixiao.rules import Finding, review
from tests.rules._rule_cases import clean_table, document

TRICKY = [
    "",
    " ",
    "≥",
    "%",
    "100",
    "≥100%",
    ">100%",
    "-5%",
    "1e309",
    "NaN",
    "inf",
    "0",
    "0.0",
    "《=858.5万（预算数）",
    "94%-98%",
    "满意率95%以上、零核实投诉",
    "2024年12月31日之前",
    "年底",
    "每月25日以前",
    "定性",
    "2",
    "优良中低差",
    "万元",
    "元/人",
    "万",
    "人",
    "（%）",
    "（",
    "）",
    "《",
    "》",
    "时效性",
    "服务对象满意",
    "成本指标",
    "产出指标",
    "秦医保中心[2022]18号《秦皇岛市医疗保险基金管理中心关于基本医疗保险意外伤害医疗费用直接结算的通知》",
    "3月底",
    "12月底",
    "正向指标",
    "反向指标",
    "\u3000",
    "１００％",
    "999999999999999999999",
    "1,000.00",
]
text = st.one_of(st.sampled_from(TRICKY), st.text(max_size=40))
maybe = st.one_of(st.none(), text)

ROW_FIELDS = (
    "level1",
    "level2",
    "name",
    "description",
    "value",
    "op",
    "number",
    "unit",
    "overall_value",
    "nature",
    "weight",
    "weight_this_year",
    "direction",
    "basis",
)


@st.composite
def rows(draw: st.DrawFn) -> dict[str, Any]:
    return {key: draw(maybe) for key in ROW_FIELDS}


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    table = clean_table()
    table["indicators"] = draw(st.lists(rows(), max_size=8))
    table["money_unit"] = draw(maybe)
    table["funds"] = {k: draw(maybe) for k in ("total", "fiscal", "other", "midterm_total", "unit_funds")}
    table["budget_execution_weight"] = draw(maybe)
    table["annual_goals"] = draw(st.lists(text, max_size=3))
    table["purpose"] = draw(maybe)
    table["midterm_goal"] = draw(maybe)
    table["midterm_period"] = draw(maybe)
    table["spending_plan"] = [{"label": draw(text), "percent": draw(maybe)} for _ in range(draw(st.integers(0, 5)))]
    table["title"] = draw(maybe)
    return table


@given(st.lists(tables(), min_size=1, max_size=3), st.sampled_from(["national-2020", "central-2021"]))
def test_review_never_raises_and_returns_findings(tabs: list[dict[str, Any]], profile: str) -> None:
    findings = review(document(*tabs), profile=profile)
    assert all(isinstance(f, Finding) and f.message and f.message_en for f in findings)
    assert all(f.table is None or 0 <= f.table < len(tabs) for f in findings)
    for f in findings:
        if f.indicator is not None:
            assert f.table is not None and 0 <= f.indicator < len(tabs[f.table]["indicators"])
