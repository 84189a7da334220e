"""Read a Word .docx document into a :class:`~jixiao.grid.SourceDocument`.

The zip container is checked before any parser sees it (member count, declared sizes and compression
ratios, encryption, a DTD in any XML part). ``word/document.xml`` is then parsed once, by a plain lxml
parser that resolves no entities and loads no DTD, and the body's paragraphs, rows and cells are counted
against the limits while the tree is being built, so an oversized body stops the read before its tree is.
The style names and numbering definitions come from the styles and numbering parts the document's
relationships name. A small walker goes over that one tree in order. (python-docx is not used to read: it
parses every part of the package into its own element classes, which made reading three times slower, and
its ``row.cells`` repeats merged cells and hides ``w:vMerge``.)

What the walker makes of Word's table markup:

- ``w:gridSpan`` is the cell's colspan; ``w:gridBefore`` / ``w:gridAfter`` leave grid columns empty at the
  start / end of a row; the legacy ``w:hMerge`` is read like ``w:gridSpan``.
- ``w:vMerge="restart"`` opens a vertical merge and every ``w:vMerge`` (continue) cell right below it at the
  same grid column and width adds one to that cell's rowspan; a continuation with no such cell above is a
  cell of its own. Text in a continuation cell (Word does not show it) is kept, appended to the merged
  cell, so that nothing in the file is lost.
- What Word does not print is not read: hidden runs (``w:vanish``), text and rows deleted with tracked
  changes on, field codes, the fallback copy of a drawing.
- A cell's paragraphs are joined with ``\\n``. Word's automatic list numbers (``1.`` ``一、``) are printed
  but not stored in the text: they are rendered and put in front (:mod:`jixiao.readers._word_numbering`).
- Nested tables: a one-cell table that holds a table is a layout frame and its content is read as if it
  stood in the body (the inner table becomes a Grid of its own). Any other nested table is flattened into
  its cell's text, one line per row, cells separated by a tab, because the interpreter reads the outer
  table's cell as one value.
- A table continued on the next page as a separate table (the same number of grid columns, only empty
  paragraphs between, and a first row repeating a multi-cell row of the table above, such as the
  ``一级指标 | 二级指标 | 三级指标 | 指标值`` header) is stitched to the table above and the repeated header
  row is dropped.

Refs: a grid is ``table N`` (``tables N-M`` when stitched), a cell ``table N rRcC`` (1-based, the cell's
top-left grid position in its own Word table), a paragraph ``paragraph N`` (1-based among the body's
non-empty paragraphs). A paragraph's ``style`` is ``Heading N`` when the paragraph itself sets outline level
N-1, else its Word style name. A money unit (``单位：元``) printed in a paragraph above a table goes into that
grid's ``unit_hint``.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Block, Cell, Grid, Paragraph, SourceDocument
from jixiao.readers._guards import OLE2_MAGIC, Deadline, check_size, check_zip, reject_encrypted_ole
from jixiao.readers._ooxml import refuse_doctypes
from jixiao.readers._sheets import unit_in
from jixiao.readers._word_numbering import Numbering

if TYPE_CHECKING:
    from lxml.etree import _Element

    from jixiao.readers.limits import Limits

__all__ = ["read_docx", "read_docx_blocks"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MAX_SPAN = 1000  # Word allows 63 grid columns; anything far beyond is a hostile or broken file

# Containers whose children are read as if they stood in their parent (content controls, custom XML,
# smart tags, tracked insertions and moves, hyperlinks, fields).
_TRANSPARENT = {
    W + "sdt",
    W + "sdtContent",
    W + "customXml",
    W + "smartTag",
    W + "ins",
    W + "moveTo",
    W + "hyperlink",
    W + "fldSimple",
    W + "dir",
    W + "bdo",
    _MC + "AlternateContent",
    _MC + "Choice",
}
# Never text: properties, deleted or moved-away text, field codes, the fallback copy of a drawing.
_SKIPPED = {
    W + "pPr",
    W + "rPr",
    W + "tcPr",
    W + "trPr",
    W + "tblPr",
    W + "sdtPr",
    W + "sdtEndPr",
    W + "del",
    W + "moveFrom",
    W + "instrText",
    W + "delText",
    _MC + "Fallback",
}
# Private-use code points of symbol fonts (w:sym) that matter in target tables: comparison signs, ticks.
_SYMBOLS = {
    "symbol": {0xA3: "≤", 0xB3: "≥", 0xB9: "≠", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB0: "°", 0xD6: "√"},
    "wingdings": {0xA8: "□", 0x6F: "□", 0xFE: "☑", 0xFD: "☒", 0xFC: "✓", 0xFB: "✗"},
    "wingdings 2": {0xA3: "□", 0x52: "☑", 0x54: "☒", 0x50: "✓", 0x4F: "✗"},
}


def read_docx(data: bytes, name: str, limits: Limits) -> SourceDocument:
    """The body of a .docx file as paragraphs and grids in reading order."""
    check_size(data, name, limits)
    if data.startswith(OLE2_MAGIC):
        reject_encrypted_ole(data, name, "Word .docx document")
    return SourceDocument(name=name, format="docx", blocks=read_docx_blocks(data, name, limits))


def read_docx_blocks(data: bytes, name: str, limits: Limits) -> list[Block]:
    """The blocks of a .docx body (shared with the .doc reader, which converts to .docx first)."""
    archive = check_zip(data, name, limits)
    with archive:
        if "word/document.xml" not in archive.namelist():
            raise ReadError("not a Word document: the zip has no word/document.xml", path=name)
        refuse_doctypes(archive, name)
        deadline = Deadline(name, limits.max_seconds)
        main, related = _document_parts(archive, name)
        root = _parse_document(archive, main, name, limits, deadline)
        body = root.find(W + "body")
        if root.tag != W + "document" or body is None:
            raise ReadError("not a readable Word document (no w:document/w:body)", path=name, place=main)
        walker = _Walker(name, limits, deadline, _survey(body, _Definitions(archive, related, name)))
        walker.walk(body)  # inside the ``with``: styles and numbering are read from the zip when first needed
    return _stitch(walker.blocks)


# Elements that make a paragraph's text more than the concatenation of its w:t: everything _collect reads
# otherwise or skips (w:pPr and w:rPr hold no w:t, and a hidden run is found by its w:vanish), and the
# containers of a paragraph inside a paragraph (a text box).
_NOT_PLAIN = (
    W + "tab",
    W + "ptab",
    W + "br",
    W + "cr",
    W + "noBreakHyphen",
    W + "sym",
    W + "vanish",
    W + "del",
    W + "moveFrom",
    W + "instrText",
    W + "delText",
    W + "sdtPr",
    W + "sdtEndPr",
    W + "txbxContent",
    W + "tbl",
    _MC + "Fallback",
)


def _survey(body: _Element, definitions: _Definitions) -> _Definitions:
    """Mark, in one pass over the tree in C, the paragraphs that name a list or style and those whose text
    is more than their w:t (something of :data:`_NOT_PLAIN` inside): only those take the full walk of
    :func:`_collect`, the others are read by a join of their w:t. For speed: the full walk costs several
    times the join. (Only the few marked paragraphs are kept in sets: a set of every paragraph kept
    thousands of element proxies alive, which Python's garbage collector then traversed again and again.)"""
    p, properties = W + "p", W + "pPr"
    for element in body.iter(W + "numPr", W + "pStyle", *_NOT_PLAIN):
        tag = element.tag
        if tag == W + "numPr" or tag == W + "pStyle":
            parent = element.getparent()
            paragraph = parent.getparent() if parent is not None and parent.tag == properties else None
            if paragraph is not None and paragraph.tag == p:
                definitions.styled.add(paragraph)
        else:
            definitions.rich_text.update(element.iterancestors(p))
    return definitions


class _Definitions:
    """The document's style names and numbering definitions, parsed when a paragraph first needs them.

    Only a paragraph that names a style or a list (``w:pStyle``, ``w:numPr``) needs them, and the styles part
    is often larger than the body (350 KB in the fixtures, where no paragraph names a style): parsing it up
    front cost as much as the whole body.
    """

    def __init__(self, archive: zipfile.ZipFile, related: dict[str, str], name: str) -> None:
        self.archive, self.related, self.name = archive, related, name
        self.styled: set[_Element] = set()  # paragraphs whose w:pPr has a w:numPr or a w:pStyle
        self.rich_text: set[_Element] = set()  # paragraphs holding more than runs of w:t (see _survey)

    @cached_property
    def styles_root(self) -> _Element:
        root = _parse_part(self.archive, self.related.get("styles"), self.name)
        return root if root is not None else _default_styles()

    @cached_property
    def style_names(self) -> dict[str, str | None]:
        return _style_names(self.styles_root)

    @cached_property
    def numbering(self) -> Numbering:
        return Numbering.from_parts(
            _parse_part(self.archive, self.related.get("numbering"), self.name), self.styles_root
        )

    def label(self, paragraph: _Element) -> str:
        """:meth:`Numbering.label`; a paragraph naming neither a list nor a style has no number."""
        if paragraph not in self.styled:
            return ""
        return self.numbering.label(paragraph)


@dataclass
class _Table:
    """A grid while it is read, with what stitching needs to know."""

    grid: Grid
    number: int
    last_number: int
    n_cols: int
    blank_before: bool = True  # only empty paragraphs since the previous table
    # cells marked as a vMerge continuation with nothing above them in their own table: the rest of a
    # merged cell cut by a page break, to be joined to the cell above when the tables are stitched
    orphans: list[Cell] = field(default_factory=list)


@dataclass
class _Walker:
    name: str
    limits: Limits
    deadline: Deadline
    numbering: _Definitions
    blocks: list[Block | _Table] = field(default_factory=list)
    tables: int = 0
    paragraphs: int = 0
    rows: int = 0
    cells: int = 0
    unit_hint: str | None = None
    text_since_table: bool = False

    def walk(self, container: _Element) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                frame = _frame_content(child)
                if frame is not None:
                    self.walk(frame)
                else:
                    self.table(child)
            elif tag in _TRANSPARENT:
                self.walk(child)

    def paragraph(self, element: _Element) -> None:
        text = paragraph_text(element, self.numbering).strip()
        if not text:
            return
        self.paragraphs += 1
        if self.paragraphs % 512 == 0:  # a body of nothing but paragraphs must keep to the time limit too
            self.deadline.check(f"paragraph {self.paragraphs}")
        self.blocks.append(Paragraph(text=text, ref=f"paragraph {self.paragraphs}", style=self.style(element)))
        self.text_since_table = True
        self.unit_hint = unit_in(text) or self.unit_hint

    def style(self, element: _Element) -> str | None:
        properties = element.find(W + "pPr")
        if properties is None:
            return None
        # An outline level set on the paragraph itself is what makes it a heading in Word's navigation pane;
        # LibreOffice writes such paragraphs of a .doc with the style "Normal" and the level beside it.
        outline = properties.find(W + "outlineLvl")
        if outline is not None and (level := outline.get(W + "val", "")).isdigit() and int(level) < 9:
            return f"Heading {int(level) + 1}"
        style = properties.find(W + "pStyle")
        if style is not None and style.get(W + "val"):
            style_id = style.get(W + "val", "")
            return self.numbering.style_names.get(style_id, style_id)
        return None

    def table(self, element: _Element) -> None:
        self.tables += 1
        number = self.tables
        place = f"table {number}"
        rows: list[list[Cell]] = []
        orphans: list[Cell] = []
        open_cells: dict[int, Cell] = {}  # grid column -> the vMerge restart cell starting there
        for r, tr in enumerate(_rows(element)):
            self.deadline.check(place)
            self.rows += 1
            if self.rows > self.limits.max_rows:
                raise LimitExceeded(
                    f"the document has more than {self.limits.max_rows:,} table rows", path=self.name, place=place
                )
            rows.append(self.row(tr, r, number, open_cells, orphans))
        grid = Grid(rows=rows, ref=place, unit_hint=self.unit_hint)
        columns = _grid_columns(element, grid)
        self.blocks.append(_Table(grid, number, number, columns, not self.text_since_table, orphans))
        self.unit_hint = None
        self.text_since_table = False

    def row(self, tr: _Element, r: int, number: int, open_cells: dict[int, Cell], orphans: list[Cell]) -> list[Cell]:
        properties = _first(tr, W + "trPr")
        col = _int_val(properties, "gridBefore", 0) if properties is not None else 0
        row: list[Cell] = []
        for tc in _children(tr, W + "tc"):
            span, vertical, horizontal = _cell_properties(tc)
            if span > _MAX_SPAN or col > _MAX_SPAN:
                raise ReadError(
                    f"a cell spans column {col + span}, more than {_MAX_SPAN} (Word allows 63)",
                    path=self.name,
                    place=f"table {number} r{r + 1}",
                )
            text = cell_text(tc, self.numbering)
            above = open_cells.get(col)
            if (
                vertical == "continue"
                and above is not None
                and above.row + above.rowspan == r
                and above.colspan == span
            ):
                above.rowspan += 1
                self.count(above.colspan, number)
                if text:
                    above.text = f"{above.text}\n{text}" if above.text else text
            elif horizontal == "continue" and row and row[-1].col + row[-1].colspan == col:
                row[-1].colspan += span
                self.count(span * row[-1].rowspan, number)
                if text:
                    row[-1].text = f"{row[-1].text}\n{text}" if row[-1].text else text
            else:
                cell = Cell(text=text, row=r, col=col, colspan=span, ref=f"table {number} r{r + 1}c{col + 1}")
                row.append(cell)
                self.count(span, number)
                if vertical == "restart":
                    open_cells[col] = cell
                else:
                    open_cells.pop(col, None)
                if vertical == "continue":
                    orphans.append(cell)
            col += span
        return row

    def count(self, positions: int, number: int) -> None:
        self.cells += positions
        if self.cells > self.limits.max_cells:
            raise LimitExceeded(
                f"the document's tables have more than {self.limits.max_cells:,} cells",
                path=self.name,
                place=f"table {number}",
            )


def _children(element: _Element, tag: str) -> Iterator[_Element]:
    """Children with this tag, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def _safe_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _parse_document(archive: zipfile.ZipFile, place: str, name: str, limits: Limits, deadline: Deadline) -> _Element:
    """Parse the main part once, counting its paragraphs, table rows and cells as the tree is built.

    A tree of WordprocessingML takes about 13 times the XML's size in memory, so a small, highly compressed
    document.xml of millions of paragraphs or cells must be stopped while it is parsed, not after: the parse
    is a stream of element ends, counted against the limits as they come, and the tree it builds is the one
    the walker reads (one parse, not a counting pass and then another parse).
    """
    from lxml import etree

    lines = cells = 0
    try:
        with archive.open(place) as stream:
            events = etree.iterparse(
                stream,
                events=("end",),
                tag=(W + "p", W + "tr", W + "tc"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
            )
            tc, tr, body = W + "tc", W + "tr", W + "body"
            for count, (_, element) in enumerate(events, 1):
                tag = element.tag
                if tag == tc:
                    cells += 1
                    if cells > limits.max_cells:
                        raise LimitExceeded(
                            f"the document's tables have more than {limits.max_cells:,} cells", path=name, place=place
                        )
                else:
                    parent = element.getparent()
                    if tag == tr or (parent is not None and parent.tag == body):
                        lines += 1
                        if lines > limits.max_rows:
                            raise LimitExceeded(
                                f"the document has more than {limits.max_rows:,} paragraphs and table rows",
                                path=name,
                                place=place,
                            )
                if count % 4096 == 0:
                    deadline.check(place)
            root: _Element = events.root
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"not well-formed XML ({exc})", path=name, place=place) from exc
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
        raise ReadError(f"damaged zip member ({exc})", path=name, place=place) from exc
    return root


def _parse_part(archive: zipfile.ZipFile, place: str | None, name: str) -> _Element | None:
    """A supporting part (styles, numbering) parsed whole, or None when the package has none."""
    from lxml import etree

    if place is None:
        return None
    try:
        content = archive.read(place)
    except KeyError:
        return None
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
        raise ReadError(f"damaged zip member ({exc})", path=name, place=place) from exc
    try:
        root: _Element = etree.fromstring(content, _safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"not a readable Word document (XMLSyntaxError: {exc})", path=name, place=place) from exc
    return root


_OFFICE_DOCUMENT = "/officeDocument"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _document_parts(archive: zipfile.ZipFile, name: str) -> tuple[str, dict[str, str]]:
    """The main part (the package's officeDocument relationship, else ``word/document.xml``) and the parts
    it relates to by type (``styles``, ``numbering``), as zip member names."""
    names = set(archive.namelist())
    main = "word/document.xml"
    for rel_type, target in _relationships(archive, "_rels/.rels", "", name):
        if rel_type.endswith(_OFFICE_DOCUMENT) and target in names:
            main = target
            break
    folder, _, base = main.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    related: dict[str, str] = {}
    for rel_type, target in _relationships(archive, f"{prefix}_rels/{base}.rels", prefix, name):
        kind = rel_type.rpartition("/")[2]
        if kind in ("styles", "numbering") and kind not in related:
            related[kind] = target
    return main, related


def _relationships(archive: zipfile.ZipFile, place: str, base: str, name: str) -> list[tuple[str, str]]:
    """(type, zip member name) of the internal relationships in one .rels part ([] when there is none)."""
    import posixpath

    content = _parse_part(archive, place, name)
    if content is None:
        return []
    out = []
    for rel in content.iter(_PACKAGE_RELS + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(base + target)
        out.append((rel.get("Type") or "", path))
    return out


def _style_names(styles: _Element) -> dict[str, str | None]:
    """styleId -> the style's name as Word shows it (``heading 1`` is shown ``Heading 1``)."""
    names: dict[str, str | None] = {}
    for style in styles.iterchildren(W + "style"):
        style_id = style.get(W + "styleId")
        if not style_id:
            continue
        element = style.find(W + "name")
        internal = element.get(W + "val") if element is not None else None
        names[style_id] = _UI_STYLE_NAMES.get(internal, internal) if internal is not None else None
    return names


# The few built-in styles whose stored name differs from the name Word shows.
_UI_STYLE_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header"} | {
    f"heading {level}": f"Heading {level}" for level in range(1, 10)
}


def _default_styles() -> _Element:
    """The styles of a document that has no styles part: Word's defaults (as python-docx ships them)."""
    from lxml import etree

    try:
        from docx.parts.styles import StylesPart
    except ImportError as exc:  # pragma: no cover - declared in the formats extra
        raise ReadError("reading .docx needs python-docx (pip install 'jixiao[formats]')") from exc
    root: _Element = etree.fromstring(StylesPart._default_styles_xml(), _safe_parser())
    return root


def _rows(tbl: _Element) -> Iterator[_Element]:
    """The table's rows as printed: a row deleted with tracked changes on is not."""
    for tr in _children(tbl, W + "tr"):
        properties = _first(tr, W + "trPr")
        if properties is None or _first(properties, W + "del") is None:
            yield tr


def _is_on(properties: _Element | None, name: str) -> bool:
    """A run or paragraph toggle property (``<w:vanish/>``, ``<w:vanish w:val="false"/>``) is set."""
    if properties is None:
        return False
    element = _first(properties, W + name)
    return element is not None and element.get(W + "val", "true").lower() not in ("false", "0", "off")


def _int_val(properties: _Element | None, name: str, default: int) -> int:
    if properties is None:
        return default
    element = _first(properties, W + name)
    if element is None:
        return default
    value = element.get(W + "val", "")
    return int(value) if value.isdigit() and int(value) > 0 else default


_TC_PR, _GRID_SPAN, _V_MERGE, _H_MERGE, _VAL = W + "tcPr", W + "gridSpan", W + "vMerge", W + "hMerge", W + "val"


def _cell_properties(tc: _Element) -> tuple[int, str | None, str | None]:
    """A cell's colspan (``w:gridSpan``) and :func:`_merges`, read in one pass over its ``w:tcPr`` (for speed:
    this runs for every cell; each property is its first occurrence, as ``find`` would take it)."""
    properties = _first(tc, _TC_PR)
    if properties is None:
        return 1, None, None
    span: int | None = None
    vertical = horizontal = None
    for child in properties:
        tag = child.tag
        if tag == _GRID_SPAN and span is None:
            value = child.get(_VAL, "")
            span = int(value) if value.isdigit() and int(value) > 0 else 1
        elif tag == _V_MERGE and vertical is None:
            vertical = child.get(_VAL, "continue")
        elif tag == _H_MERGE and horizontal is None:
            horizontal = child.get(_VAL, "continue")
    return span or 1, vertical, horizontal


def _merges(properties: _Element | None) -> tuple[str | None, str | None]:
    """(vMerge, hMerge) of a cell from its w:tcPr: None, "restart" or "continue" (the attribute's default)."""
    if properties is None:
        return None, None
    found: list[str | None] = []
    for name in ("vMerge", "hMerge"):
        element = _first(properties, W + name)
        found.append(None if element is None else element.get(W + "val", "continue"))
    return found[0], found[1]


def _first(element: _Element, tag: str) -> _Element | None:
    """``element.find(tag)`` for a plain tag: the first child with it. For speed: lxml's ``find`` parses its
    path argument on every call and costs five times this."""
    for child in element.iterchildren(tag):
        return child
    return None


def _grid_columns(element: _Element, grid: Grid) -> int:
    declared = element.find(W + "tblGrid")
    count = 0 if declared is None else len(declared.findall(W + "gridCol"))
    return max(count, grid.n_cols)


def _frame_content(tbl: _Element) -> _Element | None:
    """The one cell of a one-cell table that holds a table (a layout frame), else None."""
    rows = list(_rows(tbl))
    if len(rows) != 1:
        return None
    cells = list(_children(rows[0], W + "tc"))
    if len(cells) != 1 or not any(True for _ in _children(cells[0], W + "tbl")):
        return None
    return cells[0]


def paragraph_text(element: _Element, numbering: Numbering | _Definitions | None = None) -> str:
    """The visible text of a paragraph, with its automatic number; line breaks as ``\\n``, tabs as ``\\t``."""
    if isinstance(numbering, _Definitions) and element not in numbering.rich_text and element not in numbering.styled:
        return "".join([t.text or "" for t in element.iter(_T)])  # what _collect would find, and no number
    parts: list[str] = [numbering.label(element)] if numbering is not None else []
    _collect(element, parts)
    return "".join(parts)


_T, _P, _TBL = W + "t", W + "p", W + "tbl"


def cell_text(tc: _Element, numbering: Numbering | _Definitions | None = None) -> str:
    """A table cell's paragraphs joined with ``\\n``; a nested table as lines of tab-separated cells."""
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == _P:
            lines.append(paragraph_text(block, numbering))
        else:
            lines.extend(_flat_table(block, numbering))
    return "\n".join(lines).strip()


def _blocks(container: _Element) -> Iterator[_Element]:
    for child in container:
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag in _TRANSPARENT:
            yield from _blocks(child)


def _flat_table(tbl: _Element, numbering: Numbering | _Definitions | None = None) -> list[str]:
    lines = []
    for tr in _rows(tbl):
        texts = [cell_text(tc, numbering).replace("\n", " ") for tc in _children(tr, W + "tc")]
        if any(texts):
            lines.append("\t".join(texts))
    return lines


def _collect(element: _Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:  # comments and processing instructions have no str tag
            continue
        if tag == W + "r" and _is_on(_first(child, W + "rPr"), "vanish"):
            continue  # hidden text is not printed
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "sym":
            parts.append(_symbol(child))
        elif tag == W + "p":  # a paragraph of a text box inside this one
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            _collect(child, parts)
        elif tag == W + "tbl":  # a table inside a text box
            parts.append("\n" + "\n".join(_flat_table(child)) + "\n")
        else:
            _collect(child, parts)


def _symbol(sym: _Element) -> str:
    font = (sym.get(W + "font") or "").lower()
    try:
        code = int(sym.get(W + "char") or "", 16)
    except ValueError:
        return ""
    if code >= 0xF000:  # symbol fonts are addressed through the private use area F000-F0FF
        code -= 0xF000
    table = _SYMBOLS.get(font)
    if table is not None:
        return table.get(code, "")
    return chr(code) if code >= 0x20 else ""


def _stitch(items: list[Block | _Table]) -> list[Block]:
    """Join tables continued across pages; turn the remaining tables into Grid blocks."""
    blocks: list[Block] = []
    previous: _Table | None = None
    for item in items:
        if not isinstance(item, _Table):
            blocks.append(item)
            previous = None
            continue
        if previous is not None and item.blank_before and _continues(previous, item):
            _append(previous, item)
            continue
        blocks.append(item.grid)
        previous = item
    return blocks


def _continues(above: _Table, below: _Table) -> bool:
    if above.n_cols != below.n_cols or not below.grid.rows or not below.grid.rows[0]:
        return False
    header = below.grid.row_texts()[0]
    if sum(1 for text in header if text.strip()) < 2 or below.grid.rows[0][0].rowspan > 1:
        return False
    header_layout = _layout(below.grid.rows[0])
    for r, texts in enumerate(above.grid.row_texts()):
        if texts == header and _layout(above.grid.rows[r]) == header_layout:
            return True
    return False


def _layout(row: list[Cell]) -> list[tuple[int, int]]:
    return [(cell.col, cell.colspan) for cell in row]


def _append(above: _Table, below: _Table) -> None:
    """Add ``below``'s rows, without its repeated header row, to ``above``'s grid."""
    offset = len(above.grid.rows) - 1  # the header row (row 0 of below) is dropped: below's row 1 follows
    last_row = len(above.grid.rows) - 1
    for row in below.grid.rows[1:]:
        for cell in row:
            cell.row += offset
        above.grid.rows.append(row)
    for orphan in below.orphans:
        upper = above.grid.at(last_row, orphan.col)
        if orphan.row != last_row + 1 or upper is None or (upper.col, upper.colspan) != (orphan.col, orphan.colspan):
            continue
        # the page break cut a vertically merged cell: its rest joins the part above
        above.grid.rows[orphan.row].remove(orphan)
        upper.rowspan += orphan.rowspan
        if orphan.text:
            upper.text = f"{upper.text}\n{orphan.text}" if upper.text else orphan.text
    above.orphans.extend(o for o in below.orphans if any(o is c for row in above.grid.rows for c in row))
    above.last_number = below.number
    above.grid.ref = f"tables {above.number}-{above.last_number}"
