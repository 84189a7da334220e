"""Compose a document into pages: the narrative part, then each table in the layout that prints it.

The result is format-free (:mod:`jixiao.writers._blocks`); the Word, Excel and HTML writers render these
pages. What a table looks like beneath its title is its layout's composer (``Layout.body``), in the layout's
own module under :mod:`jixiao.writers.layouts`; none of the code here knows a region.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.model import DepartmentPlan, Document, TargetTable
from jixiao.writers._blocks import (
    Block,
    Cell,
    Page,
    Para,
    Table,
    amount_in_words,
    clean_text,
    indicator_columns,
    indicator_table,
    level_runs,
)
from jixiao.writers._layout import Layout
from jixiao.writers.layouts import layout_for

__all__ = [
    "Cell",
    "Page",
    "Para",
    "Table",
    "amount_in_words",
    "clean_text",
    "compose",
    "indicator_columns",
    "indicator_table",
    "level_runs",
    "pages_text",
]


def _title(table: TargetTable, layout: Layout) -> str:
    title = table.title if table.title is not None else (table.project_name or "") + layout.default_title
    if layout.numbered_title and table.seq is not None:
        return f"{table.seq}.{title}"
    return title


def _table_page(table: TargetTable, layout: Layout, index: int) -> Page:
    blocks: list[Block] = [Para(_title(table, layout), "title"), *layout.body(table, layout)]
    name = table.project_code[-6:] if layout.sheet_by_project_code and table.project_code else f"{index + 1}"
    return Page(name=name, blocks=blocks, landscape=layout.landscape)


# split narrative text into paragraphs before sub-item enumerators only: ``一、`` starts a section heading
_ENUMERATOR = re.compile(r" (?=(?:（[一二三四五六七八九十]+）|\d+、))")


def _plan_blocks(plan: DepartmentPlan, layout: Layout) -> list[Block]:
    blocks: list[Block] = []
    if layout.plan_heading and (plan.unit_name or plan.year):
        blocks.append(Para(" ".join(p for p in (plan.unit_name, f"{plan.year}年度" if plan.year else None) if p),
                           "subtitle"))  # fmt: skip
    for section in plan.sections:
        blocks.append(Para(section.heading, "heading"))
        blocks.extend(Para(text, "body") for text in _ENUMERATOR.split(section.text) if text)
    return blocks


def compose(document: Document, layout: Layout) -> list[Page]:
    """The document's pages in ``layout``: the narrative part (when the layout prints one), then each table
    in the layout that prints it (:func:`~jixiao.writers.layouts.layout_for`)."""
    pages: list[Page] = []
    parts = layout.parts_titles if layout.narrative and document.department_plans else None
    if parts:
        blocks: list[Block] = [Para(parts[0], "part"), Para(parts[1], "part_name")]
        for plan in document.department_plans:
            blocks.extend(_plan_blocks(plan, layout))
        pages.append(Page(name=parts[1], blocks=blocks, landscape=False))
    for i, table in enumerate(document.tables):
        page = _table_page(table, layout_for(table, layout), i)
        if parts and i == 0:
            page.blocks[0:0] = [Para(parts[2], "part"), Para(parts[3], "part_name")]
        pages.append(page)
    return pages


def pages_text(pages: Iterable[Page]) -> str:
    """All the text of the pages, one block a line (for tests and previews)."""
    out: list[str] = []
    for page in pages:
        for block in page.blocks:
            if isinstance(block, Para):
                out.append(block.text)
            else:
                out.extend(c.text for c in block.cells)
    return "\n".join(out)
