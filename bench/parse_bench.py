"""Throughput and peak memory of reading and interpreting target tables, in one process per case.

The goal (issue #4, judged again in #14) is >= 2,000 tables per second with a peak RSS below 200 MB, judged on
the realistic case, printed first: **distinct** documents read cold. The bundled samples' text is rewritten for
every copy so that its project names, indicator names, descriptions and goals are new (as the next filing's
are), and each copy is read once, in a fresh process, with no warm-up: no cache of the readers or the
interpreter sees a text twice. The second case, **real-world PDFs**, reads the published PDFs of
``tests/data/real-world`` once each (the slow path of a real upload; no goal, figures only). The third,
**copies**, repeats the samples' bytes unchanged with warm caches, the best case, for comparison.

Figures are CPU seconds (the goal's measure: a shared machine stretches wall time, not the work done) and wall
seconds, both printed.

    .venv/bin/python bench/parse_bench.py [--tables N] [--case distinct|pdf|copies|all] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from jixiao.model import Document
from jixiao.parsing import parse_bytes

GOAL_TABLES_PER_SECOND = 2_000
GOAL_PEAK_RSS_MB = 200
REAL_WORLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "real-world"
CASES = ("distinct", "pdf", "copies")


def samples() -> list[tuple[str, bytes]]:
    folder = resources.files("jixiao") / "samples"
    return [(e.name, e.read_bytes()) for e in sorted(folder.iterdir(), key=lambda e: e.name) if e.name.endswith(".txt")]


def _own_texts(document: Document) -> set[str]:
    """The texts a new filing words anew: project names, goals, purposes, indicator names and descriptions."""
    texts: set[str] = set()
    for table in document.tables:
        texts.update(t for t in (table.project_name, table.purpose, *table.annual_goals) if t)
        for ind in table.indicators:
            texts.update(t for t in (ind.name, ind.description) if t)
    return {t.strip() for t in texts if len(t.strip()) >= 2}


class Rewriter:
    """A sample's text, and its cells (tab-separated, one row a line) that hold its own texts, to be marked anew
    for every copy."""

    def __init__(self, name: str, data: bytes) -> None:
        reading = parse_bytes(data, name).document  # parsed once, before any timing, to find the cells
        own = _own_texts(reading)
        self.name = name
        self.tables = len(reading.tables)
        self.rows = [line.split("\t") for line in data.decode("utf-8").split("\n")]
        self.marked = [(i, j) for i, row in enumerate(self.rows) for j, cell in enumerate(row) if cell.strip() in own]

    def copy(self, number: int) -> bytes:
        """The text with a mark of this copy before each own text (in front: the endings the reader and the
        rules look at, 率 / 。 / 人, stay as they were)."""
        rows = [list(row) for row in self.rows]
        mark = f"第{number}批"
        for i, j in self.marked:
            cell = rows[i][j]
            stripped = cell.lstrip()
            rows[i][j] = cell[: len(cell) - len(stripped)] + mark + stripped
        return "\n".join("\t".join(row) for row in rows).encode("utf-8")


def distinct_corpus(total_tables: int) -> Iterator[tuple[str, bytes]]:
    rewriters = [Rewriter(name, data) for name, data in samples()]
    handed = number = 0
    while handed < total_tables:
        for rewriter in rewriters:
            number += 1
            yield f"{number:06d}_{rewriter.name}", rewriter.copy(number)
            handed += rewriter.tables
            if handed >= total_tables:
                return


def copies_corpus(total_tables: int) -> Iterator[tuple[str, bytes]]:
    documents = [(name, data, len(parse_bytes(data, name).document.tables)) for name, data in samples()]
    handed = 0
    while handed < total_tables:
        for name, data, count in documents:
            yield name, data
            handed += count
            if handed >= total_tables:
                return


def pdf_corpus(_: int) -> Iterator[tuple[str, bytes]]:
    for path in sorted(REAL_WORLD.glob("*.pdf")):
        yield path.name, path.read_bytes()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def run_case(case: str, total_tables: int) -> dict[str, object]:
    """Read the case's corpus once; only parse_bytes is timed (making the next copy is not)."""
    corpus = {"distinct": distinct_corpus, "pdf": pdf_corpus, "copies": copies_corpus}[case](total_tables)
    tables = indicators = documents = 0
    names: set[str] = set()
    cpu = wall = 0.0
    for name, data in corpus:
        c0, w0 = time.process_time(), time.perf_counter()
        document = parse_bytes(data, name).document
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
        documents += 1
        tables += len(document.tables)
        for table in document.tables:
            indicators += len(table.indicators)
            names.update(ind.name or "" for ind in table.indicators)
    return {
        "case": case,
        "documents": documents,
        "tables": tables,
        "indicators": indicators,
        "distinct_indicator_names": len(names),
        "cpu_seconds": round(cpu, 3),
        "seconds": round(wall, 3),
        "tables_per_cpu_second": round(tables / cpu) if cpu else 0,
        "tables_per_second": round(tables / wall) if wall else 0,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _in_child(case: str, total_tables: int) -> dict[str, object]:
    """One case in a fresh process: cold caches, and a peak RSS of its own."""
    done = subprocess.run(
        [sys.executable, __file__, "--case", case, "--tables", str(total_tables), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)["runs"][0]
    return result


def describe(run: dict[str, object]) -> str:
    label = {
        "distinct": "distinct documents, cold",
        "pdf": "real-world PDFs, cold (no goal)",
        "copies": "the same 4 samples repeated, warm",
    }[str(run["case"])]
    return (
        f"{label}: {run['tables']:,} tables ({run['indicators']:,} indicators, {run['distinct_indicator_names']:,} "
        f"distinct names) in {run['documents']:,} documents: {run['tables_per_cpu_second']:,} tables per CPU second "
        f"({run['cpu_seconds']} s CPU), {run['tables_per_second']:,} tables/s wall ({run['seconds']} s), "
        f"peak RSS {run['peak_rss_mb']} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tables", type=int, default=10_000, help="tables per distinct/copies case")
    parser.add_argument("--case", choices=[*CASES, "all"], default="all", help="all: each case in its own process")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.case == "all":
        runs = [_in_child(case, args.tables) for case in CASES]
    else:
        runs = [run_case(args.case, args.tables)]
    verdict = next((r for r in runs if r["case"] == "distinct"), None)
    met = None
    if verdict is not None:
        rate, rss = verdict["tables_per_cpu_second"], verdict["peak_rss_mb"]
        assert isinstance(rate, int) and isinstance(rss, float)
        met = rate >= GOAL_TABLES_PER_SECOND and rss < GOAL_PEAK_RSS_MB
    if args.json:
        print(json.dumps({"goal_tables_per_second": GOAL_TABLES_PER_SECOND, "goal_peak_rss_mb": GOAL_PEAK_RSS_MB,
                          "verdict_on": "distinct", "met": met, "runs": runs}))  # fmt: skip
        return 0
    for run in runs:
        print(describe(run))
    if met is not None:
        print(
            f"goal on distinct documents, cold: >= {GOAL_TABLES_PER_SECOND:,} tables per CPU second and "
            f"< {GOAL_PEAK_RSS_MB} MB: {'met' if met else 'NOT MET'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
