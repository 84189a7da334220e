"""A table's cells on one page, with the characters printed in each.

The cell rectangles of a ruled (or text-aligned) table are put on the grid of their distinct edges, so that
a merged cell gets its rowspan and colspan; each character goes to the cell its centre falls into. Two
kinds of text printed outside its cell's rectangle are brought back: text past the table's open edge (a
merged cell cut by the page break, its text centred over the break) and the clipped tail of a cell's text
that overflowed into the cell below.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from jixiao.readers.pdf_lines import Line, cell_text, group_lines, inner_right
from jixiao.readers.pdf_page import Char
from jixiao.readers.pdf_rulings import RuledTable

_ACROSS = 0.25  # em: a character this far past a rule is cut by it
_TOUCH = 0.06  # em: text this close to a rule touches it (cell padding keeps a cell's own text further off)
_TOUCH_LINE = 0.25  # em: a line starting this close under a table's bottom rule may have run out of its last row

__all__ = ["HEAD_ROWS", "PAGE_NUMBER", "SNAP", "PdfCell", "TablePart", "edge_index", "place_table", "snap"]

SNAP = 2.0  # points: cell edges closer than this are the same grid line
HEAD_ROWS = 4  # a part's body starts in one of its first rows, under at most three repeated header rows
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class PdfCell:
    x0: float
    top: float
    x1: float
    bottom: float
    r0: int
    r1: int
    c0: int
    c1: int
    chars: list[Char] = field(default_factory=list)
    text: str = ""
    open_top: bool = False  # no rule above: it may continue a cell of the page before
    open_bottom: bool = False  # no rule below: it continues on the next page
    # in the table's first rows, the first line of its text; at the bottom, the last, whether it is the only one,
    # and how far lines may reach (whether text cut by a page break runs on from one page to the next)
    first_line: Line | None = None
    last_line: Line | None = None
    lone_line: bool = False
    right: float = 0.0


@dataclass(slots=True)
class TablePart:
    """One table as found on one page."""

    page: int
    number: int  # 1-based index of the table on its page
    bbox: tuple[float, float, float, float]
    page_height: float
    n_rows: int
    cells: list[PdfCell]
    stray: list[str] = field(default_factory=list)  # lines inside the frame but in no cell


def snap(values: list[float]) -> list[float]:
    lines: list[float] = []
    for value in sorted(values):
        if lines and value - lines[-1] <= SNAP:
            continue
        lines.append(value)
    return lines


def edge_index(lines: list[float], value: float) -> int:
    position = bisect_right(lines, value + SNAP) - 1
    return max(position, 0)


def place_table(
    page_number: int, number: int, table: RuledTable, height: float, chars: list[Char]
) -> tuple[TablePart, list[Char]]:
    """A table's cells on the grid of its distinct edges, with the characters inside each; returns the rest."""
    rects = [cell for cell in table.cells if cell.x1 - cell.x0 > 0.5 and cell.bottom - cell.top > 0.5]
    xs = snap([v for cell in rects for v in (cell.x0, cell.x1)])
    ys = snap([v for cell in rects for v in (cell.top, cell.bottom)])
    cells: list[PdfCell] = []
    owner: dict[tuple[int, int], PdfCell] = {}
    for rect in rects:
        c0, c1, r0, r1 = (
            edge_index(xs, rect.x0),
            edge_index(xs, rect.x1),
            edge_index(ys, rect.top),
            edge_index(ys, rect.bottom),
        )
        if c1 <= c0 or r1 <= r0 or any((r, c) in owner for r in range(r0, r1) for c in range(c0, c1)):
            continue
        cell = PdfCell(
            rect.x0,
            rect.top,
            rect.x1,
            rect.bottom,
            r0,
            r1,
            c0,
            c1,
            open_top=rect.open_top,
            open_bottom=rect.open_bottom,
        )
        cells.append(cell)
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner[(r, c)] = cell
    rest: list[Char] = []
    stray: list[Char] = []  # inside the table's frame, in no cell: kept as page text, and named
    left, top, right, bottom = table.bbox
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        if left <= cx <= right and top <= cy <= bottom:
            r, c = bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1
            found = owner.get((r, c))
            if found is not None:
                found.chars.append(char)
                continue
            stray.append(char)
        rest.append(char)
    rest = _take_spill(cells, table.bbox, rest)
    rest = _take_run_out(cells, table.bbox, rest)
    _return_overflow(cells, owner)
    _return_run_over(cells, owner, ys)
    for cell in cells:
        lines = group_lines(cell.chars)
        cell.text = cell_text(lines, cell.x0, cell.x1)
        if lines and cell.r0 < HEAD_ROWS:
            cell.first_line = lines[0]
        if lines and abs(cell.bottom - bottom) <= SNAP:
            cell.last_line, cell.right, cell.lone_line = (
                lines[-1],
                inner_right(lines, cell.x0, cell.x1),
                len(lines) == 1,
            )
    cells.sort(key=lambda cell: (cell.r0, cell.c0))
    part = TablePart(page_number, number, table.bbox, height, max(len(ys) - 1, 0), cells)
    part.stray = [line.text for line in group_lines(stray)]
    return part, rest


