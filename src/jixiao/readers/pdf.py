"""Read a PDF into a :class:`~jixiao.grid.SourceDocument` with pdfplumber.

What the reader does, page by page (pages are opened lazily, after the page count has been checked against
``limits.max_pages``, and the file's time budget ``limits.max_seconds`` is checked after each page):

- **Tables.** ``find_tables`` with ruling lines first. A page without ruled tables, where two or more lines
  hold column gaps, falls back to the text strategy; its table is trimmed to the rows from the first to the
  last with two or more filled cells (no empty rows or columns) and kept only if most rows are such. The
  grid is rebuilt from the *cell
  rectangles* pdfplumber finds, not from its ``None``-padded rows: the distinct cell edges give the column
  and row lines, so a merged cell gets its true ``rowspan``/``colspan``.
- **Cell text.** Characters are placed by their centre. Lines inside a cell are joined *without* a space
  when the break was a soft wrap (CJK and digits: ``37,000,00`` + ``0.00`` → ``37,000,000.00``; Latin words
  keep their space, and so does a space character printed at the end of the line, where LibreOffice wraps
  after ``; `` or ``， ``) and kept as ``\\n`` when the line ended early, which is a break the author typed. A gap
  between two characters becomes a space only when it is wider than justification spacing.
- **Tables over several pages.** A table that ends low on a page and one that starts the next page at the
  same horizontal position (after nothing, or after a repeat of the first table's caption lines, in which
  case the header rows must repeat too) are stitched into one grid: the column lines are unified, repeated
  header rows are dropped, and a cell at the top of the page that is empty, or repeats the text of a merged
  cell reaching the bottom of the previous page, extends that cell (a merge broken by the page break).
- **Text outside tables** becomes paragraphs in reading order (by vertical position): lines are joined into
  a paragraph while they wrap softly, across a page break too; a line of columns (wide gaps) stands alone.
  Page headers and footers (page numbers such as ``- 3 -`` / ``第3页`` at the page edge, or the same text at
  the top or bottom of most pages) are dropped; a money unit
  they state (``单位：万元``), or one printed above a table, goes into the table's ``Grid.unit_hint``.

Refs read ``page 3 table 1`` for a grid, ``page 3 table 1 r4c2`` for a cell (row and column 1-based within
that page's part of the table) and ``page 3 line 5`` for a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Block, Cell, Grid, Paragraph, SourceDocument
from jixiao.readers._guards import Deadline, check_size
from jixiao.readers._sheets import unit_in
from jixiao.readers.pdf_lines import NO_LINE_START, Line, cell_text, group_lines, join_wrapped, soft_wrap
from jixiao.readers.pdf_page import Char, PageContent, open_document, read_page
from jixiao.readers.pdf_rulings import RuledTable, find_ruled_tables
from jixiao.readers.pdf_textgrid import find_text_tables

if TYPE_CHECKING:
    from jixiao.readers.limits import Limits

__all__ = ["page_tables", "read_pdf"]


_SNAP = 2.0  # points: cell edges closer than this are the same grid line
_BAND = 0.08  # top and bottom fraction of a page where running headers and footers live
_EDGE = 0.15  # top and bottom fraction where a page number may sit (landscape pages put it higher)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------------------------
# tables


@dataclass(slots=True)
class _PdfCell:
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


@dataclass(slots=True)
class _Part:
    """One table as found on one page."""

    page: int
    number: int  # 1-based index of the table on its page
    bbox: tuple[float, float, float, float]
    page_height: float
    n_rows: int
    cells: list[_PdfCell]
    stray: list[str] = field(default_factory=list)  # lines inside the frame but in no cell


def _snap(values: list[float]) -> list[float]:
    lines: list[float] = []
    for value in sorted(values):
        if lines and value - lines[-1] <= _SNAP:
            continue
        lines.append(value)
    return lines


def _index(lines: list[float], value: float) -> int:
    position = bisect_right(lines, value + _SNAP) - 1
    return max(position, 0)


def _part(
    page_number: int, number: int, table: RuledTable, height: float, chars: list[Char]
) -> tuple[_Part, list[Char]]:
    """A table's cells on the grid of its distinct edges, with the characters inside each; returns the rest."""
    rects = [cell for cell in table.cells if cell.x1 - cell.x0 > 0.5 and cell.bottom - cell.top > 0.5]
    xs = _snap([v for cell in rects for v in (cell.x0, cell.x1)])
    ys = _snap([v for cell in rects for v in (cell.top, cell.bottom)])
    cells: list[_PdfCell] = []
    owner: dict[tuple[int, int], _PdfCell] = {}
    for rect in rects:
        c0, c1, r0, r1 = _index(xs, rect.x0), _index(xs, rect.x1), _index(ys, rect.top), _index(ys, rect.bottom)
        if c1 <= c0 or r1 <= r0 or any((r, c) in owner for r in range(r0, r1) for c in range(c0, c1)):
            continue
        cell = _PdfCell(
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
    _return_overflow(cells, owner)
    for cell in cells:
        cell.text = cell_text(group_lines(cell.chars), cell.x0, cell.x1)
    cells.sort(key=lambda cell: (cell.r0, cell.c0))
    part = _Part(page_number, number, table.bbox, height, max(len(ys) - 1, 0), cells)
    part.stray = [line.text for line in group_lines(stray)]
    return part, rest


def _take_spill(cells: list[_PdfCell], bbox: tuple[float, float, float, float], chars: list[Char]) -> list[Char]:
    """Give open cells the text printed just past the table's ruled edge; return the other characters.

    A merged cell cut by the page break has no rule at the table's bottom (or top), and its text is often
    centred over the break: part of it below the last rule of this page, part above the first rule of the
    next, even over the page edge. Lines next to the table, whose characters all stand in the columns of
    such open cells, belong to them (walking away from the table, until a line that does not)."""
    left, top, right, bottom = bbox
    below = [cell for cell in cells if cell.open_bottom and abs(cell.bottom - bottom) <= _SNAP]
    above = [cell for cell in cells if cell.open_top and abs(cell.top - top) <= _SNAP]
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
            if _PAGE_NUMBER.match(re.sub(r"\s+", "", line.text)):
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


def _return_overflow(cells: list[_PdfCell], owner: dict[tuple[int, int], _PdfCell]) -> None:
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


def _column_owner(cells: list[_PdfCell], char: Char) -> _PdfCell | None:
    middle = (char["x0"] + char["x1"]) / 2
    return next((cell for cell in cells if cell.x0 <= middle <= cell.x1), None)


# ---------------------------------------------------------------------------------------------------------
# pages


@dataclass(slots=True)
class _Text:
    page: int
    number: int  # 1-based line number on the page
    line: Line
    band: bool  # in the header/footer band of the page (top and bottom 8 %)
    edge: bool = False  # above or below everything else, in the top or bottom 15 % (where page numbers sit)


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    items: list[_Text | _Part]  # in reading order
    left: float  # text block edges (see _text_area, then _set_text_areas)
    right: float
    any_right: float
    warnings: list[str] = field(default_factory=list)


def _read_page(content: PageContent, number: int) -> _Page:
    chars = [ch for ch in content.chars if ch["text"]]
    items: list[_Text | _Part] = []
    rest = chars
    warnings: list[str] = []
    for table in page_tables(content):
        part, rest = _part(number, len(items) + 1, table, content.height, rest)
        for cell in part.cells:
            cell.chars = []
        warnings.extend(
            f"page {number} table {part.number}: text inside the table's frame but in no cell, read as a "
            f"paragraph: {text}"
            for text in part.stray
        )
        if part.cells:
            items.append(part)
    lines = group_lines(rest)
    height = content.height
    texts = [
        _Text(number, i, line, line.bottom < _BAND * height or line.top > (1 - _BAND) * height)
        for i, line in enumerate(lines, start=1)
    ]
    items.extend(texts)
    items.sort(key=lambda item: item.line.top if isinstance(item, _Text) else item.bbox[1])
    for run, inside in (
        (items, lambda t: t.line.bottom < _EDGE * height),
        (items[::-1], lambda t: t.line.top > (1 - _EDGE) * height),
    ):
        for item in run:
            if not isinstance(item, _Text) or not inside(item):
                break
            item.edge = True
    left, right, any_right = _text_area(
        lines, [item for item in items if isinstance(item, _Part)], content.width, height
    )
    return _Page(number, content.width, height, items, left, right, any_right, warnings)


def page_tables(content: PageContent) -> list[RuledTable]:
    """The tables of a page: its ruled tables, or on a page without any, those its text alignment shows."""
    return find_ruled_tables(content.segments) or find_text_tables(group_lines(content.chars))


def _text_area(lines: list[Line], parts: list[_Part], width: float, height: float) -> tuple[float, float, float]:
    """Where this page's text lines start and end: the leftmost start, the rightmost end of a line that does
    not end in closing punctuation (which may hang past the margin in CJK typesetting), and the rightmost
    end of any line. Header and footer lines do not count; tables stand in when the page has no text."""
    body = [line for line in lines if _BAND * height <= line.bottom and line.top <= (1 - _BAND) * height] or lines
    if not body:
        if parts:
            return min(part.bbox[0] for part in parts), 0.0, max(part.bbox[2] for part in parts)
        return width, 0.0, 0.0
    plain = [line.x1 for line in body if line.chars[-1]["text"][:1] not in NO_LINE_START]
    return min(line.x0 for line in body), max(plain, default=0.0), max(line.x1 for line in body)


def _set_text_areas(pages: list[_Page]) -> None:
    """One text block per page size: pages of the same width share their margins, so that a page holding a
    few short lines is judged against the lines of the document's fuller pages."""
    groups: dict[int, list[_Page]] = {}
    for page in pages:
        groups.setdefault(round(page.width), []).append(page)
    for group in groups.values():
        left = min(page.left for page in group)
        plain = max(page.right for page in group)
        right = plain if plain > 0 else max(page.any_right for page in group)
        for page in group:
            page.left, page.right = left, right


def _iter_pages(pdf: Any, count: int, deadline: Deadline, warnings: list[str]) -> Iterator[_Page]:
    for index in range(count):
        try:
            page = pdf[index]
        except Exception as exc:  # a page object the page tree names but the file does not hold
            warnings.append(f"page {index + 1}: the page could not be loaded ({exc}); it is not read")
            continue
        try:
            content = read_page(page)
        finally:
            page.close()
        yield _read_page(content, index + 1)
        deadline.check(f"page {index + 1}")


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _page_objects(data: bytes) -> int:
    """Page objects written in the file's plain text (those inside compressed object streams are not seen):
    a lower bound that shows a page tree declaring fewer pages than the file holds."""
    return len(_PAGE_OBJECT.findall(data))


# ---------------------------------------------------------------------------------------------------------
# assembling the document


def _furniture_key(text: str) -> str:
    """A header/footer line compared across pages: white space removed, numbers (page numbers) blanked."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _is_furniture(text: _Text, repeated: set[str]) -> bool:
    """A page number at the edge of the page, or a running header/footer line repeated on most pages."""
    if text.edge and _PAGE_NUMBER.match(re.sub(r"\s+", "", text.line.text)):
        return True
    return text.band and _furniture_key(text.line.text) in repeated


def _repeated_band_texts(pages: list[_Page]) -> set[str]:
    """Lines in the header/footer band that recur on at least half of the pages (and on two or more)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_furniture_key(item.line.text) for item in page.items if isinstance(item, _Text) and item.band})
    need = max(2, (len(pages) + 1) // 2)
    return {text for text, count in counts.items() if count >= need}


def _continues(previous: _Part, following: _Part) -> bool:
    """``following`` (first item of its page) continues ``previous`` (last item of the page before).

    The table above must reach the lower part of its page, and the columns are matched by the x-positions
    of their edges, never by index: a continuation page may leave out the leftmost label column or add a
    spacer column, but most of its column edges stand where edges of the table above stand (or its frame is
    the same as the one above, whose inner columns may differ under merged cells). A table whose
    first ruled row is a form's own title (``…绩效目标表``) starts a new form."""
    if previous.bbox[3] < 0.7 * previous.page_height or _starts_a_form(following):
        return False
    if (
        abs(previous.bbox[0] - following.bbox[0]) <= 2 * _SNAP
        and abs(previous.bbox[2] - following.bbox[2]) <= 2 * _SNAP
    ):
        return True  # the same frame (its inner columns may split or join, as under a merged header)
    above = _edges(previous)
    edges = _edges(following)
    shared = sum(1 for x in edges if any(abs(x - y) <= 2 * _SNAP for y in above))
    return shared >= 2 and shared >= 0.75 * len(edges)


def _edges(part: _Part) -> list[float]:
    return _snap([x for cell in part.cells for x in (cell.x0, cell.x1)])


_FORM_TITLE = re.compile(r"表(?:[（(][^）)]*[）)])?$")


def _starts_a_form(part: _Part) -> bool:
    """The first ruled row is one cell across the table holding a form's title."""
    first = [cell for cell in part.cells if cell.r0 == 0]
    n_cols = max((cell.c1 for cell in part.cells), default=0)
    if len(first) != 1 or first[0].c0 != 0 or first[0].c1 != n_cols or first[0].r1 != 1:
        return False
    return bool(_FORM_TITLE.search(_norm(first[0].text)))


def _row_signature(part: _Part, row: int) -> list[str]:
    return [re.sub(r"\s+", "", cell.text) for cell in part.cells if cell.r0 == row]


def _header_rows(part: _Part, earlier: list[list[str]]) -> int:
    """How many leading rows of a continuation repeat rows of the parts before it (a repeated header, one
    or more rows): every cell starting in them must also end in them."""
    best = 0
    for k in range(1, min(part.n_rows, 4)):
        signatures = [_row_signature(part, row) for row in range(k)]
        if not any(signatures[0]):
            break
        if any(cell.r1 > k for cell in part.cells if cell.r0 < k):
            continue
        if any(earlier[i : i + k] == signatures for i in range(len(earlier) - k + 1)):
            best = k
    return best


def _stitch(parts: list[_Part]) -> list[tuple[_Part, int, list[_PdfCell]]]:
    """Rows of a table over several pages: for each part, its row offset and the cells it keeps."""
    placed: list[tuple[_Part, int, list[_PdfCell]]] = []
    offset = 0
    earlier_rows: list[list[str]] = []
    for index, part in enumerate(parts):
        skip = _header_rows(part, earlier_rows) if index > 0 else 0
        cells = [cell for cell in part.cells if cell.r0 >= skip]
        earlier_rows.extend(_row_signature(part, row) for row in range(part.n_rows))
        placed.append((part, offset - skip, cells))
        offset += part.n_rows - skip
    return placed


def _grid(parts: list[_Part], unit_hint: str | None, max_cells: int, name: str, counted: list[int]) -> Grid:
    xs = _snap([v for part in parts for cell in part.cells for v in (cell.x0, cell.x1)])
    placed = _stitch(parts)
    grid_cells: list[Cell] = []
    by_bottom: dict[tuple[int, int, int], Cell] = {}  # (last row + 1, c0, c1) → cell reaching that row
    open_below: set[int] = set()  # ids of cells without a rule below them
    for part_index, (part, offset, cells) in enumerate(placed):
        first_row = min((cell.r0 for cell in cells), default=0)
        for cell in cells:
            c0, c1 = _index(xs, cell.x0), _index(xs, cell.x1)
            r0 = cell.r0 + offset
            r1 = cell.r1 + offset
            if part_index > 0 and cell.r0 == first_row:
                # a merged cell cut by the page break: empty, or its text repeated, under the cell above; or
                # the page break runs through it (no rule below it, none above its rest): one cell
                above = by_bottom.get((r0, c0, c1))
                through = above is not None and id(above) in open_below and cell.open_top
                if above is not None and (
                    through or (above.text.strip() and _norm(cell.text) in ("", _norm(above.text)))
                ):
                    if _norm(cell.text) not in ("", _norm(above.text)):
                        above.text = join_wrapped(above.text, cell.text) if above.text else cell.text
                    above.rowspan = r1 - above.row
                    del by_bottom[(r0, c0, c1)]
                    by_bottom[(r1, c0, c1)] = above
                    if not cell.open_bottom:
                        open_below.discard(id(above))
                    continue
            ref = f"page {part.page} table {part.number} r{cell.r0 + 1}c{cell.c0 + 1}"
            made = Cell(cell.text, r0, c0, r1 - r0, max(c1 - c0, 1), ref)
            grid_cells.append(made)
            if cell.open_bottom:
                open_below.add(id(made))
            by_bottom[(r1, c0, c1)] = made
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


def _paragraph_break(previous: Line, line: Line, left: float, right: float) -> bool:
    if previous.gaps or line.gaps:  # a line of columns is a row of its own, never a wrapped line
        return True
    size = max(previous.size, line.size, 1.0)
    if abs(previous.size - line.size) > 0.15 * size:
        return True
    if line.top - previous.bottom > 2.0 * size:  # a blank line (line spacing itself may reach 1.5-2)
        return True
    if not soft_wrap(previous, line, right):
        return True
    indent, right_gap = line.x0 - left, right - line.x1
    centered = indent > 1.5 * size and right_gap > 1.5 * size and abs(indent - right_gap) < size
    return indent > 1.5 * size and not centered


def read_pdf(data: bytes, name: str, limits: Limits) -> SourceDocument:
    """The paragraphs and tables of a PDF in reading order (see the module docstring)."""
    check_size(data, name, limits)
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF- header)", path=name)
    deadline = Deadline(name, limits.max_seconds)
    pdf = open_document(data, name)
    document = SourceDocument(name=name, format="pdf")
    try:
        count = len(pdf)
        held = _page_objects(data)
        for pages_found in (count, held):
            if pages_found > limits.max_pages:
                raise LimitExceeded(
                    f"{pages_found:,} pages, more than the limit of {limits.max_pages:,}",
                    path=name,
                    place=f"page {limits.max_pages + 1}",
                )
        if held > count:
            document.warnings.append(
                f"the page tree declares {count:,} pages but the file holds {held:,} page objects: "
                f"only the {count:,} declared pages are read"
            )
        pages = list(_iter_pages(pdf, count, deadline, document.warnings))
    except (LimitExceeded, ReadError):
        raise
    except Exception as exc:  # PDFium reports damage as plain errors
        raise ReadError(f"broken PDF ({type(exc).__name__}: {exc})", path=name) from exc
    finally:
        pdf.close()
    for page in pages:
        document.warnings.extend(page.warnings)
    document.blocks = _assemble(pages, name, limits)
    return document


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _continuation_start(content: list[_Text | _Part], caption: list[str]) -> int | None:
    """Index of the first table on a page when only a repeat of the previous table's caption lines (title,
    ``单位：万元`` …) comes before it, else ``None``."""
    for index, item in enumerate(content):
        if isinstance(item, _Part):
            before = [_norm(text.line.text) for text in content[:index] if isinstance(text, _Text)]
            return index if index == 0 or (index <= len(caption) and before == caption[-index:]) else None
    return None


