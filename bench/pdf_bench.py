"""Benchmark of the PDF import: pages per CPU second, and peak memory on a long document.

In one process and one run, over every page of the published budget PDFs in ``tests/data/real-world``:

- **jixiao import**: ``jixiao.parsing.parse_file`` (detection, the PDFium reader, the interpreter);
- **jixiao reader**: ``jixiao.readers.read`` alone (no interpreter), to show where the time goes;
- **pdfplumber tables**: pdfplumber's ``extract_tables()`` on every page (the former reader's engine, and a
  common reference; it is a dev dependency only);
- **bare PDFium chars**: pypdfium2 opens each page and reads every character's code and box (the least
  any PDFium reader does).

The sides take ``--repeat`` runs in turns and the best CPU time of this process (``time.process_time``) per
side is kept; the heap is collected before each run. Then a long document (``--long`` pages, made by
repeating the pages of the largest PDF) is imported in a child process, whose peak resident memory is
reported. Goals (issue #10): the import >= 100 pages per CPU second, >= 5x pdfplumber's ``extract_tables``;
peak RSS < 300 MB on 171 pages.

    .venv/bin/python bench/pdf_bench.py [--repeat 3] [--long 171] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REAL_WORLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "real-world"
GOAL_PAGES_PER_SECOND = 100.0
GOAL_RATIO = 5.0
GOAL_RSS_MB = 300.0


def jixiao_import(path: Path) -> None:
    from jixiao.parsing import parse_file

    parse_file(path)


def jixiao_reader(path: Path) -> None:
    from jixiao.readers import read

    read(path)


def pdfplumber_tables(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def bare_pdfium_chars(path: Path) -> None:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    pdf = pypdfium2.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = pdfium_c.FPDFText_LoadPage(page.raw)
            rect = pdfium_c.FS_RECTF()
            for char in range(pdfium_c.FPDFText_CountChars(textpage)):
                pdfium_c.FPDFText_GetUnicode(textpage, char)
                pdfium_c.FPDFText_GetLooseCharBox(textpage, char, rect)
            pdfium_c.FPDFText_ClosePage(textpage)
            page.close()
    finally:
        pdf.close()


SIDES: dict[str, Callable[[Path], None]] = {
    "jixiao import": jixiao_import,
    "jixiao reader": jixiao_reader,
    "pdfplumber tables": pdfplumber_tables,
    "bare PDFium chars": bare_pdfium_chars,
}


def page_count(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def cpu_seconds(work: Callable[[Path], None], files: list[Path]) -> float:
    gc.collect()
    start = time.process_time()
    for path in files:
        work(path)
    return time.process_time() - start


def long_document(source: Path, pages: int, folder: Path) -> Path:
    """A PDF of ``pages`` pages: the pages of ``source`` over and over."""
    import pypdfium2

    original = pypdfium2.PdfDocument(source)
    made = pypdfium2.PdfDocument.new()
    try:
        count = len(original)
        while len(made) < pages:
            take = min(count, pages - len(made))
            made.import_pages(original, list(range(take)), index=len(made))
        target = folder / f"long_{pages}_pages.pdf"
        made.save(target)
    finally:
        made.close()
        original.close()
    return target


_CHILD = """
import resource, sys, time
from jixiao.parsing import parse_file
start = time.process_time()
result = parse_file(sys.argv[1])
seconds = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seconds, peak, len(result.document.tables))
"""


def long_import(path: Path) -> tuple[float, float, int]:
    """CPU seconds, peak RSS in MB and tables found importing ``path`` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True)
    seconds, peak_kb, tables = done.stdout.split()
    return float(seconds), int(peak_kb) / 1024, int(tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--long", type=int, default=171, help="pages of the long document for peak memory")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    files = sorted(REAL_WORLD.glob("*.pdf"))
    pages = sum(page_count(path) for path in files)
    for work in SIDES.values():  # warm up: imports, caches
        work(files[0])
    best = dict.fromkeys(SIDES, float("inf"))
    for _ in range(args.repeat):
        for name, work in SIDES.items():
            best[name] = min(best[name], cpu_seconds(work, files))
    rates = {name: pages / seconds for name, seconds in best.items()}

    largest = max(files, key=page_count)
    with tempfile.TemporaryDirectory() as folder:
        long_path = long_document(largest, args.long, Path(folder))
        long_seconds, long_rss, long_tables = long_import(long_path)

    ratio = rates["jixiao import"] / rates["pdfplumber tables"]
    goals = {
        "import >= 100 pages per CPU second": rates["jixiao import"] >= GOAL_PAGES_PER_SECOND,
        "import >= 5x pdfplumber extract_tables": ratio >= GOAL_RATIO,
        "peak RSS < 300 MB on the long document": long_rss < GOAL_RSS_MB,
    }
    report = {
        "files": len(files),
        "pages": pages,
        "pages_per_cpu_second": {name: round(rate, 1) for name, rate in rates.items()},
        "import_vs_pdfplumber": round(ratio, 2),
        "long_document": {
            "pages": args.long,
            "source": largest.name,
            "cpu_seconds": round(long_seconds, 2),
            "peak_rss_mb": round(long_rss, 1),
            "tables": long_tables,
        },
        "goals_met": goals,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    print(f"{len(files)} PDFs, {pages} pages (tests/data/real-world); best of {args.repeat} runs, CPU time")
    for name, rate in rates.items():
        print(f"  {name:<20} {rate:8.1f} pages per CPU second   ({best[name]:.2f} s)")
    print(f"  import / pdfplumber extract_tables: {ratio:.1f}x")
    print(
        f"long document: {args.long} pages ({largest.name} repeated): {long_seconds:.2f} CPU s, "
        f"peak RSS {long_rss:.0f} MB, {long_tables} tables"
    )
    for goal, met in goals.items():
        print(f"  {'ok ' if met else 'NOT'} {goal}")


if __name__ == "__main__":
    main()