def _take_spill(cells: list[PdfCell], bbox: tuple[float, float, float, float], chars: list[Char]) -> list[Char]:
    """Give open cells the text printed just past the table's ruled edge; return the other characters.

    A merged cell cut by the page break has no rule at the table's bottom (or top), and its text is often
    centred over the break: part of it below the last rule of this page, part above the first rule of the
    next, even over the page edge. Lines next to the table, whose characters all stand in the columns of
    such open cells, belong to them (walking away from the table, until a line that does not)."""
    left, top, right, bottom = bbox
    below = [cell for cell in cells if cell.open_bottom and abs(cell.bottom - bottom) <= SNAP]
    above = [cell for cell in cells if cell.open_top and abs(cell.top - top) <= SNAP]
    if not below and not above:
        return chars
    outside = [ch for ch in chars if left <= (ch["x0"] + ch["x1"]) / 2 <= right]
    lines = group_lines(outside)
    taken: set[int] = set()
    for open_cells, run in (
        (below, sorted((line for line in lines if line.top >= bottom - 1), key=lambda line: line.top)),
        (above, sorted((line for line in lines if line.bottom <= top + 1), key=lambda line: -line.bottom)),
    ):
        for line in run:
            if PAGE_NUMBER.match(re.sub(r"\s+", "", line.text)):
                break
            owners = [_column_owner(open_cells, ch) for ch in line.chars]
            if not open_cells or any(owner is None for owner in owners):
                break
            for char, owner in zip(line.chars, owners, strict=True):
                if owner is not None:
                    owner.chars.append(char)
                    taken.add(id(char))
    if not taken:
        return chars
    return [ch for ch in chars if id(ch) not in taken]


def _take_run_out(cells: list[PdfCell], bbox: tuple[float, float, float, float], chars: list[Char]) -> list[Char]:
    """Give the cells of the table's last row the text that ran out of them over its bottom rule.

    A row cut by the page break that holds more text than the page has room for (or a sliver of a row
    left at the page's foot) has its text printed on past the rule: a line that starts above the table's
    bottom rule and ends below it, over cells of the last row, is theirs (each character to the cell over
    it), not a paragraph under the table."""
    left, _, right, bottom = bbox
    last_row = [cell for cell in cells if abs(cell.bottom - bottom) <= SNAP]
    below = [
        ch
        for ch in chars
        if left <= (ch["x0"] + ch["x1"]) / 2 <= right and ch["top"] < bottom + _TOUCH_LINE * ch["size"] < ch["bottom"]
    ]
    if not last_row or not below:
        return chars
    taken: set[int] = set()
    for line in group_lines(below):
        owners = [_column_owner(last_row, ch) for ch in line.chars]
        if any(owner is None for owner in owners):
            continue
        # printed across the rule; or right under it, from a sliver of a row too short for any line, whose
        # cells hold nothing else (a row the page break cut after its first points)
        across = line.top < bottom - 0.15 * line.size
        sliver = all(not owner.chars and owner.bottom - owner.top < 0.5 * line.size for owner in owners if owner)
        if not across and not sliver:
            continue
        for char, owner in zip(line.chars, owners, strict=True):
            if owner is not None:
                owner.chars.append(char)
                taken.add(id(char))
    return [ch for ch in chars if id(ch) not in taken] if taken else chars


