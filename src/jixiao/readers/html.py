"""Read an HTML page (a published 绩效目标 page, a "save as web page" export) into a SourceDocument.

The page is parsed as a stream by lxml's HTML parser with a target object, so no tree is ever built: memory
stays flat whatever the page's size, and a table that passes ``limits.max_rows`` / ``max_cells`` stops the
read at that point. The parser never touches the network and HTML has no entity definitions to expand.

- Encoding: a byte order mark, else ``<meta charset>`` / ``http-equiv`` in the head, else UTF-8 when the
  bytes are valid UTF-8, else GB18030 (which covers GB2312 and GBK, the usual encodings of Chinese pages).
- Tables: cells are placed by the HTML table algorithm (a cell goes to the first column of its row that no
  ``rowspan`` from above still covers); ``rowspan`` is clipped to the rows the table has, ``colspan`` to 1000
  as in browsers. A cell's paragraphs, ``<br>`` and list items become ``\\n`` in its text.
- Nested tables: a table that holds another table is taken as page layout (the usual way such pages are
  built), so its own cells become paragraphs and the inner tables become grids.
- Text outside tables becomes paragraphs at block elements (``p``, ``div``, ``br``, ``h1``…, ``li``); a
  heading's style is ``Heading N``, a ``<caption>`` is a paragraph of style ``Caption`` before its grid.
  ``script``, ``style``, ``template`` and ``head`` are not text.

Refs: ``table N`` and ``table N rRcC`` (1-based), ``paragraph N``. A money unit (``单位：万元``) printed in a
paragraph or caption above a table goes into the grid's ``unit_hint``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Block, Cell, Grid, Paragraph, SourceDocument
from jixiao.readers._guards import Deadline, check_size
from jixiao.readers._sheets import unit_in

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jixiao.readers.limits import Limits

__all__ = ["decode_html", "read_html"]

_FEED_CHUNK = 64 * 1024
_MAX_COLSPAN = 1000  # the HTML standard's clamp
_MAX_ROWSPAN = 65534
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_SPAN = re.compile(r"\s*(\d+)")
_SPACES = re.compile(r"[ \t\r\n\f\xa0]+")
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "cp936", "ms936", "windows-936", "euc-cn"}

_SKIPPED = {"script", "style", "template", "head", "noscript", "svg", "math", "iframe", "object"}
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "main", "nav", "aside", "blockquote", "pre", "hr", "address", "center",
    "form", "figure", "figcaption", "body", "html", "title", "fieldset", "legend",
}  # fmt: skip
_CELLS = {"td", "th"}
_LAYOUT_BREAKS = {"tr", "td", "th", "caption"}  # in a layout table, each cell is a block of its own
_NEEDS_CLEANING = re.compile(r"[\s\xa0]")


def read_html(data: bytes, name: str, limits: Limits) -> SourceDocument:
    """An HTML page as paragraphs and grids in reading order."""
    check_size(data, name, limits)
    text = decode_html(data)
    try:
        from lxml import etree
    except ImportError as exc:  # pragma: no cover - lxml is a core dependency
        raise ReadError("reading HTML needs lxml", path=name) from exc
    deadline = Deadline(name, limits.max_seconds)
    handler = _Handler(name, limits)
    # The text is decoded already: hand lxml UTF-8 and say so, so that a <meta charset> cannot re-decode it.
    parser = etree.HTMLParser(
        target=handler,
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )
    encoded = text.encode("utf-8")
    try:
        for start in range(0, len(encoded), _FEED_CHUNK):
            deadline.check()
            parser.feed(encoded[start : start + _FEED_CHUNK])
        parser.close()
    except (LimitExceeded, ReadError):
        raise
    except etree.LxmlError as exc:
        raise ReadError(f"not a readable HTML page ({exc})", path=name) from exc
    return SourceDocument(name=name, format="html", blocks=handler.finish())


def decode_html(data: bytes) -> str:
    """The page's text: BOM, then the declared charset, then UTF-8, then GB18030."""
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, encoding in boms:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        codec = _codec(declared.group(1).decode("ascii", errors="ignore"))
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass  # a wrong declaration is common: fall back to what the bytes say
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _GB_ALIASES:
        return "gb18030"  # a superset: pages labelled GB2312 routinely hold GBK characters
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _clean(parts: list[str]) -> str:
    text = "".join(parts)
    if not _NEEDS_CLEANING.search(text):
        return text  # the common cell: one word or figure, nothing to tidy
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _span(attrib: Mapping[str, str], key: str, limit: int) -> int:
    match = _SPAN.match(attrib.get(key, "") or "")
    value = int(match.group(1)) if match else 1
    return min(max(value, 1), limit)


