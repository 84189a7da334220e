"""Turn one worksheet (sparse printed texts plus merged ranges) into paragraphs and grids.

Shared by the xlsx and xls readers. A sheet may hold several tables one below the other: rows are split
into blocks at blank rows (a row inside a vertical merge is not blank) and, on a sheet that rules its
tables, at an unruled single-text row between ruled rows (a title printed right under the previous table).
In each block, leading and trailing rows holding a single text (a title such as ``1.xxx绩效目标表``, a
``单位：万元`` line) become :class:`~jixiao.grid.Paragraph` blocks; the rest is one :class:`~jixiao.grid.Grid`
with every position of the block's column range present (empty cells as ``""``) and merged ranges as
``rowspan``/``colspan``. A money unit printed in such a paragraph is also put into the next grid's
``unit_hint``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from jixiao.errors import LimitExceeded
from jixiao.grid import Block, Cell, Grid, Paragraph

__all__ = ["Merge", "col_letter", "sheet_blocks", "unit_in"]

_UNIT = re.compile(r"(?:金额|货币|资金|计量)?单位\s*[:：]\s*(亿元|千万元|百万元|万元|千元|元)")


def unit_in(text: str) -> str | None:
    """The money unit a text such as ``单位：万元`` or ``金额单位:元`` states, if any."""
    if "单位" not in text:  # for speed: the regex's optional prefix makes a miss slow on a long paragraph
        return None
    match = _UNIT.search(text)
    return match.group(1) if match else None


@lru_cache(maxsize=1024)
def col_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged range, 0-based and half-open: rows ``r0..r1-1``, columns ``c0..c1-1``."""

    r0: int
    c0: int
    r1: int
    c1: int


def _a1(row: int, col: int) -> str:
    return f"{col_letter(col)}{row + 1}"


def sheet_blocks(
    sheet: str,
    texts: Mapping[tuple[int, int], str],
    merges: Iterable[Merge],
    *,
    path: str,
    max_cells: int,
    ruled: Collection[tuple[int, int]] = (),
    quote: Callable[[str], str] | None = None,
) -> list[Block]:
    """The blocks of one sheet: ``texts`` maps (row, col), 0-based, to the printed text of non-empty cells.

    ``ruled`` holds the positions of the non-empty cells drawn with a border. Where a sheet rules its tables,
    an unruled single-text row between ruled rows (the title of the next table, printed without a blank row
    before it) ends one table and becomes a paragraph.

    A grid holds every position of its block, so a block's area and the area under merged ranges are
    bounded by ``max_cells`` (:class:`~jixiao.errors.LimitExceeded` naming ``path`` and the range); a merge
    larger than that (a whole sheet merged) is first cut down to the rows and columns that hold text.
    """
    name = quote(sheet) if quote else _quote(sheet)
    last: tuple[int, int] | None = None  # the last row and column holding text, for a merge too large
    origin: dict[tuple[int, int], Merge] = {}
    covered: dict[tuple[int, int], Merge] = {}
    budget = max_cells
    for merge in merges:
        if merge.r1 - merge.r0 <= 0 or merge.c1 - merge.c0 <= 0:
            continue
        area = (merge.r1 - merge.r0) * (merge.c1 - merge.c0)
        if area > max_cells:
            if last is None:
                last = (max((r for r, _ in texts), default=0), max((c for _, c in texts), default=0))
            last_row, last_col = last
            merge = Merge(
                merge.r0,
                merge.c0,
                min(merge.r1, max(last_row, merge.r0) + 1),
                min(merge.c1, max(last_col, merge.c0) + 1),
            )
            area = (merge.r1 - merge.r0) * (merge.c1 - merge.c0)
        budget -= area
        if budget < 0:
            place = f"{name}!{_a1(merge.r0, merge.c0)}:{_a1(merge.r1 - 1, merge.c1 - 1)}"
            raise LimitExceeded(
                f"merged ranges cover more than the limit of {max_cells:,} cells", path=path, place=place
            )
        origin[(merge.r0, merge.c0)] = merge
        if area > 1:
            for r in range(merge.r0, merge.r1):
                for c in range(merge.c0, merge.c1):
                    if (r, c) != (merge.r0, merge.c0):
                        covered[(r, c)] = merge
    # a merged range whose top-left is empty is no content; content hidden under a merge is not printed
    live = {pos: text for pos, text in texts.items() if text.strip() and pos not in covered}
    row_cols: dict[int, list[int]] = {}
    for r, c in live:
        row_cols.setdefault(r, []).append(c)
    # rows a non-empty merged cell reaches are occupied too (a vertical merge does not split a table)
    occupied = set(row_cols)
    for (r0, c0), merge in origin.items():
        if (r0, c0) in live:
            occupied.update(range(merge.r0, merge.r1))
    under_merge = {r for merge in origin.values() for r in range(merge.r0 + 1, merge.r1)}
    blocks: list[Block] = []
    for run_start, run_stop in _runs(sorted(occupied)):
        for start, stop in _split_at_titles(run_start, run_stop, live, origin, row_cols, ruled, under_merge):
            blocks.extend(_block(name, start, stop, live, origin, covered, row_cols, (path, max_cells)))
    return blocks


def _split_at_titles(
    start: int,
    stop: int,
    live: Mapping[tuple[int, int], str],
    origin: Mapping[tuple[int, int], Merge],
    row_cols: Mapping[int, list[int]],
    ruled: Collection[tuple[int, int]],
    under_merge: Collection[int],
) -> Iterable[tuple[int, int]]:
    """Rows ``start..stop`` cut before and after each unruled single-text row that lies between ruled rows."""
    if not ruled:
        yield start, stop
        return
    cut = start
    for row in range(start + 1, stop - 1):
        cols = row_cols.get(row, [])
        if row in under_merge or _single_text_row(row, live, origin, row_cols) is None or (row, cols[0]) in ruled:
            continue
        if any(pos in ruled for r in (row - 1, row + 1) for pos in ((r, c) for c in row_cols.get(r, []))):
            if cut < row:
                yield cut, row
            yield row, row + 1
            cut = row + 1
    if cut < stop:
        yield cut, stop


