"""``bench/check_bench.py`` runs (on a few indicators) and reports what it measured, judged on the distinct case."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "check_bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("mode", "case"), [("stream", "copies"), ("stream", "distinct"), ("batch", "copies")])
def test_bench_reports_indicators_per_second(capsys: pytest.CaptureFixture[str], mode: str, case: str) -> None:
    argv = ["--indicators", "400", "--json", "--mode", mode, "--case", case]
    assert _bench().main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    (result,) = report["runs"]
    assert result["indicators"] >= 400 and result["documents"] >= 2
    assert result["findings"] > 0 and result["indicators_per_second"] > 0
    assert result["distinct_texts"] is (case == "distinct") and result["mode"] == mode
    assert result["indicators_per_cpu_second"] > 0 and result["peak_rss_mib"] > 0
    if case == "distinct":
        assert report["met"] == (result["indicators_per_cpu_second"] >= report["goal"])
    else:
        assert report["met"] is None  # the goal is judged on distinct documents only


def test_distinct_copies_share_no_indicator_name() -> None:
    bench = _bench()
    samples = bench.sample_documents()
    documents = list(
        bench.copies(samples, 2 * sum(len(t.indicators) for d in samples for t in d.tables), distinct=True)
    )
    names = [ind.name for doc in documents for table in doc.tables for ind in table.indicators]
    first, second = documents[0], documents[len(samples)]
    first_names = {ind.name for table in first.tables for ind in table.indicators}
    assert not first_names & {ind.name for table in second.tables for ind in table.indicators}
    assert len(set(names)) > len(names) // 2