def _assemble(pages: list[_Page], name: str, limits: Limits) -> list[Block]:
    _set_text_areas(pages)
    repeated = _repeated_band_texts(pages)
    blocks: list[Block] = []
    counted = [0]
    table: list[_Part] = []  # parts of the table being stitched
    table_unit: str | None = None
    caption: list[str] = []  # text lines between the previous block boundary and the current table
    open_paragraph: tuple[list[Line], Paragraph, int] | None = None  # growing paragraph, its lines, its page

    def flush_table() -> None:
        nonlocal table, table_unit
        if table:
            blocks.append(_grid(table, table_unit, limits.max_cells, name, counted))
            table = []
            table_unit = None

    for page in pages:
        furniture = [item for item in page.items if isinstance(item, _Text) and _is_furniture(item, repeated)]
        content = [item for item in page.items if not (isinstance(item, _Text) and _is_furniture(item, repeated))]
        # unit stated in a header/footer, then by the latest text line above a table on this page
        page_unit = next((unit for item in furniture if (unit := unit_in(item.line.text))), None)
        texts_since_table: list[str] = []
        start = 0
        if table:
            index = _continuation_start(content, caption)
            following = content[index] if index is not None else None
            # after a repeated caption, the table must repeat its header too: the same title over two
            # different tables (one table per page, each titled 绩效目标表) is no continuation
            if (
                isinstance(following, _Part)
                and _continues(table[-1], following)
                and (
                    index == 0
                    or _header_rows(following, [_row_signature(p, r) for p in table for r in range(p.n_rows)]) > 0
                )
            ):
                table.append(following)
                start = index + 1 if index is not None else 0
            else:
                flush_table()
        for item in content[start:]:
            if isinstance(item, _Part):
                flush_table()
                table = [item]
                table_unit = page_unit
                caption = texts_since_table
                texts_since_table = []
                open_paragraph = None
                continue
            flush_table()
            line = item.line
            texts_since_table.append(_norm(line.text))
            unit = unit_in(line.text)
            if unit:
                page_unit = unit
            if open_paragraph is not None:
                lines, paragraph, on_page = open_paragraph
                previous = lines[-1]
                joins = (
                    not _paragraph_break(previous, line, page.left, page.right)
                    if on_page == page.number
                    else _continues_paragraph(previous, line, page)
                )
                if joins:
                    paragraph.text = join_wrapped(paragraph.text, line.text, space=previous.space_after)
                    lines.append(line)
                    open_paragraph = (lines, paragraph, page.number)
                    continue
            paragraph = Paragraph(text=line.text, ref=f"page {page.number} line {item.number}")
            blocks.append(paragraph)
            open_paragraph = ([line], paragraph, page.number)
        # a paragraph continues on the next page only when it wrapped softly at the end of this one and
        # nothing else (a table) follows it here
        if open_paragraph is not None and not _ends_full(open_paragraph[0][-1], page):
            open_paragraph = None
    flush_table()
    return blocks


def _ends_full(line: Line, page: _Page) -> bool:
    return page.right - line.x1 <= 1.5 * line.size


def _continues_paragraph(previous: Line, line: Line, page: _Page) -> bool:
    if previous.gaps or line.gaps:
        return False
    size = max(previous.size, line.size, 1.0)
    return abs(previous.size - line.size) <= 0.15 * size and line.x0 - page.left <= 1.5 * size
