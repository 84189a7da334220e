"""The jixiao/1 model: exact amounts, null versus "", gold files unchanged through the model, the schema file."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from jixiao.cli.parse import schema_text
from jixiao.model import Document, Funds, Indicator, convert_amount

ROOT = Path(__file__).parents[1]
GOLD_FILES = sorted((ROOT / "tests" / "data" / "gold").glob("*.json"))


@pytest.mark.parametrize(
    ("amount", "source", "target", "expected"),
    [
        ("67.2", "万元", "元", Decimal("672000")),
        ("37000000.00", "元", "万元", Decimal("3700")),
        ("2,858.5", "万元", "亿元", Decimal("0.28585")),
        (Decimal("0.1"), "亿元", "万", Decimal("1000")),
    ],
)
def test_amounts_convert_exactly(amount: str, source: str, target: str, expected: Decimal) -> None:
    result = convert_amount(amount, source, target)
    assert isinstance(result, Decimal) and result == expected


def test_conversion_refuses_what_is_not_an_amount_or_a_unit() -> None:
    with pytest.raises(ValueError, match="not an amount"):
        convert_amount("五万", "元", "万元")
    with pytest.raises(ValueError, match="unknown money unit"):
        convert_amount("5", "美元", "元")


def test_absent_is_null_and_printed_empty_is_empty_string() -> None:
    funds = Funds(total="5.00", other="")
    data = funds.model_dump()
    assert data["other"] == "" and data["fiscal"] is None
    assert Indicator().model_dump()["value"] is None


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Indicator.model_validate({"name": "x", "target": "95%"})


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name[:3])
def test_every_gold_file_round_trips_through_the_model_unchanged(gold: Path) -> None:
    data = json.loads(gold.read_text(encoding="utf-8"))
    document = Document.from_dict(data)
    expected = {k: v for k, v in data.items() if not k.startswith("_")}
    # Gold written before a field was added lacks it; the model must then hold it empty (null or []).
    assert _drop_empty_fields_absent_from(document.to_dict(extras=False), expected) == expected
    assert Document.from_dict(json.loads(document.to_json())) == document


def _drop_empty_fields_absent_from(ours: Any, gold: Any) -> Any:
    if isinstance(ours, dict) and isinstance(gold, dict):
        return {
            key: _drop_empty_fields_absent_from(value, gold.get(key))
            for key, value in ours.items()
            if key in gold or value not in (None, [], {})
        }
    if isinstance(ours, list) and isinstance(gold, list) and len(ours) == len(gold):
        return [_drop_empty_fields_absent_from(o, g) for o, g in zip(ours, gold, strict=True)]
    return ours


def test_the_schema_file_is_generated_from_the_model() -> None:
    stored = (ROOT / "schema" / "jixiao-1.schema.json").read_text(encoding="utf-8")
    assert stored == schema_text(), (
        "schema/jixiao-1.schema.json is stale: run `jixiao schema -o schema/jixiao-1.schema.json`"
    )
