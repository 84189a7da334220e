"""A source document as one stream of rows and paragraphs, the form the interpreter walks.

Grid boundaries carry little meaning across formats (a PDF page break splits a table, a text export
may join two), so the interpreter sees rows one after another. A row keeps, for each distinct cell,
its raw text, its first column and its ref; a vertically merged cell is repeated in every row it
covers, the way a reader of the printed table sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.grid import Grid, Paragraph, SourceDocument
from jixiao.interpret.clean import clean, ref_span
from jixiao.interpret.labels import INDICATOR_COLUMNS, MAX_COLUMN_LABEL, label_key

__all__ = ["Line", "Row", "flatten"]


@dataclass(slots=True)
class Row:
    texts: list[str]  # raw cell texts, one per distinct cell, left to right
    cols: list[int]  # the first grid column of each cell
    refs: list[str | None]
    spans: list[int]
    unit_hint: str | None = None
    simple: bool | None = None  # cell i sits in column i, one column wide (None: find out)
    grid: int = -1  # which grid of the document the row belongs to
    width: int = 0  # that grid's number of columns
    cleaned: list[str] = field(init=False)  # each text cleaned once, here, for every reader of the row
    n_labels: int = field(init=False)  # how many cells are indicator column labels (一级指标 …)

    def __post_init__(self) -> None:
        self.cleaned = cleaned = [clean(text) for text in self.texts]
        self.n_labels = sum(
            1 for text in cleaned if text and len(text) <= MAX_COLUMN_LABEL and label_key(text) in INDICATOR_COLUMNS
        )
        if self.simple is None:
            self.simple = all(span == 1 for span in self.spans) and all(col == i for i, col in enumerate(self.cols))

    def at(self, index: int) -> str:
        return self.texts[index] if 0 <= index < len(self.texts) else ""

    def covering(self, col: int) -> int | None:
        """The index of the cell covering grid column ``col``."""
        if self.simple:
            return col if 0 <= col < len(self.texts) else None
        for index, (start, span) in enumerate(zip(self.cols, self.spans, strict=True)):
            if start <= col < start + span:
                return index
        return None

    @property
    def ref(self) -> str | None:
        return ref_span(self.refs)


@dataclass(slots=True)
class Line:
    """One line of a paragraph (titles and headings are single lines even when a reader joined them)."""

    text: str
    ref: str | None
    paragraph: str  # the whole paragraph the line belongs to
    first: bool  # the paragraph's first line


Item = Row | Line


def flatten(src: SourceDocument) -> list[Item]:
    items: list[Item] = []
    for index, block in enumerate(src.blocks):
        if isinstance(block, Paragraph):
            lines = block.text.split("\n")
            for index, text in enumerate(lines):
                items.append(Line(text=text, ref=block.ref, paragraph=block.text, first=index == 0))
        elif isinstance(block, Grid):
            items.extend(_rows(block, index))
    return items


def _rows(grid: Grid, number: int) -> list[Row]:
    width, hint = grid.n_cols, grid.unit_hint
    if _is_simple(grid):  # the common case: no merges, so no dense matrix needed
        return [
            Row(
                [c.text for c in row],
                list(range(len(row))),
                [c.ref for c in row],
                [1] * len(row),
                hint,
                simple=True,
                grid=number,
                width=width,
            )
            for row in grid.rows
        ]
    rows: list[Row] = []
    for line in grid.dense():
        texts: list[str] = []
        cols: list[int] = []
        refs: list[str | None] = []
        spans: list[int] = []
        previous = None
        for col, cell in enumerate(line):
            if cell is None:
                texts.append("")
                cols.append(col)
                refs.append(None)
                spans.append(1)
            elif cell is not previous:
                texts.append(cell.text)
                cols.append(col)
                refs.append(cell.ref)
                spans.append(cell.col + cell.colspan - col)
            previous = cell
        rows.append(Row(texts, cols, refs, spans, hint, grid=number, width=width))
    return rows


def _is_simple(grid: Grid) -> bool:
    for row in grid.rows:
        for index, cell in enumerate(row):
            if cell.col != index or cell.rowspan != 1 or cell.colspan != 1:
                return False
    return True
