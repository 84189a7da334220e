"""Throughput and peak memory of the text reader + interpreter in one process.

Builds a corpus of 10,000 target tables by repeating the bundled samples' text in memory (streamed:
one document of a few tables at a time, never the whole corpus at once), parses each, and prints
tables per second and the peak RSS. Goals: >= 2,000 tables/s and a peak RSS below 200 MB.

Throughput is counted per second of CPU time, best of ``--repeat`` passes (as ``timeit`` does), so
that other work on a shared machine skews it as little as possible; wall-clock figures are printed
beside it.

    .venv/bin/python bench/parse_bench.py [--tables N] [--repeat R]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from importlib import resources

from jixiao.parsing import parse_bytes

GOAL_TABLES_PER_SECOND = 2_000
GOAL_PEAK_RSS_MB = 200


def samples() -> list[tuple[str, bytes, int]]:
    """The bundled sample documents with the number of tables in each."""
    folder = resources.files("jixiao") / "samples"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            data = entry.read_bytes()
            out.append((entry.name, data, len(parse_bytes(data, entry.name).document.tables)))
    return out


def corpus(documents: list[tuple[str, bytes, int]], total_tables: int) -> Iterator[tuple[str, bytes]]:
    """Sample documents in turn until ``total_tables`` tables have been handed out (the last may overshoot)."""
    handed = 0
    while handed < total_tables:
        for name, data, count in documents:
            yield name, data
            handed += count
            if handed >= total_tables:
                return


def one_pass(documents: list[tuple[str, bytes, int]], total_tables: int) -> tuple[int, int, float, float]:
    tables = indicators = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for name, data in corpus(documents, total_tables):
        document = parse_bytes(data, name).document
        tables += len(document.tables)
        indicators += sum(len(table.indicators) for table in document.tables)
    return tables, indicators, time.process_time() - cpu_started, time.perf_counter() - started


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    documents = samples()
    passes = [one_pass(documents, args.tables) for _ in range(args.repeat)]
    tables, indicators = passes[0][0], passes[0][1]
    cpu_rates = [tables / cpu for _, _, cpu, _ in passes]
    wall_rates = [tables / wall for _, _, _, wall in passes]
    best = max(cpu_rates)
    rss = peak_rss_mb()
    print(f"corpus: {tables:,} tables ({indicators:,} indicators) per pass, {args.repeat} passes")
    print(f"throughput: {best:,.0f} tables per CPU second, best pass (median {statistics.median(cpu_rates):,.0f})")
    print(f"wall clock: {max(wall_rates):,.0f} tables/s best pass (median {statistics.median(wall_rates):,.0f}) under this machine's load")
    print(f"peak RSS:   {rss:,.1f} MB")
    print(f"goals: >= {GOAL_TABLES_PER_SECOND:,} tables/s, < {GOAL_PEAK_RSS_MB} MB: ", end="")
    print("met" if best >= GOAL_TABLES_PER_SECOND and rss < GOAL_PEAK_RSS_MB else "NOT MET")


if __name__ == "__main__":
    main()
