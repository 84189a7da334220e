"""Self-evaluation tables (绩效自评表) against their hand-checked gold readings (``tests/data/gold-selfeval``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.compare import compare
from jixiao.parsing import parse_file

GOLD = Path(__file__).parents[1] / "data" / "gold-selfeval"
OFFICE_FILES = sorted(p for p in GOLD.iterdir() if p.suffix in {".docx", ".xlsx"})


def _reading_and_gold(path: Path) -> tuple[dict, dict]:  # type: ignore[type-arg]
    gold = json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))
    return parse_file(path).document.to_dict(), gold


@pytest.mark.parametrize("path", OFFICE_FILES, ids=lambda p: p.name)
def test_the_central_layout_reads_as_its_gold(path: Path) -> None:
    ours, gold = _reading_and_gold(path)
    result = compare(gold, ours)
    assert result.structure.f1 >= 0.98, result.structure.mismatches[:10]
    assert result.parse.f1 >= 0.98, result.parse.mismatches[:10]
    assert result.evaluation.f1 >= 0.98, result.evaluation.mismatches[:10]


@pytest.mark.parametrize("path", OFFICE_FILES, ids=lambda p: p.name)
def test_the_goals_header_is_no_goal_and_the_points_column_no_weight(path: Path) -> None:
    ours, _ = _reading_and_gold(path)
    for table in ours["tables"]:
        assert "预期目标" not in table["annual_goals"]
        assert table["goals_achieved"]
        assert all(indicator["weight"] is None and indicator["max_score"] for indicator in table["indicators"])
        assert table["funds"]["total"] is None  # the money is in execution
