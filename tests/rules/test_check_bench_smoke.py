"""``bench/check_bench.py`` runs (on a few indicators) and reports what it measured."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "check_bench.py"


@pytest.mark.parametrize(("mode", "distinct"), [("stream", False), ("stream", True), ("batch", False)])
def test_bench_reports_indicators_per_second(capsys: pytest.CaptureFixture[str], mode: str, distinct: bool) -> None:
    spec = importlib.util.spec_from_file_location("check_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    argv = ["--indicators", "400", "--json", "--mode", mode] + (["--distinct"] if distinct else [])
    assert module.main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["indicators"] >= 400 and result["documents"] >= 2
    assert result["findings"] > 0 and result["indicators_per_second"] > 0
    assert result["distinct_texts"] is distinct and result["mode"] == mode
    assert result["met"] == (result["indicators_per_second"] >= result["goal"])
    assert result["indicators_per_cpu_second"] > 0
    assert result["met_per_cpu_second"] == (result["indicators_per_cpu_second"] >= result["goal"])
    assert result["peak_rss_mib"] > 0
