"""Label families met in published documents without gold: read from the PDFs as published."""

from __future__ import annotations

from pathlib import Path

from jixiao.parsing import parse_file

REAL = Path(__file__).parents[1] / "data" / "real-world"


def test_a_department_task_grid_under_a_vertically_set_label_and_points_beside_it() -> None:
    reading = parse_file(REAL / "008_xian_xfj_2026_budget.pdf")
    department = next(t for t in reading.document.tables if t.kind == "department_target")
    assert (department.form_label, department.year, department.unit_name) == ("表15", 2026, "西安市信访局")
    assert [t.name for t in department.tasks][:2] == ["保运转", "信访业务统筹实施"]
    assert (department.budget_execution_weight, department.funds.total) == ("10", "2838.42")
    assert any("专项资金总体绩效目标表) is left out: it is a blank template form" in w for w in reading.warnings)


def test_carryover_and_the_execution_points_printed_in_their_bracket() -> None:
    first = parse_file(REAL / "014_gjxfj_2026_budget.pdf").document.tables[0]
    assert (first.funds.total, first.funds.fiscal, first.funds.carryover) == ("2134.87", "1384.87", "750.00")
    assert (first.budget_execution_weight, first.year, first.project_name) == ("10", 2026, "信息化运行维护")
