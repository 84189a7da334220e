"""The analysts' flat sheet is left out: it repeats, one row per indicator, the tables of the workbook.

``jixiao export --to xlsx`` adds the sheet ``指标明细`` (:mod:`jixiao.writers._flat`) after the layout's
sheets. Read as a table it would repeat every indicator (with a header of printed labels only, its rows
become one more table), so a grid whose header row carries the flat form's labels
(:data:`~jixiao.interpret.labels.FLAT_SHEET_LABELS`, the field paths after them ignored) is dropped before
the stream is built, as long as the document holds other grids (the tables the sheet repeats).
"""

from __future__ import annotations

import dataclasses

from jixiao.grid import Grid, SourceDocument
from jixiao.interpret.labels import FLAT_SHEET_FIELD_PATH, FLAT_SHEET_HEADER_ROWS, FLAT_SHEET_LABELS, label_key

__all__ = ["is_flat_sheet", "without_flat_sheets"]


def is_flat_sheet(grid: Grid) -> bool:
    """True when one of the grid's first rows is the flat form's header (``表序 table`` … ``三级指标 name``)."""
    for row in grid.rows[:FLAT_SHEET_HEADER_ROWS]:
        if len(row) >= len(FLAT_SHEET_LABELS) and any("表序" in cell.text for cell in row):  # cheap rejection
            labels = {label_key(FLAT_SHEET_FIELD_PATH.sub("", cell.text)) for cell in row}
            if labels >= FLAT_SHEET_LABELS:
                return True
    return False


def without_flat_sheets(src: SourceDocument) -> SourceDocument:
    """``src`` without its flat sheets (``src`` itself when it has none, or nothing but them)."""
    flat = [block for block in src.blocks if isinstance(block, Grid) and is_flat_sheet(block)]
    if not flat or len(flat) == sum(1 for _ in src.grids()):
        return src
    dropped = {id(block) for block in flat}
    return dataclasses.replace(src, blocks=[block for block in src.blocks if id(block) not in dropped])
