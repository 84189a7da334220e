"""Throughput and peak memory of the text reader + interpreter in one process.

Throughput is counted per second of CPU time, so that a shared, busy machine does not skew it; the
wall-clock rate is printed beside it. Builds a corpus of 10,000 target tables by repeating the bundled samples' text in memory (streamed:
one document of a few tables at a time, never the whole corpus at once), parses each, and prints
tables per second and the peak RSS. Goals: >= 2,000 tables/s and a peak RSS below 200 MB.

    .venv/bin/python bench/parse_bench.py [--tables N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Iterator
from importlib import resources

from jixiao.parsing import parse_bytes

GOAL_TABLES_PER_SECOND = 2_000
GOAL_PEAK_RSS_MB = 200


def samples() -> list[tuple[str, bytes]]:
    folder = resources.files("jixiao") / "samples"
    return sorted((entry.name, entry.read_bytes()) for entry in folder.iterdir() if entry.name.endswith(".txt"))


def corpus(total_tables: int) -> Iterator[tuple[str, bytes]]:
    """Sample documents in turn until ``total_tables`` tables have been handed out (the last may overshoot)."""
    documents = samples()
    counts = {name: len(parse_bytes(data, name).document.tables) for name, data in documents}
    handed = 0
    while handed < total_tables:
        for name, data in documents:
            yield name, data
            handed += counts[name]
            if handed >= total_tables:
                return


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10_000)
    args = parser.parse_args()
    tables = indicators = documents = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for name, data in corpus(args.tables):
        document = parse_bytes(data, name).document
        documents += 1
        tables += len(document.tables)
        indicators += sum(len(table.indicators) for table in document.tables)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    rate = tables / cpu
    rss = peak_rss_mb()
    print(f"parsed {tables:,} tables ({indicators:,} indicators, {documents:,} documents)")
    print(f"in {cpu:.2f} s of CPU time ({elapsed:.2f} s wall clock, {tables / elapsed:,.0f} tables/s on this machine's load)")
    print(f"throughput: {rate:,.0f} tables per CPU second (goal >= {GOAL_TABLES_PER_SECOND:,})")
    print(f"peak RSS:   {rss:,.1f} MB (goal < {GOAL_PEAK_RSS_MB})")
    print("goals met" if rate >= GOAL_TABLES_PER_SECOND and rss < GOAL_PEAK_RSS_MB else "GOALS NOT MET")


if __name__ == "__main__":
    main()
