"""Read a PDF into a :class:`~jixiao.grid.SourceDocument` with PDFium (pypdfium2).

What the reader does, page by page (the page count is checked against ``limits.max_pages`` before any page
is read, and the file's time budget ``limits.max_seconds`` after each page):

- **Page content** (:mod:`.pdf_page`): every character with its box, set from its baseline and printed font
  size, and the ruling segments of the page's path objects (lines, rectangle edges, thin filled bars).
- **Tables** (:mod:`.pdf_rulings`, :mod:`.pdf_textgrid`, :mod:`.pdf_cells`): collinear segments are merged
  into rules, crossing rules make a table region, its rule positions the column and row edges, and cells
  with no rule between them one merged cell with its ``rowspan``/``colspan``. A column region without a
  horizontal rule down to the table's bottom is an *open* cell, carried on to the next page. A page without
  ruled tables may hold one printed without rules, found from text alignment. Characters go to the cell
  their centre falls into; text printed past an open edge joins the open cells, and the clipped tail of a
  cell that overflowed into the cell below goes back to its cell. Text inside a table's frame but in no cell
  is read as a paragraph and named in a warning: nothing is dropped in silence.
- **Cell text** (:mod:`.pdf_lines`). Characters group into lines by their vertical centres (digits in
  another font a little off the line stay on it; two lines printed almost at one height are split where
  they overlap). Lines inside a cell are joined *without* a space when the break was a soft wrap (CJK and
  digits: ``37,000,00`` + ``0.00`` → ``37,000,000.00``; Latin words keep their space, and so does a space
  printed at the end of the line) and kept as ``\\n`` when the line ended early, a break the author typed.
- **Tables over several pages** (:mod:`.pdf_stitch`). A table that ends low on a page (or high, where the
  block opening the next page would not have fitted below it) and one that starts the next page (after
  nothing, or after a repeat of the first table's caption lines, in which case the header rows must repeat
  too) with columns at the same x-positions are stitched into one grid: the column lines are unified (a
  page without the leftmost column lands in the right columns), repeated header rows are dropped, a cell at
  the top of the page that continues a cell cut by the break extends it, and a row cut by the break is one
  row again. Text a row printed on past the table's bottom rule (a row too full for its page, a sliver of
  a row at the page foot) goes back to its cells. A form whose first ruled row is its own title starts a
  new table.
- **Text outside tables** becomes paragraphs in reading order (by vertical position): lines are joined into
  a paragraph while they wrap softly, across a page break too; a line of columns (wide gaps) stands alone.
  Page headers and footers (page numbers such as ``- 3 -`` / ``第3页`` at the page edge, or the same text at
  the top or bottom of most pages) are dropped; a money unit they state (``单位：万元``), or one printed
  above a table, goes into the table's ``Grid.unit_hint``.

Refs read ``page 3 table 1`` for a grid, ``page 3 table 1 r4c2`` for a cell (row and column 1-based within
that page's part of the table) and ``page 3 line 5`` for a paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Block, Paragraph, SourceDocument
from jixiao.read_warnings import ReadWarning
from jixiao.readers._guards import Deadline, check_size
from jixiao.readers._sheets import unit_in
from jixiao.readers.pdf_cells import PAGE_NUMBER, TablePart, place_table
from jixiao.readers.pdf_lines import NO_LINE_START, Line, group_lines, join_wrapped, soft_wrap
from jixiao.readers.pdf_page import PageContent, open_document, read_page
from jixiao.readers.pdf_rulings import RuledTable, find_ruled_tables
from jixiao.readers.pdf_stitch import (
    build_grid,
    continues,
    cut_by_the_break,
    cut_off_cells,
    header_rows,
    norm,
    row_signature,
)
from jixiao.readers.pdf_textgrid import find_text_tables

if TYPE_CHECKING:
    from jixiao.readers.limits import Limits

__all__ = ["page_tables", "read_pdf"]


_BAND = 0.08  # top and bottom fraction of a page where running headers and footers live
_EDGE = 0.15  # top and bottom fraction where a page number may sit (landscape pages put it higher)
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
    items: list[_Text | TablePart]  # in reading order
    left: float  # text block edges (see _text_area, then _set_text_areas)
    right: float
    any_right: float
    warnings: list[str] = field(default_factory=list)


def _read_page(content: PageContent, number: int) -> _Page:
    chars = [ch for ch in content.chars if ch["text"]]
    items: list[_Text | TablePart] = []
    rest = chars
    warnings: list[str] = []
    for table in page_tables(content):
        part, rest = place_table(number, len(items) + 1, table, content.height, rest)
        for cell in part.cells:
            cell.chars = []
        warnings.extend(ReadWarning("pdf_stray_text", page=number, table=part.number, text=text) for text in part.stray)
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
        lines, [item for item in items if isinstance(item, TablePart)], content.width, height
    )
    return _Page(number, content.width, height, items, left, right, any_right, warnings)


def page_tables(content: PageContent) -> list[RuledTable]:
    """The tables of a page: its ruled tables, or on a page without any, those its text alignment shows."""
    return find_ruled_tables(content.segments) or find_text_tables(group_lines(content.chars))


def _text_area(lines: list[Line], parts: list[TablePart], width: float, height: float) -> tuple[float, float, float]:
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
            warnings.append(ReadWarning("pdf_page_unreadable", page=index + 1, detail=str(exc)))
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
    if text.edge and PAGE_NUMBER.match(re.sub(r"\s+", "", text.line.text)):
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
            document.warnings.append(ReadWarning("pdf_page_count", declared=count, held=held))
        pages = list(_iter_pages(pdf, count, deadline, document.warnings))
    except (LimitExceeded, ReadError):
        raise
    except Exception as exc:  # PDFium reports damage as plain errors
        raise ReadError(f"broken PDF ({type(exc).__name__}: {exc})", path=name) from exc
    finally:
        pdf.close()
    for page in pages:
        document.warnings.extend(page.warnings)
    document.blocks = _assemble(pages, name, limits, document.warnings)
    return document


def _continuation_start(content: list[_Text | TablePart], caption: list[str]) -> int | None:
    """Index of the first table on a page when only a repeat of the previous table's caption lines (title,
    ``单位：万元`` …) comes before it, else ``None``."""
    for index, item in enumerate(content):
        if isinstance(item, TablePart):
            before = [norm(text.line.text) for text in content[:index] if isinstance(text, _Text)]
            return index if index == 0 or (index <= len(caption) and before == caption[-index:]) else None
    return None


def _cut_off(part: TablePart, following: TablePart | None) -> list[str]:
    """Warnings for the cells at the foot of ``part`` whose text the page break cut off (see
    :func:`.pdf_stitch.cut_off_cells`): what the PDF does not print, no reader gives back."""
    return [
        ReadWarning("pdf_cell_cut", page=part.page, table=part.number, text=cell.text[-16:])
        for cell in cut_off_cells(part, following)
    ]


def _assemble(pages: list[_Page], name: str, limits: Limits, warnings: list[str]) -> list[Block]:
    _set_text_areas(pages)
    repeated = _repeated_band_texts(pages)
    blocks: list[Block] = []
    counted = [0]
    table: list[TablePart] = []  # parts of the table being stitched
    table_unit: str | None = None
    caption: list[str] = []  # text lines between the previous block boundary and the current table
    open_paragraph: tuple[list[Line], Paragraph, int] | None = None  # growing paragraph, its lines, its page

    def flush_table() -> None:
        nonlocal table, table_unit
        if table:
            blocks.append(build_grid(table, table_unit, limits.max_cells, name, counted))
            table = []
            table_unit = None

    contents = [
        [item for item in page.items if not (isinstance(item, _Text) and _is_furniture(item, repeated))]
        for page in pages
    ]
    bottoms = _body_bottoms(pages, contents)
    for page, content in zip(pages, contents, strict=True):
        furniture = [item for item in page.items if isinstance(item, _Text) and _is_furniture(item, repeated)]
        # unit stated in a header/footer, then by the latest text line above a table on this page
        page_unit = next((unit for item in furniture if (unit := unit_in(item.line.text))), None)
        texts_since_table: list[str] = []
        start = 0
        if table:
            index = _continuation_start(content, caption)
            following = content[index] if index is not None else None
            # after a repeated caption, the table must repeat its header too, or show that the page break
            # cut it (no rule closing it below, none opening the next part): the same title over two
            # different tables (one table per page, each titled 绩效目标表) is no continuation
            repeated_header = 0  # asked only where it decides (a scan of every row stitched so far)
            if isinstance(following, TablePart) and (index != 0 or table[-1].bbox[3] < 0.7 * table[-1].page_height):
                repeated_header = header_rows(following, [row_signature(p, r) for p in table for r in range(p.n_rows)])
            if (
                isinstance(following, TablePart)
                and continues(table[-1], following, bottoms.get(round(table[-1].page_height)), repeated_header)
                and (index == 0 or cut_by_the_break(table[-1], following) or repeated_header > 0)
            ):
                warnings.extend(_cut_off(table[-1], following))
                table.append(following)
                start = index + 1 if index is not None else 0
            else:
                warnings.extend(_cut_off(table[-1], None))
                flush_table()
        for item in content[start:]:
            if isinstance(item, TablePart):
                flush_table()
                table = [item]
                table_unit = page_unit
                caption = texts_since_table
                texts_since_table = []
                open_paragraph = None
                continue
            flush_table()
            line = item.line
            texts_since_table.append(norm(line.text))
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
    if table:
        warnings.extend(_cut_off(table[-1], None))
    flush_table()
    return blocks


def _body_bottoms(pages: list[_Page], contents: list[list[_Text | TablePart]]) -> dict[int, float]:
    """For each page height, the lowest that text and tables reach on a page of that height (headers and
    footers aside), or where the top margin mirrored would put it, whichever is lower: the foot of the
    page's body, found from the fullest page."""
    bottoms: dict[int, float] = {}
    for page, content in zip(pages, contents, strict=True):
        if not content:
            continue
        lowest = max(item.line.bottom if isinstance(item, _Text) else item.bbox[3] for item in content)
        highest = min(item.line.top if isinstance(item, _Text) else item.bbox[1] for item in content)
        key = round(page.height)
        bottoms[key] = max(bottoms.get(key, 0.0), lowest, page.height - highest)
    return bottoms


def _ends_full(line: Line, page: _Page) -> bool:
    return page.right - line.x1 <= 1.5 * line.size


def _continues_paragraph(previous: Line, line: Line, page: _Page) -> bool:
    if previous.gaps or line.gaps:
        return False
    size = max(previous.size, line.size, 1.0)
    return abs(previous.size - line.size) <= 0.15 * size and line.x0 - page.left <= 1.5 * size
