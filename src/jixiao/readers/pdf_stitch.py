"""A table over several pages: which part continues which, and the one grid they make.

A table that ends low on a page (or where the block opening the next page would not have fitted) is
continued by the first table of the next page when their columns match by the x-positions of their edges;
repeated header rows are dropped, the column lines of all parts are unified (so a part without the
leftmost column lands in the right columns), and a cell at the top of a page that continues a cell cut by
the page break (no rule between them, or its text repeated, or empty under a merged cell) extends that
cell. A row the break cut in two (its texts running on from full lines at the foot of the cells above) is
one row again.
"""

from __future__ import annotations

import re

from jixiao.errors import LimitExceeded
from jixiao.grid import Cell, Grid
from jixiao.readers.pdf_cells import HEAD_ROWS, SNAP, PdfCell, TablePart, edge_index, snap
from jixiao.readers.pdf_lines import join_wrapped, soft_wrap

_LEFT_PADDING = 0.75  # em: a cell's text starts this close to its left rule when set flush left (5.4 pt in Word)

__all__ = ["build_grid", "continues", "cut_by_the_break", "cut_off_cells", "header_rows", "norm", "row_signature"]


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def continues(previous: TablePart, following: TablePart, body_bottom: float | None = None, skip: int = 0) -> bool:
    """``following`` (first item of its page) continues ``previous`` (last item of the page before).

    The table above must reach the lower part of its page, or stop where the row that opens the page
    after it (after ``skip`` repeated header rows, with the cells merged down from it) would not have
    fitted above ``body_bottom``, the lowest the document's text and tables reach on a page: a row that may
    not split, or a merged block, moved whole to the next page. The columns are matched by the x-positions of their edges, never by index: a
    continuation page may leave out the leftmost label column or add a spacer column, but most of its
    column edges stand where edges of the table above stand (or its frame is the same as the one above,
    whose inner columns may differ under merged cells). A table whose first ruled row is a form's own
    title (``…绩效目标表``) starts a new form."""
    if _starts_a_form(following):
        return False
    if previous.bbox[3] < 0.7 * previous.page_height and (
        body_bottom is None or not _moved_row(following, skip, body_bottom - previous.bbox[3])
    ):
        return False
    if abs(previous.bbox[0] - following.bbox[0]) <= 2 * SNAP and abs(previous.bbox[2] - following.bbox[2]) <= 2 * SNAP:
        return True  # the same frame (its inner columns may split or join, as under a merged header)
    above = _edges(previous)
    edges = _edges(following)
    shared = sum(1 for x in edges if any(abs(x - y) <= 2 * SNAP for y in above))
    return shared >= 2 and shared >= 0.75 * len(edges)


def _moved_row(part: TablePart, row: int, room: float) -> bool:
    """Row ``row`` of ``part``, with the cells merged down from it, is taller than ``room``: it could not
    have been printed there (a block under a merged label moves to the next page as one)."""
    tops = [cell.top for cell in part.cells if cell.r0 == row]
    bottoms = [cell.bottom for cell in part.cells if cell.r0 == row]
    return bool(tops) and max(bottoms) - min(tops) > room


def cut_by_the_break(previous: TablePart, following: TablePart) -> bool:
    """The page break runs through the table: cells of the part above stay open at its bottom, or cells of
    the part below are open at its top."""
    bottom, top = previous.bbox[3], following.bbox[1]
    return any(cell.open_bottom and abs(cell.bottom - bottom) <= SNAP for cell in previous.cells) or any(
        cell.open_top and abs(cell.top - top) <= SNAP for cell in following.cells
    )


def _edges(part: TablePart) -> list[float]:
    return snap([x for cell in part.cells for x in (cell.x0, cell.x1)])


_FORM_TITLE = re.compile(r"表(?:[（(][^）)]*[）)])?$")


def _starts_a_form(part: TablePart) -> bool:
    """The first ruled row is one cell across the table holding a form's title."""
    first = [cell for cell in part.cells if cell.r0 == 0]
    n_cols = max((cell.c1 for cell in part.cells), default=0)
    if len(first) != 1 or first[0].c0 != 0 or first[0].c1 != n_cols or first[0].r1 != 1:
        return False
    return bool(_FORM_TITLE.search(norm(first[0].text)))


def row_signature(part: TablePart, row: int) -> list[str]:
    return [re.sub(r"\s+", "", cell.text) for cell in part.cells if cell.r0 == row]


def header_rows(part: TablePart, earlier: list[list[str]]) -> int:
    """How many leading rows of a continuation repeat rows of the parts before it (a repeated header, one
    or more rows): every cell starting in them must also end in them."""
    best = 0
    for k in range(1, min(part.n_rows, HEAD_ROWS)):
        signatures = [row_signature(part, row) for row in range(k)]
        if not any(signatures[0]):
            break
        if any(cell.r1 > k for cell in part.cells if cell.r0 < k):
            continue
        if any(earlier[i : i + k] == signatures for i in range(len(earlier) - k + 1)):
            best = k
    return best


