"""The small readings of :mod:`jixiao.interpret.evaluation`: column keys, goal items, actuals, subjects."""

from __future__ import annotations

import pytest

from jixiao.interpret.evaluation import actual_reading, execution_key, goal_items, subject_of


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("年初预算安排金额①", "年初预算安排金额"),
        ("小计③=①+②", "小计"),
        ("支出实现率⑤=④/③", "支出实现率"),
        ("全年预算数（A）", "全年预算数"),
        ("预算执行率（B/A）", "预算执行率"),
    ],
)
def test_circled_numbers_formulas_and_brackets_leave_the_column_key(printed: str, key: str) -> None:
    assert execution_key(printed) == key


def test_numbered_goals_lose_their_numbers_even_when_a_pdf_joined_their_lines() -> None:
    assert goal_items("1.分级培训。2.挂职锻炼。\n3.业务骨干。") == ["分级培训。", "挂职锻炼。", "业务骨干。"]


def test_goals_headed_by_a_label_keep_it() -> None:
    assert goal_items("目标1：条例落实；目标2:法治化；\n目标3：理论研究。") == [
        "目标1：条例落实；",
        "目标2:法治化；",
        "目标3：理论研究。",
    ]
    assert goal_items("一是运维。\n二是升级。") == ["一是运维。", "二是升级。"]


def test_a_figure_inside_a_goal_is_no_item_number() -> None:
    assert goal_items("比上年增长3.5%。全年完成2.5万人次。") == ["比上年增长3.5%。全年完成2.5万人次。"]


@pytest.mark.parametrize(
    ("actual", "unit", "number", "read_unit"),
    [("123人", None, "123", "人"), ("未超标准", None, None, None), ("12", "场", "12", "场"), ("", "场", None, None)],
)
def test_an_actual_is_read_like_a_target_value(
    actual: str, unit: str | None, number: str | None, read_unit: str | None
) -> None:
    assert actual_reading(actual, unit) == {"actual_number": number, "actual_unit": read_unit}


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("信访干部培训专项项目绩效自评表", "project"),
        ("2024年度部门整体支出绩效自评表", "department"),
        ("2024年度中央对地方转移支付区域绩效自评表", "transfer_payment"),
        (None, "project"),
    ],
)
def test_the_title_names_what_is_evaluated(title: str | None, subject: str) -> None:
    assert subject_of(title) == subject
