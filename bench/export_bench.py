"""Benchmark of the export: tables/s for .docx and .xlsx, seconds per bound document for .pdf.

Builds 100 one-table documents from the tables of the four sample files (``src/jixiao/samples``, read
once through ``jixiao.parsing.parse_file``) and times, in this process:

- docx / xlsx: ``render_bytes`` of each of the 100 documents, per layout (the writer's whole work:
  composing, the format library, zipping); goal (issue #6): >= 50 tables/s. A self-evaluation layout is
  timed on the self-evaluation tables of ``tests/data/gold-selfeval`` (the four 项目支出绩效自评表 of the
  国家信访局 决算), as many one-table documents; a layout with no table to print here is skipped. Wall and
  CPU time are printed; the goal is judged on wall time;
- pdf: ``write_pdfs`` of the four samples as bound documents (seed 001 is the department's year: the
  第一部分 narrative and 14 tables) in ONE LibreOffice start, and of one bound document alone (the start
  included); the 100 one-table documents in one start as well. Goal: <= 1.5 s per bound document.

    .venv/bin/python bench/export_bench.py [--tables 100] [--layouts national,tianjin] [--no-pdf] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from jixiao.model import Document
from jixiao.writers import LAYOUTS, render_bytes, write_pdfs
from jixiao.writers.layouts import get_layout, layout_for

SELF_EVALUATION_GOLD = Path(__file__).parents[1] / "tests" / "data" / "gold-selfeval"

GOAL_TABLES_PER_S = 50.0
GOAL_PDF_S_PER_BOUND = 1.5


def sample_documents() -> list[Document]:
    from jixiao.parsing import parse_file

    folder = resources.files("jixiao") / "samples"
    paths = sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))
    return [parse_file(path).document for path in paths]


def one_table_documents(samples: list[Document], count: int) -> list[Document]:
    tables = [(doc, table) for doc in samples for table in doc.tables]
    out = []
    for i in range(count):
        doc, table = tables[i % len(tables)]
        out.append(doc.model_copy(update={"tables": [table.model_copy(deep=True)], "department_plans": []}))
    return out


def self_evaluation_documents() -> list[Document]:
    paths = sorted(SELF_EVALUATION_GOLD.glob("*.pdf.json"))
    return [Document.from_dict(json.loads(path.read_text(encoding="utf-8"))) for path in paths]


def printed_by(docs: list[Document], layout: str) -> list[Document]:
    """The documents whose table ``layout`` prints itself (not through another layout)."""
    chosen = get_layout(layout)
    return [doc for doc in docs if doc.tables and layout_for(doc.tables[0], chosen) is chosen]


def time_render(docs: list[Document], to: str, layout: str) -> tuple[float, float]:
    """Wall and CPU seconds for rendering ``docs`` (the machine may be shared: CPU time is the steadier one)."""
    render_bytes(docs[0], to=to, layout=layout)  # warm up: imports, templates
    start, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        render_bytes(doc, to=to, layout=layout)
    return time.perf_counter() - start, time.process_time() - cpu


def time_pdfs(docs: list[Document], layout: str) -> float:
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        pairs = [(doc, Path(tmp) / f"{i:04d}.pdf") for i, doc in enumerate(docs)]
        start = time.perf_counter()
        write_pdfs(pairs, layout=layout)
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--tables", type=int, default=100)
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice part")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    layouts = [name.strip() for name in args.layouts.split(",") if name.strip()]

    samples = sample_documents()
    docs = one_table_documents(samples, args.tables)
    pool = docs + one_table_documents(self_evaluation_documents(), args.tables)
    results: dict[str, object] = {"tables": len(docs)}
    ok = True
    for to in ("docx", "xlsx"):
        per_layout = {}
        for layout in layouts:
            mine = printed_by(pool, layout)
            if not mine:
                if not args.json:
                    print(f"{to:4} {layout:19} skipped: no table here that it prints")
                continue
            seconds, cpu = time_render(mine, to, layout)
            per_layout[layout] = round(len(mine) / seconds, 1)
            if not args.json:
                print(f"{to:4} {layout:19} {len(mine)} tables in {seconds:6.3f} s wall = {len(mine) / seconds:6.1f} "
                      f"tables/s ({cpu:6.3f} s CPU = {len(mine) / cpu:6.1f} tables/s)")  # fmt: skip
        results[to] = per_layout
        ok &= min(per_layout.values()) >= GOAL_TABLES_PER_S
    if not args.no_pdf:
        layout = "lulong" if "lulong" in layouts else layouts[0]
        bound = time_pdfs(samples, layout)
        single = time_pdfs(samples[1:2], layout)
        batch = time_pdfs(docs, layout)
        pages = sum(len(d.tables) for d in samples)
        results["pdf"] = {
            "layout": layout,
            "bound_documents": len(samples),
            "tables_in_them": pages,
            "s_per_bound_document_batched": round(bound / len(samples), 2),
            "s_one_bound_document_alone": round(single, 2),
            "one_table_documents": len(docs),
            "s_per_one_table_document_batched": round(batch / len(docs), 3),
        }
        if not args.json:
            print(f"pdf  {layout}: {len(samples)} bound documents ({pages} tables) in one start: {bound:.2f} s "
                  f"= {bound / len(samples):.2f} s per bound document")  # fmt: skip
            print(f"pdf  {layout}: seed 001 alone (narrative + 14 tables, LibreOffice start included): {single:.2f} s")
            print(f"pdf  {layout}: {len(docs)} one-table documents in one start: {batch:.2f} s "
                  f"= {len(docs) / batch:.1f} documents/s")  # fmt: skip
        ok &= bound / len(samples) <= GOAL_PDF_S_PER_BOUND
    results["goals_met"] = ok
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print(f"goals (docx, xlsx >= {GOAL_TABLES_PER_S:g} tables/s; pdf <= {GOAL_PDF_S_PER_BOUND:g} s per bound "
              f"document): {'met' if ok else 'NOT met'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
