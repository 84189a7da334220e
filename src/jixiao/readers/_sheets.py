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
from operator import attrgetter

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
    starts: dict[int, dict[int, Merge]] = {}  # row -> column -> the merge whose top-left is there
    over_row: dict[int, list[Merge]] = {}  # row -> those of them over it (for speed: no position sets)
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
        if area > 1:
            if _overlaps(merge, over_row):
                continue  # overlapping merges (Excel writes none): the first one listed holds the positions
            for r in range(merge.r0, merge.r1):
                over_row.setdefault(r, []).append(merge)
        starts.setdefault(merge.r0, {})[merge.c0] = merge
    # the printed texts by row and column (for speed: no position tuples to make in the loops below); a
    # merged range whose top-left is empty is no content; content hidden under a merge is not printed
    by_row: dict[int, dict[int, str]] = {}
    for position, text in texts.items():
        if not text.strip():
            continue
        r, c = position
        merged = over_row.get(r)
        if merged is not None and _hidden(merged, r, c):
            continue
        line = by_row.get(r)
        if line is None:
            by_row[r] = {c: text}
        else:
            line[c] = text
    # rows a non-empty merged cell reaches are occupied too (a vertical merge does not split a table)
    occupied = set(by_row)
    for r0, row_starts in starts.items():
        line = by_row.get(r0, _NO_TEXTS)
        for c0, merge in row_starts.items():
            if c0 in line:
                occupied.update(range(merge.r0, merge.r1))
    under_merge = {
        r for row_starts in starts.values() for merge in row_starts.values() for r in range(merge.r0 + 1, merge.r1)
    }
    for merged in over_row.values():
        merged.sort(key=_FIRST_COLUMN)
    sheet_rows = _SheetRows(name, by_row, starts, over_row)
    blocks: list[Block] = []
    for run_start, run_stop in _runs(sorted(occupied)):
        for start, stop in _split_at_titles(run_start, run_stop, sheet_rows, ruled, under_merge):
            blocks.extend(_block(sheet_rows, start, stop, (path, max_cells)))
    return blocks


def _overlaps(merge: Merge, over_row: Mapping[int, list[Merge]]) -> bool:
    """Whether a merge shares a position with one already taken (``over_row``: the taken ones by row)."""
    for r in range(merge.r0, merge.r1):
        for other in over_row.get(r, ()):
            if other.c0 < merge.c1 and merge.c0 < other.c1:
                return True
    return False


def _hidden(merged: list[Merge], r: int, c: int) -> bool:
    """Whether position (r, c) lies under one of the merges over its row, other than at its top-left."""
    for merge in merged:
        if merge.c0 <= c < merge.c1:
            return c != merge.c0 or r != merge.r0
    return False


_NO_TEXTS: dict[int, str] = {}
_FIRST_COLUMN = attrgetter("c0")
_NO_MERGES: dict[int, Merge] = {}


@dataclass(frozen=True, slots=True)
class _SheetRows:
    """A sheet's printed texts and merges by row, as the blocks are cut from them."""

    name: str  # as quoted in refs
    texts: dict[int, dict[int, str]]  # row -> column -> printed text (not blank, not under a merge)
    starts: dict[int, dict[int, Merge]]  # row -> column -> the merge whose top-left is there
    over_row: dict[int, list[Merge]]  # row -> the merges of more than one position over it, left to right

    def single_text(self, row: int) -> tuple[int, str] | None:
        """The column and text of a row holding one text, not merged down over the rows below."""
        line = self.texts.get(row)
        if line is None or len(line) != 1:
            return None
        ((col, text),) = line.items()
        merge = self.starts.get(row, _NO_MERGES).get(col)
        if merge is not None and merge.r1 - merge.r0 > 1:
            return None
        return col, text


