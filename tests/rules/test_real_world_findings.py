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