@dataclass
class _Table:
    rows: list[list[Cell]] = field(default_factory=list)
    busy: list[int] = field(default_factory=list)  # per column: the first row no rowspan from above covers
    cursor: int = 0
    cell: Cell | None = None
    text: list[str] = field(default_factory=list)
    in_caption: bool = False

    def start_row(self) -> None:
        self.rows.append([])
        self.cursor = 0

    def start_cell(self, rowspan: int, colspan: int) -> Cell:
        r = len(self.rows) - 1
        col = self.cursor
        while col < len(self.busy) and self.busy[col] > r:
            col += 1
        if len(self.busy) < col + colspan:
            self.busy.extend([0] * (col + colspan - len(self.busy)))
        for c in range(col, col + colspan):
            self.busy[c] = r + rowspan
        self.cursor = col + colspan
        self.cell = Cell(text="", row=r, col=col, rowspan=rowspan, colspan=colspan)
        self.rows[r].append(self.cell)
        self.text = []
        return self.cell

    def end_cell(self) -> None:
        if self.cell is not None:
            self.cell.text = _clean(self.text)
            self.cell = None
            self.text = []


@dataclass
class _Handler:
    """lxml parser target: turns start/end/data events into blocks."""

    name: str
    limits: Limits
    blocks: list[Block] = field(default_factory=list)
    stack: list[_Table | None] = field(default_factory=list)  # open tables; None = a table read as layout
    text: list[str] = field(default_factory=list)  # the paragraph being collected outside data tables
    heading: str | None = None
    skipping: int = 0
    pre: int = 0
    tables: int = 0
    paragraphs: int = 0
    rows: int = 0
    cells: int = 0
    unit_hint: str | None = None

    # -- parser target interface -------------------------------------------------------------------
    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        tag = tag.lower()
        if self.skipping or tag in _SKIPPED:
            self.skipping += 1
            return
        if tag == "pre":
            self.pre += 1
        if tag == "table":
            self.start_table()
            return
        table = self.table
        if table is None:  # outside tables, or inside a layout table: block elements end paragraphs
            if tag in _BLOCKS or tag in _LAYOUT_BREAKS:
                self.flush()
                if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
                    self.heading = f"Heading {tag[1]}"
        elif tag == "tr":
            table.end_cell()
            table.start_row()
            self.count_row()
        elif tag in _CELLS:
            table.end_cell()
            if not table.rows:  # a cell before any <tr> opens the first row
                table.start_row()
                self.count_row()
            colspan = _span(attrib, "colspan", _MAX_COLSPAN)
            table.start_cell(_span(attrib, "rowspan", _MAX_ROWSPAN), colspan)
            self.count_cells(colspan)
        elif tag == "caption":
            table.in_caption = True
            self.flush()
        elif tag in _BLOCKS:
            self.break_line(table)

    def end(self, tag: str) -> None:
        tag = tag.lower()
        if self.skipping:
            self.skipping -= 1
            return
        if tag == "pre":
            self.pre = max(self.pre - 1, 0)
        if tag == "table":
            self.end_table()
            return
        table = self.table
        if table is None:
            if tag in _BLOCKS or tag in _LAYOUT_BREAKS:
                self.flush()
        elif tag in _CELLS:
            table.end_cell()
        elif tag == "caption":
            table.in_caption = False
            self.flush(style="Caption")
        elif tag in _BLOCKS:
            self.break_line(table)

    def break_line(self, table: _Table) -> None:
        """A block element inside a data table: a line break in the cell (or caption) being read."""
        if table.cell is not None:
            table.text.append("\n")
        elif table.in_caption:
            self.text.append("\n")

    def data(self, data: str) -> None:
        if self.skipping:
            return
        if not self.pre:  # a line break in the source is white space; lines come from block elements
            data = data.replace("\r", " ").replace("\n", " ")
        table = self.table
        if table is not None and table.cell is not None:
            table.text.append(data)
        elif table is None or table.in_caption or data.strip():
            # text outside cells of a table (foster-parented by browsers) is read as a paragraph
            self.text.append(data)

    def close(self) -> None:
        return None

    # -- blocks -------------------------------------------------------------------------------------
    @property
    def table(self) -> _Table | None:
        return self.stack[-1] if self.stack else None

    def flush(self, style: str | None = None) -> None:
        text = _clean(self.text)
        self.text = []
        heading, self.heading = self.heading, None
        if not text:
            return
        self.paragraphs += 1
        self.blocks.append(Paragraph(text=text, ref=f"paragraph {self.paragraphs}", style=style or heading))
        self.unit_hint = unit_in(text) or self.unit_hint

    def start_table(self) -> None:
        outer = self.table
        if outer is not None:
            self.to_layout(outer)
        self.flush()
        self.stack.append(_Table())

    def to_layout(self, outer: _Table) -> None:
        """The table holding a table is layout: its cells so far become paragraphs, its later text too."""
        open_cell = outer.cell
        for row in outer.rows:
            for cell in row:
                if cell is open_cell:
                    continue
                self.text.append(cell.text)
                self.flush()
        if open_cell is not None:
            self.text.extend(outer.text)
        self.stack[-1] = None

    def end_table(self) -> None:
        if not self.stack:
            return  # a stray </table>
        table = self.stack.pop()
        if table is None:
            self.flush()
            return
        table.end_cell()
        self.flush()
        self.emit(table)

    def emit(self, table: _Table) -> None:
        self.tables += 1
        number = self.tables
        n_rows = len(table.rows)
        area = 0
        for row in table.rows:
            for cell in row:
                cell.rowspan = min(cell.rowspan, n_rows - cell.row)  # rowspan stops at the table's last row
                cell.ref = f"table {number} r{cell.row + 1}c{cell.col + 1}"
                area += cell.rowspan * cell.colspan
        self.cells += area - sum(c.colspan for row in table.rows for c in row)  # colspans were counted already
        self.check_cells(number)
        if any(table.rows):
            self.blocks.append(Grid(rows=table.rows, ref=f"table {number}", unit_hint=self.unit_hint))
        self.unit_hint = None

    def finish(self) -> list[Block]:
        while self.stack:
            self.end_table()  # a page cut off inside a table keeps what it has
        self.flush()
        return self.blocks

    # -- limits -------------------------------------------------------------------------------------
    def count_row(self) -> None:
        self.rows += 1
        if self.rows > self.limits.max_rows:
            raise LimitExceeded(
                f"the page's tables have more than {self.limits.max_rows:,} rows",
                path=self.name,
                place=f"table {self.tables + 1}",
            )

    def count_cells(self, positions: int) -> None:
        self.cells += positions
        self.check_cells(self.tables + 1)

    def check_cells(self, number: int) -> None:
        if self.cells > self.limits.max_cells:
            raise LimitExceeded(
                f"the page's tables have more than {self.limits.max_cells:,} cells",
                path=self.name,
                place=f"table {number}",
            )
