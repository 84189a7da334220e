"""Property: any tiling of a table by merged cells, written as Word markup or as HTML, reads back exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.grid import Grid
from jixiao.readers.docx import read_docx
from jixiao.readers.html import read_html
from jixiao.readers.limits import DEFAULT_LIMITS
from tests.readers._word import docx_from_body, tbl, tc, tr

Rect = tuple[int, int, int, int]  # row, col, rowspan, colspan


@st.composite
def tilings(draw: st.DrawFn) -> tuple[int, int, list[Rect]]:
    """A table of rows × cols cut into rectangles, chosen cell by cell in reading order."""
    rows = draw(st.integers(1, 7))
    cols = draw(st.integers(1, 6))
    covered = [[False] * cols for _ in range(rows)]
    rects: list[Rect] = []
    for r in range(rows):
        for c in range(cols):
            if covered[r][c]:
                continue
            width = 1
            while c + width < cols and not covered[r][c + width]:
                width += 1
            colspan = draw(st.integers(1, width))
            rowspan = draw(st.integers(1, rows - r))
            # shrink until no cell below is taken already (rectangles placed earlier may hang down)
            while any(covered[r + dr][c + dc] for dr in range(rowspan) for dc in range(colspan)):
                rowspan -= 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered[r + dr][c + dc] = True
            rects.append((r, c, rowspan, colspan))
    return rows, cols, rects


def label(rect: Rect) -> str:
    return f"r{rect[0]}c{rect[1]}"


def read_back(grid: Grid) -> list[tuple[int, int, int, int, str]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in grid.cells())


def expected(rects: list[Rect]) -> list[tuple[int, int, int, int, str]]:
    return sorted((*rect, label(rect)) for rect in rects)


def as_word(rows: int, cols: int, rects: list[Rect]) -> bytes:
    """Word markup: gridSpan for width; vMerge restart on the first row, continue below it."""
    owner: dict[tuple[int, int], Rect] = {}
    for rect in rects:
        r, c, rowspan, colspan = rect
        for dr in range(rowspan):
            owner[(r + dr, c)] = rect
    lines = []
    for r in range(rows):
        cells = []
        for c in range(cols):
            rect = owner.get((r, c))
            if rect is None:
                continue  # inside a rectangle's width: no w:tc of its own
            start_row, _, rowspan, colspan = rect
            if rowspan == 1:
                cells.append(tc(label(rect), span=colspan))
            elif r == start_row:
                cells.append(tc(label(rect), span=colspan, vmerge="restart"))
            else:
                cells.append(tc(span=colspan, vmerge="continue"))
        lines.append(tr(*cells))
    return docx_from_body(tbl(*lines, cols=cols))


def as_html(rows: int, rects: list[Rect]) -> bytes:
    lines = []
    for r in range(rows):
        starting = sorted((rect for rect in rects if rect[0] == r), key=lambda rect: rect[1])
        cells = "".join(f'<td rowspan="{rect[2]}" colspan="{rect[3]}">{label(rect)}</td>' for rect in starting)
        lines.append(f"<tr>{cells}</tr>")
    return f"<table>{''.join(lines)}</table>".encode()


@given(tilings())
def test_word_merges_read_back_as_the_same_rectangles(tiling: tuple[int, int, list[Rect]]) -> None:
    rows, cols, rects = tiling
    source = read_docx(as_word(rows, cols, rects), "tiling.docx", DEFAULT_LIMITS)
    grids = list(source.grids())
    assert len(grids) == 1
    assert read_back(grids[0]) == expected(rects)


@given(tilings())
def test_html_spans_read_back_as_the_same_rectangles(tiling: tuple[int, int, list[Rect]]) -> None:
    rows, _, rects = tiling
    source = read_html(as_html(rows, rects), "tiling.html", DEFAULT_LIMITS)
    grids = list(source.grids())
    assert len(grids) == 1
    assert read_back(grids[0]) == expected(rects)