def _split_at_titles(
    start: int, stop: int, rows: _SheetRows, ruled: Collection[tuple[int, int]], under_merge: Collection[int]
) -> Iterable[tuple[int, int]]:
    """Rows ``start..stop`` cut before and after each unruled single-text row that lies between ruled rows."""
    if not ruled:
        yield start, stop
        return
    cut = start
    for row in range(start + 1, stop - 1):
        if row in under_merge or (single := rows.single_text(row)) is None or (row, single[0]) in ruled:
            continue
        if any((r, c) in ruled for r in (row - 1, row + 1) for c in rows.texts.get(r, _NO_TEXTS)):
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


def _block(rows: _SheetRows, start: int, stop: int, limit: tuple[str, int]) -> list[Block]:
    head: list[Paragraph] = []
    tail: list[Paragraph] = []
    while start < stop and (single := rows.single_text(start)) is not None:
        col, text = single
        head.append(Paragraph(text=text, ref=f"{rows.name}!{_a1(start, col)}"))
        start += 1
    while stop > start and (single := rows.single_text(stop - 1)) is not None:
        col, text = single
        tail.insert(0, Paragraph(text=text, ref=f"{rows.name}!{_a1(stop - 1, col)}"))
        stop -= 1
    blocks: list[Block] = list(head)
    if start < stop:
        blocks.append(_grid(rows, start, stop, limit, unit_hint=_last_unit(head)))
    blocks.extend(tail)
    return blocks


def _last_unit(paragraphs: list[Paragraph]) -> str | None:
    for paragraph in reversed(paragraphs):
        unit = unit_in(paragraph.text)
        if unit:
            return unit
    return None


def _grid(rows: _SheetRows, start: int, stop: int, limit: tuple[str, int], *, unit_hint: str | None) -> Grid:
    name, by_row = rows.name, rows.texts
    left = right = -1
    for r in range(start, stop):
        printed = by_row.get(r)
        if not printed:
            continue
        low = min(printed)
        if left < 0 or low < left:
            left = low
        end = max(printed) + 1
        for c, merge in rows.starts.get(r, _NO_MERGES).items():
            if merge.c1 > end and c in printed:
                end = merge.c1
        if end > right:
            right = end
    if left < 0:
        left, right = 0, 1
    path, max_cells = limit
    if (stop - start) * (right - left) > max_cells:
        place = f"{name}!{_a1(start, left)}:{_a1(stop - 1, right - 1)}"
        area = (stop - start) * (right - left)
        raise LimitExceeded(
            f"a table spanning {area:,} cells, more than the limit of {max_cells:,}", path=path, place=place
        )
    letters = {c: f"{name}!{col_letter(c)}" for c in range(left, right)}
    make = Cell
    cells: list[list[Cell]] = []
    for r in range(start, stop):
        row = r - start
        suffix = str(r + 1)
        text_at = by_row.get(r, _NO_TEXTS).get
        merged = rows.over_row.get(r)
        if merged is None:  # every position a cell of its own (for speed: one comprehension)
            cells.append([make(text_at(c, ""), row, c - left, 1, 1, letters[c] + suffix) for c in range(left, right)])
            continue
        # the merges over the row, clipped to the block: each shows once, at its first position inside
        line: list[Cell] = []
        col = left
        for merge in merged:
            c0, c1 = max(merge.c0, left), min(merge.c1, right)
            if c0 >= c1:
                continue
            for c in range(col, c0):  # the positions before the merge
                line.append(make(text_at(c, ""), row, c - left, 1, 1, letters[c] + suffix))
            if r == merge.r0 or r == start:
                height = min(merge.r1, stop) - r
                text = by_row.get(merge.r0, _NO_TEXTS).get(merge.c0, "")
                ref = f"{letters[c0]}{suffix}:{col_letter(c1 - 1)}{r + height}"
                line.append(make(text, row, c0 - left, height, c1 - c0, ref))
            col = c1
        for c in range(col, right):
            line.append(make(text_at(c, ""), row, c - left, 1, 1, letters[c] + suffix))
        cells.append(line)
    ref = f"{name}!{_a1(start, left)}:{_a1(stop - 1, right - 1)}"
    return Grid(rows=cells, ref=ref, unit_hint=unit_hint)
