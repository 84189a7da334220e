"""A table printed without rules, found from text alignment (on a page that has no ruled table).

Lines holding a gap wider than a character split into pieces. Two or more consecutive such lines, close
together, whose pieces leave the same vertical gutters free, are the rows of a table; the gutters are its
column edges. The table is handed on as cell rectangles, like a ruled one, so that its characters are
placed the same way.
"""

from __future__ import annotations

from itertools import pairwise

from jixiao.readers.pdf_lines import Line
from jixiao.readers.pdf_rulings import RuledCell, RuledTable

__all__ = ["find_text_tables", "has_column_gaps"]

_ROW_GAP = 2.5  # line heights: rows further apart than this are not one table


def _pieces(line: Line) -> list[tuple[float, float]]:
    """The x-ranges of the runs of text in a line, split at gaps wider than a character."""
    pieces: list[tuple[float, float]] = []
    start = line.chars[0]["x0"]
    for a, b in pairwise(line.chars):
        if b["x0"] - a["x1"] > max(a["size"], 1.0):
            pieces.append((start, a["x1"]))
            start = b["x0"]
    pieces.append((start, line.chars[-1]["x1"]))
    return pieces


def has_column_gaps(line: Line) -> bool:
    return len(_pieces(line)) >= 2


def find_text_tables(lines: list[Line]) -> list[RuledTable]:
    """Runs of two or more consecutive lines with column gaps, as tables of two or more columns."""
    ordered = sorted(lines, key=lambda line: line.top)
    tables: list[RuledTable] = []
    run: list[Line] = []
    for line in [*ordered, None]:
        if (
            line is not None
            and has_column_gaps(line)
            and (not run or line.top - run[-1].bottom <= _ROW_GAP * max(line.size, 1.0))
        ):
            run.append(line)
            continue
        if len(run) >= 2:
            table = _table(run)
            if table is not None:
                tables.append(table)
        run = [line] if line is not None and has_column_gaps(line) else []
    return tables


def _table(rows: list[Line]) -> RuledTable | None:
    spans = sorted(piece for row in rows for piece in _pieces(row))
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    if len(columns) < 2:
        return None
    xs = [columns[0][0] - 1.0] + [(a[1] + b[0]) / 2 for a, b in pairwise(columns)] + [columns[-1][1] + 1.0]
    ys = [rows[0].top - 1.0] + [(a.bottom + b.top) / 2 for a, b in pairwise(rows)] + [rows[-1].bottom + 1.0]
    cells = [RuledCell(x0, top, x1, bottom) for top, bottom in pairwise(ys) for x0, x1 in pairwise(xs)]
    return RuledTable((xs[0], ys[0], xs[-1], ys[-1]), cells)
