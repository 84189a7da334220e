"""Benchmark of the import per format: our full import against the bare library work on the same files.

For each format it times ``jixiao.parsing.parse_file`` (content detection, reader, interpreter) over the
fixtures in ``tests/data/fixtures`` and, on the same files, the fastest public path of the library our reader
stands on to the same raw material (the baseline is what a program using that library well would pay; our
readers may not be compared with a library's slowest path while they use its faster ones):

- docx: the stdlib zip and lxml's ``iterparse`` over ``word/document.xml`` (python-docx's ``Document`` builds
  the whole package and is several times slower; our reader, like this baseline, does not use it), every
  ``w:tc`` text with its ``gridSpan``/``vMerge``;
- xlsx: openpyxl's streaming ``load_workbook(read_only=True, data_only=True)``, every value by
  ``iter_rows(values_only=True)`` (this mode drops the merged ranges, which our reader recovers: the baseline
  does less than ours);
- xls: python-calamine (Rust), every value by ``to_python()`` and ``merged_cell_ranges``;
- pdf: pypdfium2 (our reader's library) opens the document and, on every page, loads its text page and
  reads every character (``get_text_range``) and walks its page objects (``get_objects``), i.e. the page's
  raw material, with no line or table finding (which is our reader's own work); the fixtures, then the
  published budget PDFs in ``tests/data/real-world``;
- doc: LibreOffice ``.doc → .docx`` (one process per file), then the docx work (only with ``--doc``).

Each side makes one pass over the files to warm up (imports, caches) and one more, timed, to count how many
passes fill ``--min-seconds``; then the sides take ``--repeat`` timed runs in turns, each of that many passes
(a pass over a small fixture lasts milliseconds, too short to time once), and the best CPU time of this
process per pass is kept (for .doc, one pass by wall time: its work is in a LibreOffice process). The heap is collected before each timed run: python-docx
leaves its package in reference cycles, and without this the collector freed one side's garbage on the
clock of the side that ran next. It prints ours, bare and the ratio ours/bare per format (milliseconds per
pass over the files), and beside them our reader alone (no interpreter), to show where the time goes.
Goal (issue #3): ours/bare <= 1.3 for each format.

    .venv/bin/python bench/formats_bench.py [--repeat 5] [--min-seconds 0.2] [--doc] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "data" / "fixtures"
REAL_WORLD = FIXTURES.parent / "real-world"  # published budget PDFs: long, varied layouts
GOAL = 1.3


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def bare_docx(path: Path) -> int:
    import zipfile

    from lxml import etree

    cells = 0
    with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as member:
        for _, tc in etree.iterparse(member, events=("end",), tag=f"{_W}tc"):
            properties = tc.find(f"{_W}tcPr")
            if properties is not None:
                properties.find(f"{_W}gridSpan")
                properties.find(f"{_W}vMerge")
            "".join(t.text or "" for t in tc.iter(f"{_W}t"))
            cells += 1
    return cells


def bare_xlsx(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    cells = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += sum(1 for value in row if value is not None)
    book.close()
    return cells


def bare_xls(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    cells = 0
    for index in range(len(book.sheet_names)):
        sheet = book.get_sheet_by_index(index)
        for row in sheet.to_python():
            cells += sum(1 for value in row if value != "")
        cells += len(sheet.merged_cell_ranges or [])
    return cells


def bare_pdf(path: Path) -> int:
    import pypdfium2 as pdfium

    found = 0
    document = pdfium.PdfDocument(path)
    try:
        for page in document:
            textpage = page.get_textpage()
            found += len(textpage.get_text_range())  # every character, in pdfium's order
            found += sum(1 for _ in page.get_objects(max_depth=2))  # the paths and text objects (rulings)
            textpage.close()
            page.close()
    finally:
        document.close()
    return found


def bare_doc(path: Path) -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "docx",
                "--outdir",
                folder,
                str(path),
            ],
            check=True,
            capture_output=True,
        )
        return bare_docx(Path(folder) / f"{path.stem}.docx")


def ours(path: Path) -> int:
    from jixiao.parsing import parse_file

    document = parse_file(path).document
    return sum(len(table.indicators) for table in document.tables)


def ours_read(path: Path) -> int:
    """Our reader alone (detection + reader, no interpreter): where the time of ``ours`` goes."""
    from jixiao.readers import read

    return sum(1 for grid in read(path).grids() for _ in grid.cells())


BARE: dict[str, Callable[[Path], int]] = {
    "docx": bare_docx,
    "xlsx": bare_xlsx,
    "xls": bare_xls,
    "pdf": bare_pdf,
    "doc": bare_doc,
}


def best_totals(
    works: list[Callable[[Path], int]],
    files: list[Path],
    repeat: int,
    clock: Callable[[], float] = time.process_time,
    min_seconds: float = 0.2,
) -> list[float]:
    """The best time of each work for one pass over the files.

    A pass over a small fixture takes a few milliseconds, too short to time once: the clock's and the
    machine's noise (the CPU's frequency, another process, cold caches) is then a large part of it. So,
    as :mod:`timeit` does, each timed run makes as many passes as fill ``min_seconds`` (counted once, in
    the warm-up, for each work) and is divided by their number. The works take turns in every round, so
    that a change in machine load hits them alike; the clock is this process's CPU time, which other
    processes on a shared machine disturb far less than wall time. The heap is collected before each
    timed run: the garbage one work leaves in reference cycles (python-docx's parts and their package)
    is charged to it, not to the work that runs next.
    """
    passes: list[int] = []
    for work in works:
        for path in files:  # warm-up: imports, caches
            work(path)
        start = clock()  # then one pass timed: how many fill a timed run
        for path in files:
            work(path)
        once = clock() - start
        passes.append(max(1, min(1000, round(min_seconds / once))) if once > 0 else 1000)
    best = [float("inf")] * len(works)
    for _ in range(repeat):
        for index, work in enumerate(works):
            gc.collect()
            start = clock()
            for _ in range(passes[index]):
                for path in files:
                    work(path)
            best[index] = min(best[index], (clock() - start) / passes[index])
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--doc", action="store_true", help="also time .doc (one LibreOffice start per file)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--min-seconds", type=float, default=0.2, help="each timed run repeats the files for at least this long"
    )
    args = parser.parse_args(argv)

    formats = ["docx", "xlsx", "xls", "pdf"] + (["doc"] if args.doc else [])
    runs = [(fmt, fmt, sorted(FIXTURES.glob(f"*.{fmt}"))) for fmt in formats]
    runs.append(("pdf", "pdf (real)", sorted(REAL_WORLD.glob("*.pdf"))))
    results: list[dict[str, Any]] = []
    for fmt, label, files in runs:
        if not files:
            continue
        repeat = 1 if fmt == "doc" else args.repeat
        # .doc work happens mostly in a LibreOffice child process: only wall time sees it
        clock = time.perf_counter if fmt == "doc" else time.process_time
        # .doc: one pass (a LibreOffice start per file); the others: passes filling --min-seconds per run
        fill = 0.0 if fmt == "doc" else args.min_seconds
        mine, reading, bare = best_totals([ours, ours_read, BARE[fmt]], files, repeat, clock, fill)
        results.append(
            {
                "format": label,
                "files": len(files),
                "ours_s": mine,
                "read_s": reading,
                "bare_s": bare,
                "ratio": mine / bare,
                "read_ratio": reading / bare,
            }
        )

    if args.json:
        print(json.dumps({"goal": GOAL, "results": results}, indent=2))
    else:
        print("per pass over the files, in milliseconds of CPU time")
        print(
            f"{'format':<11}{'files':>6}{'ours':>11}{'bare':>11}{'ours/bare':>11}{'  | reader only':>15}{'read/bare':>11}"
        )
        for row in results:
            flag = "" if row["ratio"] <= GOAL else f"  above the goal of {GOAL}"
            print(
                f"{row['format']:<11}{row['files']:>6}{row['ours_s'] * 1e3:>11.2f}{row['bare_s'] * 1e3:>11.2f}"
                f"{row['ratio']:>11.2f}{row['read_s'] * 1e3:>15.2f}{row['read_ratio']:>11.2f}{flag}"
            )
    return 0 if all(row["ratio"] <= GOAL for row in results) else 1


if __name__ == "__main__":
    sys.exit(main())
