"""Benchmark of the review rule engine: indicators checked per second.

Makes documents from the four sample files (``src/jixiao/samples``, read once through
``jixiao.parsing.parse_file``) and the gold readings of the published real-world PDFs
(``tests/data/gold-real``, ``tests/data/gold-selfeval/*.pdf.json``) until they hold ``--indicators``
indicators (default 1,000,000), runs ``jixiao.rules.review`` over each document and prints the throughput
(the process's CPU time, which a busy shared machine distorts less, and the wall clock) and the peak RSS.

Goal (issues #4 and #14): >= 100,000 indicators per CPU second, judged on the realistic case, printed first:
**distinct** documents reviewed **cold**. Every copy's project names, indicator names, descriptions, goals
and purposes are worded anew (as the next filing's are; values and levels repeat, as they do in filings), and
the case runs in a fresh process with no warm-up, so that no per-text cache or row memo has seen a text
before. The second case, **copies**, reviews the same documents again and again with warm caches (the row
memo hitting: the best case), for comparison. Without ``--case``, each case runs in its own process.

``--mode stream`` (default) makes each document just before reviewing it, as ``jixiao check`` reads a
file and then reviews it, and times only ``review()``; ``--mode batch`` makes all documents first and
reviews them in one loop (a large cold heap: the memory system's worst case).

    .venv/bin/python bench/check_bench.py [--indicators N] [--case distinct|copies] [--mode stream|batch] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import resource
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from jixiao.model import Document
from jixiao.rules import review

GOAL = 100_000
DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CASES = ("distinct", "copies")


def sample_documents() -> list[Document]:
    """The four samples, read, and the gold documents of the published PDFs (when the tests' data is here)."""
    from jixiao.parsing import parse_file

    folder = resources.files("jixiao") / "samples"
    paths = sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))
    documents = [parse_file(path).document for path in paths]
    golds = sorted(DATA.glob("gold-real/*.json")) + sorted(DATA.glob("gold-selfeval/*.pdf.json"))
    documents.extend(Document.from_dict(json.loads(path.read_text(encoding="utf-8"))) for path in golds)
    return documents


def copies(samples: list[Document], target: int, *, distinct: bool = False) -> Iterator[Document]:
    """Deep copies of the samples, round-robin, until they hold ``target`` indicators."""
    frozen = [pickle.dumps(sample) for sample in samples]
    count = number = 0
    while count < target:
        for blob in frozen:
            doc: Document = pickle.loads(blob)  # a deep copy, much faster than model_copy(deep=True)
            if distinct:  # a prefix keeps every ending (率, 。) that the rules read
                mark = f"D{number}"
                for table in doc.tables:
                    table.annual_goals = [mark + goal for goal in table.annual_goals]
                    if table.purpose:
                        table.purpose = mark + table.purpose
                    if table.project_name:
                        table.project_name = mark + table.project_name
                    for ind in table.indicators:
                        ind.name = mark + (ind.name or "")
                        if ind.description:
                            ind.description = mark + ind.description
            number += 1
            count += sum(len(t.indicators) for t in doc.tables)
            yield doc
            if count >= target:
                return


def run_stream(docs: Iterable[Document], profile: str) -> tuple[int, int, int, float, float]:
    """Each document reviewed as it is made (read, then review, as ``jixiao check`` does); only review() is timed."""
    total = n_docs = findings = 0
    wall = cpu = 0.0
    clock, cpu_clock = time.perf_counter, time.process_time
    for doc in docs:
        t0, c0 = clock(), cpu_clock()
        found = review(doc, profile=profile)
        wall += clock() - t0
        cpu += cpu_clock() - c0
        findings += len(found)
        n_docs += 1
        total += sum(len(t.indicators) for t in doc.tables)
    return total, n_docs, findings, wall, cpu


def run_batch(docs: Iterable[Document], profile: str) -> tuple[int, int, int, float, float]:
    """Every document built first, then all reviewed in one timed loop (a cold-memory worst case)."""
    held = list(docs)
    total = sum(len(t.indicators) for doc in held for t in doc.tables)
    # A large static heap: keep the cyclic GC from re-walking it (what a service does with gc.freeze()).
    gc.collect()
    gc.freeze()
    try:
        start, cpu_start = time.perf_counter(), time.process_time()
        findings = sum(len(review(doc, profile=profile)) for doc in held)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    finally:
        gc.unfreeze()
    return total, len(held), findings, wall, cpu


def run_case(case: str, indicators: int, profile: str, mode: str) -> dict[str, object]:
    """One case in this process: cold for ``distinct`` (nothing reviewed before), warmed on the samples for
    ``copies``."""
    samples = sample_documents()
    if case == "copies":
        for doc in samples:  # warm the profile, the rule plan, the facts cache and the row memo
            review(doc, profile=profile)
    docs = copies(samples, indicators, distinct=case == "distinct")
    run = run_stream if mode == "stream" else run_batch
    total, n_docs, findings, elapsed, cpu = run(docs, profile)
    rate, cpu_rate = total / elapsed, total / cpu
    return {
        "case": case,
        "indicators": total,
        "documents": n_docs,
        "mode": mode,
        "findings": findings,
        "distinct_texts": case == "distinct",
        "seconds": round(elapsed, 3),
        "cpu_seconds": round(cpu, 3),
        "indicators_per_second": round(rate),
        "indicators_per_cpu_second": round(cpu_rate),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),  # Linux: KiB
    }


def _in_child(case: str, indicators: int, profile: str, mode: str) -> dict[str, object]:
    """One case in a fresh process: cold caches, and a peak RSS of its own."""
    command = [sys.executable, __file__, "--case", case, "--indicators", str(indicators), "--profile", profile]
    done = subprocess.run([*command, "--mode", mode, "--json"], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)["runs"][0]
    return result


def describe(run: dict[str, object]) -> str:
    label = "distinct documents, cold" if run["case"] == "distinct" else "the same documents repeated, warm"
    return (
        f"review ({label}, {run['mode']}): {run['indicators']:,} indicators in {run['documents']:,} documents, "
        f"{run['findings']:,} findings: {run['indicators_per_cpu_second']:,} indicators per CPU second "
        f"({run['cpu_seconds']} s CPU), {run['indicators_per_second']:,}/s wall ({run['seconds']} s), "
        f"peak RSS {run['peak_rss_mib']} MiB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--profile", default="national-2020")
    parser.add_argument("--case", choices=CASES, help="one case in this process (default: each in its own)")
    parser.add_argument(
        "--mode",
        choices=["stream", "batch"],
        default="stream",
        help="stream: review each document as it is made (default); batch: build all, then review all",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    if args.case:
        runs = [run_case(args.case, args.indicators, args.profile, args.mode)]
    else:
        runs = [_in_child(case, args.indicators, args.profile, args.mode) for case in CASES]
    judged = next((r for r in runs if r["case"] == "distinct"), None)
    met = None if judged is None else int(str(judged["indicators_per_cpu_second"])) >= GOAL
    if args.json:
        print(json.dumps({"goal": GOAL, "verdict_on": "distinct", "met": met, "runs": runs}))
        return 0
    for run in runs:
        print(describe(run))
    if met is not None:
        print(f"goal on distinct documents, cold: >= {GOAL:,} indicators per CPU second: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