def _return_overflow(cells: list[PdfCell], owner: dict[tuple[int, int], PdfCell]) -> None:
    """Give back to the cell above the tail of its text that ran over its bottom rule.

    A cell too small for its text has it clipped by the viewer, but the text layer keeps the overflow: a
    line starting above this cell's top rule and overlapping this cell's own first line is no line of this
    cell (two lines of one cell never overlap) but the last line of the cell above."""
    for cell in cells:
        if not cell.chars or min(ch["top"] for ch in cell.chars) >= cell.top or cell.r0 == 0:
            continue
        above = owner.get((cell.r0 - 1, cell.c0))
        if above is None or above is cell or (above.x0, above.x1) != (cell.x0, cell.x1):
            continue
        lines = group_lines(cell.chars)
        for first, second in pairwise(lines):
            if first.top < cell.top and second.top < first.bottom - 0.3 * first.size:
                moved = {id(ch) for ch in first.chars}
                above.chars.extend(first.chars)
                cell.chars = [ch for ch in cell.chars if id(ch) not in moved]
                break


def _return_run_over(cells: list[PdfCell], owner: dict[tuple[int, int], PdfCell], ys: list[float]) -> None:
    """Text running past its ruled column stays with the cell where it starts.

    A label too long for its column is clipped by the viewer, but its text layer runs on across the rule into
    the next cell. A character of the cell on the left cut by the rule (a quarter of it past the rule; text
    set tight against a rule only touches it), followed without a gap by the first character of a line here,
    is one run with that line: the run goes back to the cell on the left, up to the first gap."""
    for cell in cells:
        if not cell.chars or cell.c0 == 0:
            continue
        lefts = {id(found): found for r in range(cell.r0, cell.r1) if (found := owner.get((r, cell.c0 - 1)))}
        if not any(_cut_by(ch, cell.x0) for left in lefts.values() for ch in left.chars):
            continue  # nothing on the left crosses this cell's rule (the common case: no lines to group)
        for line in group_lines(cell.chars):
            first = line.chars[0]
            size = max(first["size"], 1.0)
            row = bisect_right(ys, (first["top"] + first["bottom"]) / 2) - 1
            left = owner.get((row, cell.c0 - 1))
            if left is None or left is cell:
                continue
            if not any(_cut_by(ch, cell.x0) and _runs_into(ch, first) for ch in left.chars):
                continue
            run = [first]
            for a, b in pairwise(line.chars):
                if a is not run[-1] or b["x0"] - a["x1"] > 0.3 * size:
                    break
                run.append(b)
            moved = {id(ch) for ch in run}
            left.chars.extend(run)
            cell.chars = [ch for ch in cell.chars if id(ch) not in moved]


def _cut_by(char: Char, rule: float) -> bool:
    """A printed character (not a space standing for a gap) reaching a quarter of itself past ``rule``."""
    return not char["text"].isspace() and char["x1"] >= rule + _ACROSS * max(char["size"], 1.0)


def _runs_into(char: Char, following: Char) -> bool:
    """``following`` goes on from ``char`` on its line, without a gap."""
    size = max(char["size"], 1.0)
    return abs(char["top"] - following["top"]) <= 0.3 * size and abs(following["x0"] - char["x1"]) <= _TOUCH * size


def _column_owner(cells: list[PdfCell], char: Char) -> PdfCell | None:
    middle = (char["x0"] + char["x1"]) / 2
    return next((cell for cell in cells if cell.x0 <= middle <= cell.x1), None)