def _quote(sheet: str) -> str:
    plain = re.fullmatch(r"[^\W\d][\w.]*", sheet) is not None
    return sheet if plain else "'" + sheet.replace("'", "''") + "'"


def _runs(rows: list[int]) -> Iterable[tuple[int, int]]:
    if not rows:
        return
    start = previous = rows[0]
    for row in rows[1:]:
        if row != previous + 1:
            yield start, previous + 1
            start = row
        previous = row
    yield start, previous + 1


def _single_text_row(
    row: int,
    live: Mapping[tuple[int, int], str],
    origin: Mapping[tuple[int, int], Merge],
    row_cols: Mapping[int, list[int]],
) -> str | None:
    cols = row_cols.get(row, [])
    if len(cols) != 1:
        return None
    merge = origin.get((row, cols[0]))
    if merge is not None and merge.r1 - merge.r0 > 1:
        return None
    return live[(row, cols[0])]


def _block(
    name: str,
    start: int,
    stop: int,
    live: Mapping[tuple[int, int], str],
    origin: Mapping[tuple[int, int], Merge],
    covered: Mapping[tuple[int, int], Merge],
    row_cols: Mapping[int, list[int]],
    limit: tuple[str, int],
) -> list[Block]:
    head: list[Paragraph] = []
    tail: list[Paragraph] = []
    while start < stop and (text := _single_text_row(start, live, origin, row_cols)) is not None:
        col = row_cols[start][0]
        head.append(Paragraph(text=text, ref=f"{name}!{_a1(start, col)}"))
        start += 1
    while stop > start and (text := _single_text_row(stop - 1, live, origin, row_cols)) is not None:
        col = row_cols[stop - 1][0]
        tail.insert(0, Paragraph(text=text, ref=f"{name}!{_a1(stop - 1, col)}"))
        stop -= 1
    blocks: list[Block] = list(head)
    if start < stop:
        blocks.append(_grid(name, start, stop, live, origin, covered, row_cols, limit, unit_hint=_last_unit(head)))
    blocks.extend(tail)
    return blocks


def _last_unit(paragraphs: list[Paragraph]) -> str | None:
    for paragraph in reversed(paragraphs):
        unit = unit_in(paragraph.text)
        if unit:
            return unit
    return None


def _grid(
    name: str,
    start: int,
    stop: int,
    live: Mapping[tuple[int, int], str],
    origin: Mapping[tuple[int, int], Merge],
    covered: Mapping[tuple[int, int], Merge],
    row_cols: Mapping[int, list[int]],
    limit: tuple[str, int],
    *,
    unit_hint: str | None,
) -> Grid:
    left = (
        min(c for r in range(start, stop) for c in row_cols.get(r, []))
        if any(row_cols.get(r) for r in range(start, stop))
        else 0
    )
    right = left + 1
    origin_at = origin.get
    for r in range(start, stop):
        for c in row_cols.get(r, ()):
            merge = origin_at((r, c))
            end = merge.c1 if merge else c + 1
            if end > right:
                right = end
    path, max_cells = limit
    if (stop - start) * (right - left) > max_cells:
        place = f"{name}!{_a1(start, left)}:{_a1(stop - 1, right - 1)}"
        area = (stop - start) * (right - left)
        raise LimitExceeded(
            f"a table spanning {area:,} cells, more than the limit of {max_cells:,}", path=path, place=place
        )
    # every merge meeting the block, clipped to it and anchored at its first position inside
    anchors: dict[tuple[int, int], tuple[int, int, str]] = {}
    hidden: set[tuple[int, int]] = set()
    merged_rows: set[int] = set()  # rows with a position under a merge; the others take the quick way below
    for merge in {id(m): m for m in covered.values()}.values():
        r0, c0 = max(merge.r0, start), max(merge.c0, left)
        r1, c1 = min(merge.r1, stop), min(merge.c1, right)
        if r0 >= r1 or c0 >= c1:
            continue
        anchors[(r0, c0)] = (r1, c1, live.get((merge.r0, merge.c0), ""))
        hidden.update(product(range(r0, r1), range(c0, c1)))
        merged_rows.update(range(r0, r1))
    letters = {c: f"{name}!{col_letter(c)}" for c in range(left, right)}
    text_at = live.get
    anchor_at = anchors.get
    make = Cell
    rows: list[list[Cell]] = []
    for r in range(start, stop):
        line: list[Cell] = []
        number = r + 1
        row = r - start
        if r not in merged_rows:  # every position a cell of its own (for speed: one comprehension)
            suffix = str(number)
            rows.append([make(text_at((r, c), ""), row, c - left, 1, 1, letters[c] + suffix) for c in range(left, right)])
            continue
        for c in range(left, right):
            position = (r, c)
            if position in hidden:
                anchor = anchor_at(position)
                if anchor is not None:
                    r1, c1, text = anchor
                    ref = f"{letters[c]}{number}:{letters[c1 - 1].rpartition('!')[2]}{r1}"
                    line.append(make(text, row, c - left, r1 - r, c1 - c, ref))
            else:
                line.append(make(text_at(position, ""), row, c - left, 1, 1, f"{letters[c]}{number}"))
        rows.append(line)
    ref = f"{name}!{_a1(start, left)}:{_a1(stop - 1, right - 1)}"
    return Grid(rows=rows, ref=ref, unit_hint=unit_hint)
