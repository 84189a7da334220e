"""The writers' field tables come from ``jixiao.model``; every layout accounts for every field of it."""

from __future__ import annotations

import pytest
from pydantic import create_model

from jixiao.model import ExecutionLine, Indicator, TargetTable
from jixiao.writers._fields import ALL_FIELDS, INDICATOR_FIELDS, TABLE_FIELDS, expand, model_fields
from jixiao.writers.layouts import registered


def test_field_tables_follow_the_model_including_nested_models() -> None:
    assert set(INDICATOR_FIELDS) == set(Indicator.model_fields) - {"parts", "deadline", "source_ref"}
    assert "funds.total" in TABLE_FIELDS and "execution.rate" in TABLE_FIELDS and "tasks.budget.fiscal" in TABLE_FIELDS
    assert {f"execution.{name}" for name in ExecutionLine.model_fields} <= set(TABLE_FIELDS)
    assert "indicators" not in TABLE_FIELDS and "source_ref" not in TABLE_FIELDS


@pytest.mark.parametrize("name", list(registered()))
def test_every_layout_carries_or_explains_every_field_of_the_model(name: str) -> None:
    layout = registered()[name]
    assert layout.unaccounted(ALL_FIELDS) == [], f"{name}: add these fields to carries or not_carried"
    assert not layout.carries & layout.not_carried.keys(), f"{name}: a field both carried and not carried"
    assert all(reason.strip() for reason in layout.not_carried.values())


def test_a_field_added_to_the_model_is_unaccounted_in_every_layout() -> None:
    grown = create_model("GrownTable", __base__=TargetTable, new_cell=(str | None, None))
    fields = list(model_fields(grown))
    assert "new_cell" in fields
    for layout in registered().values():
        assert layout.unaccounted(fields) == ["new_cell"], layout.name


def test_a_layout_cannot_declare_a_field_the_model_lacks() -> None:
    with pytest.raises(ValueError, match=r"no field 'fund\.total'"):
        expand("title fund.total")
    assert expand("funds.*") == {f for f in TABLE_FIELDS if f.startswith("funds.")}
