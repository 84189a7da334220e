"""Issue #4 acceptance: the findings on the four seed files, read through ``parse_file``, at their places.

Table numbers in the issue are 1-based positions in the document; ``Finding.table`` is 0-based.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from jixiao.model import Document
from jixiao.parsing import parse_file
from jixiao.rules import Finding, review

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "gold"


@cache
def _findings(prefix: str, source: str = "seed") -> tuple[Finding, ...]:
    if source == "seed":
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        document = parse_file(path).document
    else:
        (path,) = GOLD.glob(f"{prefix}_*.json")
        document = Document.from_dict(json.loads(path.read_text(encoding="utf-8")))
    return tuple(review(document))


def _where(
    found: tuple[Finding, ...],
    *,
    table: int | None = None,
    code: str | None = None,
    name: str | None = None,
    severity: str | tuple[str, ...] | None = None,
    field: str | None = None,
) -> list[Finding]:
    severities = (severity,) if isinstance(severity, str) else severity
    return [
        f
        for f in found
        if (table is None or f.table == table - 1)
        and (code is None or f.code == code)
        and (name is None or (f.indicator_name or "").startswith(name))
        and (severities is None or f.severity.value in severities)
        and (field is None or (f.field or "").startswith(field))
    ]


SOURCES = ["seed", "gold"]


@pytest.mark.parametrize("source", SOURCES)
def test_000_table_2_unit_cost_exceeds_the_1000_yuan_budget(source: str) -> None:
    hits = _where(_findings("000", source), table=2, name="设备均价", severity="error", field="value")
    assert hits and "1,000元" in hits[0].message and "≤3万元" in hits[0].message


@pytest.mark.parametrize("source", SOURCES)
def test_000_descriptions_that_repeat_the_name(source: str) -> None:
    hits = _where(_findings("000", source), code="R21", severity="warning", field="description")
    assert {f.table for f in hits} == {0, 1, 2, 3}
    assert len(hits) >= 25


@pytest.mark.parametrize("source", SOURCES)
def test_001_table_1_vague_values(source: str) -> None:
    found = _findings("001", source)
    assert _where(found, table=1, name="运转保障率", severity="warning", field="value")
    assert _where(found, table=1, name="基金更有效安全运行", code="R15", severity="warning", field="value")


@pytest.mark.parametrize("source", SOURCES)
def test_001_table_3_description_is_a_pasted_document_title(source: str) -> None:
    assert _where(
        _findings("001", source), table=3, name="保障办公人数", code="R41", severity="warning", field="description"
    )


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("table", [4, 5])
def test_001_tables_4_and_5_rate_under_quantity(source: str, table: int) -> None:
    assert _where(
        _findings("001", source), table=table, name="问题回查率", code="R06", severity="warning", field="level2"
    )


@pytest.mark.parametrize("source", SOURCES)
def test_001_table_11_cost_value_is_not_a_value(source: str) -> None:
    hits = _where(
        _findings("001", source), table=11, name="代办员补助金标准", severity=("warning", "error"), field="value"
    )
    assert {f.code for f in hits} >= {"R09"}


@pytest.mark.parametrize("source", SOURCES)
def test_002_table_3_goals_stop_mid_sentence(source: str) -> None:
    found = _findings("002", source)
    assert _where(found, table=3, code="R42", severity="warning", field="midterm_goal")
    assert _where(found, table=3, code="R42", severity="warning", field="annual_goals")


@pytest.mark.parametrize("source", SOURCES)
def test_002_timeliness_level2_is_normalised(source: str) -> None:
    hits = _where(_findings("002", source), code="R04", severity="info", field="level2")
    assert any("时效性" in f.message and "时效指标" in f.message for f in hits)


@pytest.mark.parametrize("source", SOURCES)
def test_003_table_2_project_total_missing(source: str) -> None:
    assert _where(_findings("003", source), table=2, code="R01", severity="error", field="funds.total")


@pytest.mark.parametrize("source", SOURCES)
def test_003_table_4_this_years_weights_do_not_add_up(source: str) -> None:
    hits = _where(_findings("003", source), table=4, severity="error", field="weight_this_year")
    assert hits and "80" in hits[0].message and "10" in hits[0].message


@pytest.mark.parametrize("source", SOURCES)
def test_001_copied_tables_are_reported(source: str) -> None:
    hits = _where(_findings("001", source), code="R44", severity="warning")
    assert {f.table for f in hits} >= {6, 8}  # table 7 copies table 6, table 9 copies table 8


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seed_and_gold_readings_give_the_same_errors(prefix: str) -> None:
    """Outside the places the gold reading marks as ambiguous, the parsed seed yields the gold's errors."""
    (gold,) = GOLD.glob(f"{prefix}_*.json")
    ambiguous = set(json.loads(gold.read_text(encoding="utf-8")).get("_ambiguous", []))

    def errors(source: str) -> set[tuple[int | None, int | None, str]]:
        return {
            (f.table, f.indicator, f.code)
            for f in _findings(prefix, source)
            if f.severity.value == "error" and f.path not in ambiguous
        }

    assert errors("seed") == errors("gold")
