"""Benchmark of the review rule engine: indicators checked per second, in one process.

Builds documents from the four sample files (``src/jixiao/samples``, read once through
``jixiao.parsing.parse_file``) until they hold ``--indicators`` indicators (default 1,000,000), then runs
``jixiao.rules.review`` over each document and prints the throughput. Goal (issue #4): >= 100,000
indicators/s. Documents are deep copies, so nothing is shared between them except immutable strings.

    .venv/bin/python bench/check_bench.py [--indicators N] [--profile national-2020] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
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


def build(samples: list[Document], target: int) -> tuple[list[Document], int]:
    docs: list[Document] = []
    count = 0
    while count < target:
        for sample in samples:
            doc = sample.model_copy(deep=True)
            docs.append(doc)
            count += sum(len(t.indicators) for t in doc.tables)
            if count >= target:
                break
    return docs, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--profile", default="national-2020")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    samples = sample_documents()
    per_round = sum(len(t.indicators) for d in samples for t in d.tables)
    if per_round == 0:
        print("the samples hold no indicators", file=sys.stderr)
        return 2
    docs, total = build(samples, args.indicators)
    for doc in samples:  # warm the profile, the rule plan and the value-parser cache
        review(doc, profile=args.profile)
    # The documents are a large static heap: keep the cyclic GC from re-walking them on every
    # collection (what a long-running service does with gc.freeze() after loading).
    gc.collect()
    gc.freeze()
    start = time.perf_counter()
    findings = 0
    for doc in docs:
        findings += len(review(doc, profile=args.profile))
    elapsed = time.perf_counter() - start
    rate = total / elapsed
    result = {
        "indicators": total,
        "documents": len(docs),
        "findings": findings,
        "seconds": round(elapsed, 3),
        "indicators_per_second": round(rate),
        "goal": GOAL,
        "met": rate >= GOAL,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"review: {total:,} indicators in {len(docs):,} documents, {findings:,} findings, "
            f"{elapsed:.2f} s → {rate:,.0f} indicators/s (goal {GOAL:,}: {'met' if rate >= GOAL else 'NOT met'})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
