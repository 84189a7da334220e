"""A source document as one stream of rows and paragraphs, the form the interpreter walks.

Grid boundaries carry little meaning across formats (a PDF page break splits a table, a text export
may join two), so the interpreter sees rows one after another. A row keeps, for each distinct cell,
its raw text, its first column and its ref; a vertically merged cell is repeated in every row it
covers, the way a reader of the printed table sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from operator import attrgetter

from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret.clean import clean, ref_span
from jixiao.interpret.labels import INDICATOR_COLUMNS, KNOWN_LABELS, MAX_COLUMN_LABEL, MAX_LABEL, label_key

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
    column_cells: list[int | None] | None = field(init=False, default=None)  # covering(), made on first use

    def __post_init__(self) -> None:
        # plain loops, not generators: this runs for every row of every table
        self.cleaned = cleaned = _cleaned(self.texts)
        labelled = 0
        for text in cleaned:
            if text and len(text) <= MAX_COLUMN_LABEL and label_key(text) in INDICATOR_COLUMNS:
                labelled += 1
        self.n_labels = labelled
        if self.simple is None:
            self.simple = self.cols == list(range(len(self.cols))) and self.spans.count(1) == len(self.spans)

    def at(self, index: int) -> str:
        return self.texts[index] if 0 <= index < len(self.texts) else ""

    def covering(self, col: int) -> int | None:
        """The index of the cell covering grid column ``col``."""
        if self.simple:
            return col if 0 <= col < len(self.texts) else None
        cells = self.column_cells
        if cells is None:
            # grid column -> cell index, made once per row: the indicator reader asks for every column it knows
            # (for speed: a scan of the row per question was the interpreter's largest cost on merged tables)
            cells = []
            for index, (start, span) in enumerate(zip(self.cols, self.spans, strict=True)):
                if start == len(cells) and span > 0:  # the usual row: each cell right after the one before
                    cells.extend(repeat(index, span))
                    continue
                for column in range(max(start, 0), start + span):
                    if column >= len(cells):
                        cells.extend([None] * (column + 1 - len(cells)))
                    if cells[column] is None:
                        cells[column] = index
            self.column_cells = cells
        return cells[col] if 0 <= col < len(cells) else None

    @property
    def ref(self) -> str | None:
        return ref_span(self.refs)


def _cleaned(texts: list[str]) -> list[str]:
    """``[clean(text) for text in texts]``, with one check of the whole row first: most rows are already
    clean, and a few scans of one joined string cost less than a call of :func:`clean` per cell.

    The separator ``|`` is printable and no space, so the joined row passes :func:`clean`'s test only if
    every text does (a ``|`` beside a space in a text itself merely sends the row the long way round).
    """
    joined = "|".join(texts)
    if (
        joined.isprintable()
        and "  " not in joined
        and "<" not in joined
        and "[" not in joined
        and "| " not in joined
        and " |" not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
    ):
        return texts  # the same list: no reader of a row changes its lists
    return [clean(text) for text in texts]


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
            if block.ref is not None and block.ref.startswith("pages "):  # a PDF table over several pages
                block = _join_cut_labels(block)
            items.extend(_rows(block, index))
    return items


_PAGE = re.compile(r"^page (\d+) ")


def _join_cut_labels(grid: Grid) -> Grid:
    """The grid with each label a page break cut in two made one cell again.

    A merged label cell cut by the break prints what fits of its text on each page (``年`` at the foot of
    one, ``度总体目标`` at the head of the next), each part closed by its own rules: a cell whose text
    and that of the cell right under it (in the same columns, on the next page) make a label, where its
    own text is none, is that label."""
    # the rows that open a page: only cells ending right above one can be cut by a break (for speed: one
    # look at a ref per row, not per cell)
    pages = [_page_of(row[0]) if row else None for row in grid.rows]
    opening = {
        index
        for index, (before, here) in enumerate(pairwise(pages), start=1)
        if before is not None and here == before + 1
    }
    if not opening:
        return grid
    below: dict[tuple[int, int, int], Cell] = {}
    for index in opening:
        for cell in grid.rows[index]:
            below[(cell.row, cell.col, cell.colspan)] = cell
    joined: dict[int, Cell] = {}  # id of the upper part -> the whole cell
    dropped: set[int] = set()
    for row in grid.rows:
        for cell in row:
            lower = below.get((cell.row + cell.rowspan, cell.col, cell.colspan))
            if lower is None or id(cell) in dropped:
                continue
            upper, rest = clean(cell.text), clean(lower.text)
            if not upper or not rest or len(upper) + len(rest) > MAX_LABEL or label_key(upper) in KNOWN_LABELS:
                continue
            if label_key(upper + rest) in KNOWN_LABELS:
                joined[id(cell)] = Cell(
                    upper + rest, cell.row, cell.col, cell.rowspan + lower.rowspan, cell.colspan, cell.ref
                )
                dropped.add(id(lower))
    if not joined:
        return grid
    rows = [[joined.get(id(cell), cell) for cell in row if id(cell) not in dropped] for row in grid.rows]
    return Grid(rows=rows, ref=grid.ref, unit_hint=grid.unit_hint)


def _page_of(cell: Cell) -> int | None:
    """The page a PDF cell was printed on, from its ref (``page 3 table 1 r4c2``)."""
    found = _PAGE.match(cell.ref or "")
    return int(found.group(1)) if found else None


def _rows(grid: Grid, number: int) -> list[Row]:
    hint = grid.unit_hint
    width = _simple_width(grid)
    if width is not None:  # the common case: no merges, so no dense matrix needed
        return [
            Row(
                list(map(_TEXT, row)),
                _COLUMNS[len(row)] if len(row) < len(_COLUMNS) else list(range(len(row))),
                list(map(_REF, row)),
                _ONES[len(row)] if len(row) < len(_ONES) else [1] * len(row),
                hint,
                simple=True,
                grid=number,
                width=width,
            )
            for row in grid.rows
        ]
    width, height = _size(grid)
    rows: list[Row] = []
    for line in _dense(grid, width, height):
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


def _size(grid: Grid) -> tuple[int, int]:
    """The grid's number of columns and of rows (its last row may be reached only by a merged cell), in one
    pass over the cells (``Grid.n_cols`` and ``Grid.n_rows`` are a pass each)."""
    width, height = 0, len(grid.rows)
    for row in grid.rows:
        for cell in row:
            end, bottom = cell.col + cell.colspan, cell.row + cell.rowspan
            if end > width:
                width = end
            if bottom > height:
                height = bottom
    return width, height


def _dense(grid: Grid, width: int, height: int) -> list[list[Cell | None]]:
    """``grid.dense()`` with the grid's size worked out once (``Grid.dense`` asks ``n_cols`` for every row,
    each time a pass over every cell: quadratic in the table's size, and most of the interpreter's time on
    merged tables)."""
    matrix: list[list[Cell | None]] = [[None] * width for _ in range(height)]
    for row in grid.rows:
        for cell in row:
            if cell.rowspan == 1 and cell.colspan == 1:
                matrix[cell.row][cell.col] = cell
                continue
            for r in range(cell.row, cell.row + cell.rowspan):
                line = matrix[r]
                for c in range(cell.col, min(cell.col + cell.colspan, width)):
                    line[c] = cell
    return matrix


# The cols and spans of simple rows, shared (no reader of a row changes its lists): two lists fewer to
# make per row, for speed.
_COLUMNS = [list(range(n)) for n in range(64)]
_TEXT, _REF = attrgetter("text"), attrgetter("ref")  # mapped over a row's cells: quicker than comprehensions
_ONES = [[1] * n for n in range(64)]


def _simple_width(grid: Grid) -> int | None:
    """The grid's number of columns when no cell is merged and cell i of a row sits in column i, else None.

    One pass does both (``Grid.n_cols`` would be another pass over every cell)."""
    width = 0
    for row in grid.rows:
        for index, cell in enumerate(row):
            if cell.col != index or cell.rowspan != 1 or cell.colspan != 1:
                return None
        width = max(width, len(row))
    return width
