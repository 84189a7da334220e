"""The one intermediate form every reader produces: blocks of paragraphs and tables of cells.

A reader (text, docx, xlsx, pdf, html …) turns its source into a :class:`SourceDocument`: the
paragraphs and tables in reading order. A table is a :class:`Grid` of :class:`Cell` objects that
keep their merges (``rowspan``/``colspan``) and where they came from (``ref``). The interpreter
(:mod:`jixiao.interpret`) sees only this form, never a file format.

Conventions:
- ``Grid.rows`` holds, for every grid row, the cells that *start* in that row, left to right.
  A merged cell appears once, at its top-left position, with its spans.
- ``Grid.at(r, c)`` resolves merges: it returns the cell covering position (r, c), if any.
- ``text`` is the cell's text with in-cell line breaks kept as ``\n``; cleaning is the interpreter's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Block", "Cell", "Grid", "Paragraph", "SourceDocument"]


@dataclass(slots=True)
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    ref: str | None = None  # "line 12", "page 3 table 1 r4c2", "Sheet1!B7:C9" …


@dataclass(slots=True)
class Paragraph:
    text: str
    ref: str | None = None
    style: str | None = None  # e.g. "Heading 1", "Title" where the format says


@dataclass
class Grid:
    rows: list[list[Cell]] = field(default_factory=list)
    ref: str | None = None  # "page 3 table 1", "Sheet1", "lines 10-58"
    unit_hint: str | None = None  # a money unit printed outside the table (page header 单位：万元)

    @property
    def n_rows(self) -> int:
        last = 0
        for row in self.rows:
            for cell in row:
                last = max(last, cell.row + cell.rowspan)
        return max(last, len(self.rows))

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for row in self.rows for c in row), default=0)

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row

    def dense(self) -> list[list[Cell | None]]:
        """A rectangular matrix in which every position covered by a merged cell points at that cell."""
        matrix: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells():
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if r < len(matrix) and c < len(matrix[r]):
                        matrix[r][c] = cell
        return matrix

    def at(self, row: int, col: int) -> Cell | None:
        for cell in self.cells():
            if cell.row <= row < cell.row + cell.rowspan and cell.col <= col < cell.col + cell.colspan:
                return cell
        return None

    def row_texts(self) -> list[list[str]]:
        """Each row's distinct cell texts left to right (a merged cell once per row it covers)."""
        out: list[list[str]] = []
        for line in self.dense():
            texts: list[str] = []
            previous: Cell | None = None
            for cell in line:
                if cell is not None and cell is not previous:
                    texts.append(cell.text)
                previous = cell
            out.append(texts)
        return out


Block = Paragraph | Grid


@dataclass
class SourceDocument:
    """What a reader hands the interpreter: the blocks of one source file in reading order."""

    name: str
    format: str  # text | docx | doc | xlsx | xls | pdf | html
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # jixiao.read_warnings.ReadWarning values (worded in zh too)

    def grids(self) -> Iterator[Grid]:
        return (b for b in self.blocks if isinstance(b, Grid))
