"""``bench/score_bench.py`` runs (on a few indicators), generates distinct rows and reports what it measured."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "score_bench.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("mode", ["stream", "batch"])
def test_bench_reports_indicators_per_second_and_peak_rss(capsys: pytest.CaptureFixture[str], mode: str) -> None:
    assert _module().main(["--indicators", "300", "--repeat", "2", "--mode", mode, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["indicators"] == 300 and result["documents"] == 30 and result["mode"] == mode
    assert result["findings"] > 0 and result["rows_differing"] > 0
    assert result["indicators_per_second"] > 0 and result["indicators_per_cpu_second"] > 0
    assert result["met_per_cpu_second"] == (result["indicators_per_cpu_second"] >= result["goal"])
    assert result["peak_rss_mib"] > 0


def test_generated_rows_are_distinct() -> None:
    docs = list(_module().documents(2000, 7))
    rows = [
        (ind.name, ind.value, ind.actual, ind.score) for doc in docs for table in doc.tables for ind in table.indicators
    ]
    assert len(rows) == 2000 and len(set(rows)) == len(rows)
    assert len({ind.name for doc in docs for t in doc.tables for ind in t.indicators}) == 2000


def test_generated_scores_print_as_tables_do() -> None:
    scores = [ind.score for doc in _module().documents(2000, 7) for t in doc.tables for ind in t.indicators]
    assert all(score and "E" not in score for score in scores)  # "10", never Decimal.normalize()'s "1E+1"
    assert "10" in scores and "20" in scores
