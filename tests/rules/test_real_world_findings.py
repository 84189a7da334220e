"""Published documents that gave false review errors: what the reader could not hold is not an error."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from jixiao.parsing import parse_file
from jixiao.rules import Finding, profile_for, review

REAL = Path(__file__).parents[1] / "data" / "real-world"


@cache
def findings(name: str) -> list[Finding]:
    document = parse_file(REAL / name).document
    return review(document, profile=profile_for(document)[0])


@pytest.mark.parametrize("name", ["014_gjxfj_2026_budget.pdf", "008_xian_xfj_2026_budget.pdf"])
def test_carryover_execution_points_and_the_cost_level_give_no_false_error(name: str) -> None:
    codes = {f.code for f in findings(name)}
    assert not codes & {"R25", "R31", "R04"}, sorted(codes)


def test_a_department_table_has_its_unit_and_goal() -> None:
    fields = {f.field for f in findings("005_guangzhou_sthjj_2026_dept_overall_targets.pdf") if f.code == "R01"}
    assert not fields & {"unit_name", "annual_goals"}


def test_a_document_of_2026_is_reviewed_by_the_2021_profile() -> None:
    document = parse_file(REAL / "014_gjxfj_2026_budget.pdf").document
    assert profile_for(document) == ("central-2021", 2026)


def test_a_unit_printed_once_and_a_source_not_printed_give_no_false_error() -> None:
    # 泉州: the unit is on the department table only; 年度预算安排 prints 资金总额 and 其他资金 0.00, no 财政拨款
    errors = {(f.code, f.field) for f in findings("009_quanzhou_zfb_2026_budget.pdf") if f.severity == "error"}
    assert ("R01", "unit_name") not in errors and ("R31", "funds.total") not in errors, sorted(errors)


def test_a_form_without_level_columns_or_a_total_row_gives_no_false_error() -> None:
    # 重庆: 指标名称 | 指标性质 | 指标值 … with no 一级/二级 columns; the grid prints 当年财政拨款 but no total
    found = findings("013_chongqing_swj_2026_budget.pdf")
    assert not [f for f in found if f.severity == "error" and f.code in {"R01", "R03"}]
    assert {f.severity for f in found if f.code == "R03"} == {"info"}


def test_a_document_of_2022_with_cost_under_output_is_reviewed_by_the_2020_levels() -> None:
    # 西安医保 2022: 成本指标 is a 二级指标 under 产出指标 throughout, as before 财预〔2021〕101号
    document = parse_file(REAL / "004_xian_ybj_2022_budget.pdf").document
    assert profile_for(document) == ("national-2020", 2022)
    assert not {f.code for f in findings("004_xian_ybj_2022_budget.pdf")} & {"R03", "R04"}
