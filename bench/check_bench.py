"""Benchmark of the review rule engine: indicators checked per second, in one process.

Makes documents from the four sample files (``src/jixiao/samples``, read once through
``jixiao.parsing.parse_file``) until they hold ``--indicators`` indicators (default 1,000,000), runs
``jixiao.rules.review`` over each document and prints the throughput (wall clock, and the process's CPU
time, which a busy shared machine distorts less) and the process's peak RSS. Goal (issue #4): >= 100,000
indicators/s (judged per CPU second on a shared machine; both figures are printed).

``--mode stream`` (default) makes each document just before reviewing it, as ``jixiao check`` reads a
file and then reviews it, and times only ``review()``; ``--mode batch`` makes all documents first and
reviews them in one loop (a large cold heap: the memory system's worst case).

Documents are deep copies of the samples, so their texts repeat, as real filings repeat rows; the engine
derives per-text facts once per distinct text. ``--distinct`` makes every document's indicator names, descriptions,
goals and purposes unique (a cold-cache worst case).

    .venv/bin/python bench/check_bench.py [--indicators N] [--mode stream|batch] [--distinct] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from jixiao.model import Document
from jixiao.rules import review

GOAL = 100_000


def sample_documents() -> list[Document]:
    from jixiao.parsing import parse_file

    folder = resources.files("jixiao") / "samples"
    paths = sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))
    return [parse_file(path).document for path in paths]


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--profile", default="national-2020")
    parser.add_argument("--distinct", action="store_true", help="unique indicator texts in every document")
    parser.add_argument(
        "--mode",
        choices=["stream", "batch"],
        default="stream",
        help="stream: review each document as it is made (default); batch: build all, then review all",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    samples = sample_documents()
    per_round = sum(len(t.indicators) for d in samples for t in d.tables)
    if per_round == 0:
        print("the samples hold no indicators", file=sys.stderr)
        return 2
    for doc in samples:  # warm the profile, the rule plan and the value-parser cache
        review(doc, profile=args.profile)
    docs = copies(samples, args.indicators, distinct=args.distinct)
    run = run_stream if args.mode == "stream" else run_batch
    total, n_docs, findings, elapsed, cpu = run(docs, args.profile)
    rate, cpu_rate = total / elapsed, total / cpu
    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    result = {
        "indicators": total,
        "documents": n_docs,
        "mode": args.mode,
        "findings": findings,
        "distinct_texts": args.distinct,
        "seconds": round(elapsed, 3),
        "cpu_seconds": round(cpu, 3),
        "indicators_per_second": round(rate),
        "indicators_per_cpu_second": round(cpu_rate),
        "peak_rss_mib": round(peak_rss_mib, 1),
        "goal": GOAL,
        "met": rate >= GOAL,
        "met_per_cpu_second": cpu_rate >= GOAL,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"review ({args.mode}{', distinct texts' if args.distinct else ''}): {total:,} indicators in "
            f"{n_docs:,} documents, "
            f"{findings:,} findings, {elapsed:.2f} s wall / {cpu:.2f} s CPU → {rate:,.0f} indicators/s "
            f"({cpu_rate:,.0f} per CPU second), peak RSS {peak_rss_mib:,.0f} MiB; goal {GOAL:,}: "
            f"{'met' if rate >= GOAL else 'NOT met'} by wall clock, "
            f"{'met' if cpu_rate >= GOAL else 'NOT met'} per CPU second"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