def _stitch(parts: list[TablePart]) -> list[tuple[TablePart, int, list[PdfCell]]]:
    """Rows of a table over several pages: for each part, its row offset and the cells it keeps."""
    placed: list[tuple[TablePart, int, list[PdfCell]]] = []
    offset = 0
    earlier_rows: list[list[str]] = []
    for index, part in enumerate(parts):
        skip = header_rows(part, earlier_rows) if index > 0 else 0
        cells = [cell for cell in part.cells if cell.r0 >= skip]
        earlier_rows.extend(row_signature(part, row) for row in range(part.n_rows))
        placed.append((part, offset - skip, cells))
        offset += part.n_rows - skip
    return placed


def _carry_over_missing_columns(
    cells: list[PdfCell],
    start: int,
    offset: int,
    xs: list[float],
    by_bottom: dict[tuple[int, int, int], tuple[Cell, PdfCell]],
    open_below: set[int],
) -> None:
    """A continuation page printed without the columns of a block left open above (the leftmost label
    column, say): its rows still lie inside that block, which runs on over them."""
    covered = {c for cell in cells for c in range(edge_index(xs, cell.x0), edge_index(xs, cell.x1))}
    end = max(cell.r1 for cell in cells) + offset
    for (bottom, c0, c1), (above, piece) in list(by_bottom.items()):
        if bottom == start and id(above) in open_below and not covered.intersection(range(c0, c1)):
            above.rowspan = end - above.row
            del by_bottom[(bottom, c0, c1)]
            by_bottom[(end, c0, c1)] = (above, piece)


def _filled(above: PdfCell) -> bool:
    """``above``, at the foot of its page's part of a table, holds lines down to its bottom, with no room
    for another: the page break may have cut its text. One line alone must start at the cell's left
    padding (a short text centred in a narrow column shows no wrap, whatever room it leaves)."""
    last = above.last_line
    if last is None or above.bottom - last.bottom >= last.size:
        return False
    return not above.lone_line or last.x0 - above.x0 <= _LEFT_PADDING * last.size


def runs_on(above: PdfCell, below: PdfCell) -> bool:
    """The text of ``above``, at the foot of its page's part of a table, is cut by the page break and goes
    on in ``below``, at the head of the next part: its lines fill it to its bottom and the last is full (the
    first piece of ``below``'s text would not have fitted after it)."""
    last, first = above.last_line, below.first_line
    return last is not None and first is not None and _filled(above) and soft_wrap(last, first, above.right)


def _split_row(
    cells: list[PdfCell],
    row: int,
    offset: int,
    xs: list[float],
    by_bottom: dict[tuple[int, int, int], tuple[Cell, PdfCell]],
) -> bool:
    """Row ``row`` of a continuation part is the rest of the row cut by the page break: each of its cells
    with text stands under a cell filled to its bottom, and the text of one at least runs on from the cell
    above mid-line (see :func:`runs_on`; the others were cut between two paragraphs). Under a cell of one
    line each text must run on: a row of one-line cells shows nothing else of a cut."""
    found = False
    for cell in cells:
        if cell.r0 != row or not cell.text.strip():
            continue
        above = by_bottom.get((row + offset, edge_index(xs, cell.x0), edge_index(xs, cell.x1)))
        if above is None or not _filled(above[1]):
            return False
        running = runs_on(above[1], cell)
        if above[1].lone_line and not running:
            return False  # one full line over a new text is as likely a row of its own: each must run on
        found = found or running
    return found


_SENTENCE_END = frozenset("。；;！!？?")
_RUNNING_TEXT = 8.0  # em: a line this wide is running text, not a label wrapped in a narrow column


def cut_off_cells(part: TablePart, following: TablePart | None) -> list[PdfCell]:
    """Cells at the foot of ``part`` (the last thing on its page) whose text the page break cut, with no
    cell at the head of ``following`` (the table's next part, if any) taking it up: a cell too full for its
    page, whose rest the PDF may not hold (LibreOffice clips a cell taller than the page). Its lines fill it
    to the bottom, they are running text (wider than a label's column), and the last is full and stops
    mid-sentence."""
    taken: set[int] = set()
    if following is not None:
        for below in following.cells:
            if below.first_line is None:
                continue
            for cell in part.cells:
                if abs(cell.x0 - below.x0) <= 2 * SNAP and abs(cell.x1 - below.x1) <= 2 * SNAP and runs_on(cell, below):
                    taken.add(id(cell))
    return [cell for cell in part.cells if id(cell) not in taken and _looks_cut(cell)]


