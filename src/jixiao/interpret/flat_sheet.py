"""The analysts' flat sheet is left out: it repeats, one row per indicator, the tables of the workbook.

``jixiao export --to xlsx`` adds the sheet ``指标明细`` (:mod:`jixiao.writers._flat`) after the layout's
sheets. Read as a table it would repeat every indicator (with a header of printed labels only, its rows
become one more table), so a grid whose header row carries the flat form's labels
(:data:`~jixiao.interpret.labels.FLAT_SHEET_LABELS`, the field paths after them ignored) is dropped before
the stream is built, as long as the document holds other grids (the tables the sheet repeats).

Printed to PDF (Calc prints every sheet), the sheet's header is unbordered text over pages as wide as
its seventy columns allow, and without print titles its later pages have no header at all: what runs from
the printed header (``表序 table 表类型 kind``) to the end of the file is that sheet (it is the workbook's
last), left out with a warning that says where.
"""

from __future__ import annotations

import dataclasses
import re

from jixiao.grid import Grid, Paragraph, SourceDocument
from jixiao.interpret.labels import FLAT_SHEET_FIELD_PATH, FLAT_SHEET_HEADER_ROWS, FLAT_SHEET_LABELS, label_key
from jixiao.read_warnings import ReadWarning

__all__ = ["is_flat_sheet", "without_flat_sheets"]

# the flat sheet's first column titles as a PDF prints them: label and field path, the space between optional
_PRINTED_HEADER = re.compile(r"表序\s*table\s*表类型\s*kind")
# one of its column titles on any of its pages (``银行贷款 funds.bank_loan``, ``资金用途purpose``): Calc prints
# its seventy columns over pages side by side, each page a grid under such titles
_PRINTED_TITLE = re.compile(r"^[\u4e00-\u9fff].*?\s?[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$")
_PAGE = re.compile(r"pages? (\d+)")  # a grid stitched over pages: "pages 5-20 table 1"


def is_flat_sheet(grid: Grid) -> bool:
    """True when one of the grid's first rows is the flat form's header (``表序 table`` … ``三级指标 name``)."""
    for row in grid.rows[:FLAT_SHEET_HEADER_ROWS]:
        if len(row) >= len(FLAT_SHEET_LABELS) and any("表序" in cell.text for cell in row):  # cheap rejection
            labels = {label_key(FLAT_SHEET_FIELD_PATH.sub("", cell.text)) for cell in row}
            if labels >= FLAT_SHEET_LABELS:
                return True
    return False


def _printed_flat_sheet(src: SourceDocument) -> int | None:
    """Where a PDF's printed flat sheet starts (the block of its header), when tables come before it."""
    seen_grid = False
    for index, block in enumerate(src.blocks):
        if isinstance(block, Paragraph):
            if seen_grid and _PRINTED_HEADER.search(block.text):
                return index
        elif seen_grid and (is_flat_sheet(block) or _printed_titles(block)):
            return index
        else:
            seen_grid = True
    return None


def _printed_titles(grid: Grid) -> bool:
    """The grid's first row holds the flat sheet's column titles only, two at least, one of them with a
    field path no printed form has (``unit_code``, ``funds.total``)."""
    titles = [cell.text.strip() for cell in grid.rows[0] if cell.text.strip()] if grid.rows else []
    return (
        len(titles) >= 2
        and all(_PRINTED_TITLE.match(title) for title in titles)
        and any("_" in title or "." in title for title in titles)
    )


def without_flat_sheets(src: SourceDocument) -> SourceDocument:
    """``src`` without its flat sheets (``src`` itself when it has none, or nothing but them)."""
    if src.format == "pdf" and (start := _printed_flat_sheet(src)) is not None:
        found = _PAGE.search(src.blocks[start].ref or "")
        warning = ReadWarning("flat_sheet_left_out", where=f"page {found.group(1)}" if found else "its header")
        return dataclasses.replace(src, blocks=src.blocks[:start], warnings=[*src.warnings, warning])
    flat = [block for block in src.blocks if isinstance(block, Grid) and is_flat_sheet(block)]
    if not flat or len(flat) == sum(1 for _ in src.grids()):
        return src
    dropped = {id(block) for block in flat}
    return dataclasses.replace(src, blocks=[block for block in src.blocks if id(block) not in dropped])
