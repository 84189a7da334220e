"""The comparator itself: it must count, skip and fail exactly as documented."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from jixiao.compare import compare, flatten

GOLD = Path(__file__).parent / "data" / "gold"


def _doc(**table: object) -> dict:  # type: ignore[type-arg]
    base = {"level1": "产出指标", "name": "覆盖率", "value": "≥95%", "op": ">=", "number": "95", "unit": "%"}
    return {
        "schema": "jixiao/1",
        "source": {"name": "a.txt", "format": "text"},
        "tables": [{"title": "某绩效目标表", "funds": {"total": "5.00", "other": ""}, "indicators": [base], **table}],
    }


def test_identical_documents_score_one() -> None:
    gold = json.loads(next(GOLD.glob("001_*.json")).read_text(encoding="utf-8"))
    result = compare(gold, copy.deepcopy(gold))
    assert (result.structure.f1, result.parse.f1) == (1.0, 1.0)
    assert result.structure.true_positives > 500 and result.mismatches == []


def test_a_wrong_value_costs_precision_and_recall() -> None:
    ours = _doc()
    ours["tables"][0]["title"] = "别的表"
    result = compare(_doc(), ours)
    assert result.structure.true_positives == 4  # funds.total, level1, name, value
    assert result.structure.false_positives == 1 and result.structure.false_negatives == 1
    assert result.structure.precision == pytest.approx(0.8) and result.structure.recall == pytest.approx(0.8)
    assert [m.path for m in result.mismatches] == ["tables[0].title"]


def test_a_missing_field_costs_recall_only_and_an_extra_one_precision_only() -> None:
    ours = _doc()
    del ours["tables"][0]["title"]
    ours["tables"][0]["purpose"] = "多读出的"
    result = compare(_doc(), ours)
    assert result.structure.false_negatives == 1 and result.structure.false_positives == 1
    assert result.structure.recall == pytest.approx(4 / 5) and result.structure.precision == pytest.approx(4 / 5)


def test_parse_fields_are_scored_apart_from_structure() -> None:
    ours = _doc()
    ours["tables"][0]["indicators"][0]["number"] = "96"
    result = compare(_doc(), ours)
    assert result.structure.f1 == 1.0
    assert result.parse.true_positives == 2 and result.parse.f1 == pytest.approx(2 / 3)


def test_fields_empty_on_both_sides_and_extras_do_not_count() -> None:
    gold, ours = _doc(), _doc()
    ours["tables"][0]["funds"]["other"] = None  # "" in gold: empty on both sides
    ours["tables"][0]["source_ref"] = "lines 1-9"
    ours["tables"][0]["indicators"][0]["parts"] = [{"text": "95%"}]
    ours["source"]["name"] = "renamed.txt"
    result = compare(gold, ours)
    assert result.mismatches == [] and result.structure.f1 == 1.0


def test_ambiguous_paths_are_skipped() -> None:
    gold, ours = _doc(), _doc()
    ours["tables"][0]["indicators"][0]["name"] = "另一个"
    assert compare(gold, ours).structure.f1 < 1.0
    gold["_ambiguous"] = ["tables[0].indicators[0].name"]
    assert compare(gold, ours).structure.f1 == 1.0


def test_lists_are_matched_by_position_so_a_lost_indicator_shifts_nothing_else() -> None:
    gold = _doc()
    second = dict(gold["tables"][0]["indicators"][0], name="第二个")
    gold["tables"][0]["indicators"].append(second)
    result = compare(gold, _doc())
    assert {m.path.split(".")[1] for m in result.mismatches} == {"indicators[1]"}
    assert result.structure.false_positives == 0 and result.structure.false_negatives == 3


def test_nothing_read_scores_zero() -> None:
    empty = {"schema": "jixiao/1", "source": {"name": "a", "format": "text"}, "tables": []}
    result = compare(_doc(), empty)
    assert result.structure.recall == 0.0 and result.structure.f1 == 0.0


def test_flatten_gives_leaf_paths() -> None:
    paths = dict(flatten(_doc()))
    assert paths["tables[0].indicators[0].value"] == "≥95%"
    assert "source.name" not in paths and "schema" not in paths


def test_self_evaluation_fields_are_scored_apart_as_evaluation() -> None:
    gold, ours = _doc(), _doc()
    gold["tables"][0]["indicators"][0].update(actual="96%", score="10")
    gold["tables"][0]["execution"] = [{"label": "年度资金总额：", "rate": "100.00"}]
    ours["tables"][0]["indicators"][0].update(actual="96%", score="9")
    result = compare(gold, ours)
    assert result.structure.f1 == 1.0 and result.parse.f1 == 1.0
    assert result.evaluation.true_positives == 1  # actual
    assert result.evaluation.false_negatives == 3  # score, execution label and rate
    assert result.evaluation.false_positives == 1  # the wrong score


def test_values_are_compared_as_nfkc_text() -> None:
    gold, ours = _doc(year="2024"), _doc(year=2024)
    gold["tables"][0]["indicators"][0]["name"] = "覆盖率(%)"
    ours["tables"][0]["indicators"][0]["name"] = "覆盖率（％）"
    assert compare(gold, ours).mismatches == []


def test_spacing_between_han_and_latin_or_digits_is_typesetting_not_text() -> None:
    gold, ours = _doc(), _doc()
    gold["tables"][0]["indicators"][0]["name"] = "2026 年外贸进出口总值 8000 亿元"
    ours["tables"][0]["indicators"][0]["name"] = "2026年外贸进出口总值8000亿元"
    assert compare(gold, ours).mismatches == []


def test_other_spaces_still_count() -> None:
    gold, ours = _doc(), _doc()
    gold["tables"][0]["indicators"][0]["name"] = "标准, 探索 a b"
    ours["tables"][0]["indicators"][0]["name"] = "标准,探索 ab"
    assert [m.path for m in compare(gold, ours).mismatches] == ["tables[0].indicators[0].name"]