def _looks_cut(cell: PdfCell) -> bool:
    last = cell.last_line
    if last is None or cell.lone_line or not _filled(cell):
        return False
    return (
        last.x1 - last.x0 >= _RUNNING_TEXT * last.size
        and cell.right - last.x1 <= 1.2 * last.size
        and last.text[-1:] not in _SENTENCE_END
    )


def build_grid(parts: list[TablePart], unit_hint: str | None, max_cells: int, name: str, counted: list[int]) -> Grid:
    xs = snap([v for part in parts for cell in part.cells for v in (cell.x0, cell.x1)])
    placed = _stitch(parts)
    grid_cells: list[Cell] = []
    # (last row + 1, c0, c1) → the cell reaching that row, and the piece of it printed last
    by_bottom: dict[tuple[int, int, int], tuple[Cell, PdfCell]] = {}
    open_below: set[int] = set()  # ids of cells without a rule below them
    joined_rows = 0  # rows cut by a page break and made one again, so far
    for part_index, (part, start, cells) in enumerate(placed):
        offset = start - joined_rows
        first_row = min((cell.r0 for cell in cells), default=0)
        split = False
        if part_index > 0 and cells:
            _carry_over_missing_columns(cells, offset + first_row, offset, xs, by_bottom, open_below)
            split = _split_row(cells, first_row, offset, xs, by_bottom)
            joined_rows += split
        for cell in cells:
            c0, c1 = edge_index(xs, cell.x0), edge_index(xs, cell.x1)
            r0 = cell.r0 + offset
            r1 = cell.r1 + offset
            # the rest of a cut row is the row above: the part's rows move up by one
            if split and cell.r0 != first_row:
                r0, r1 = r0 - 1, r1 - 1
            elif split and (r0, c0, c1) not in by_bottom:
                if cell.r1 - cell.r0 == 1:
                    continue  # an empty cell beside the cut row's cells (those with text all go on above)
                r1 -= 1  # it starts on the row after the cut one
            elif part_index > 0 and cell.r0 == first_row and (r0, c0, c1) in by_bottom:
                # a merged cell cut by the page break: its text repeated under the cell above, or empty under
                # it where one part spans rows (an empty cell under a one-row cell, a header's, say, is a
                # cell of its own); or the page break runs through it (no rule below it, none above its
                # rest), or through the row it belongs to, its text running on from the cell above: one cell
                above, piece = by_bottom[(r0, c0, c1)]
                through = id(above) in open_below and cell.open_top
                repeated = bool(above.text.strip()) and (
                    norm(cell.text) == norm(above.text)
                    or (not norm(cell.text) and (above.rowspan > 1 or cell.r1 - cell.r0 > 1))
                )
                # Calc prints a merged range's text at the middle of the whole range, on the page that holds
                # it only: the part above the break is an empty merged cell, the label opens the next page
                moved = not above.text.strip() and above.rowspan > 1 and cell.r1 - cell.r0 > 1 and bool(norm(cell.text))
                if through or split or repeated or moved:
                    if norm(cell.text) not in ("", norm(above.text)):
                        # a space the line ended with, kept after an ASCII mark (``; ``), never between CJK
                        space = (
                            piece.last_line is not None and piece.last_line.space_after and above.text[-1:].isascii()
                        )
                        above.text = join_wrapped(above.text, cell.text, space=space) if above.text else cell.text
                    end = r1 - 1 if split else r1
                    above.rowspan = end - above.row
                    del by_bottom[(r0, c0, c1)]
                    by_bottom[(end, c0, c1)] = (above, cell)
                    if not cell.open_bottom:
                        open_below.discard(id(above))
                    continue
            ref = f"page {part.page} table {part.number} r{cell.r0 + 1}c{cell.c0 + 1}"
            made = Cell(cell.text, r0, c0, r1 - r0, max(c1 - c0, 1), ref)
            grid_cells.append(made)
            if cell.open_bottom:
                open_below.add(id(made))
            by_bottom[(r1, c0, c1)] = (made, cell)
            counted[0] += 1
            if counted[0] > max_cells:
                raise LimitExceeded(f"more than the limit of {max_cells:,} table cells", path=name, place=ref)
    n_rows = max((made.row + made.rowspan for made in grid_cells), default=0)
    rows: list[list[Cell]] = [[] for _ in range(n_rows)]
    for made in grid_cells:
        rows[made.row].append(made)
    for row in rows:
        row.sort(key=lambda made: made.col)
    first, last = parts[0], parts[-1]
    pages = f"page {first.page}" if first.page == last.page else f"pages {first.page}-{last.page}"
    return Grid(rows=rows, ref=f"{pages} table {first.number}", unit_hint=unit_hint)
