"""Word (.docx) output: real Word tables built as WordprocessingML, on python-docx's package.

Tables are written as XML directly (python-docx's ``cell()`` is quadratic, see ``domain/stack.md``):
merged cells carry ``w:gridSpan`` and ``w:vMerge restart/continue``; the indicator header row carries
``w:tblHeader`` so that Word and LibreOffice repeat it on every page; rows do not split across pages.
Fonts are set for East Asian text (宋体 body, 黑体 titles and headings) as well as Latin text; A4, landscape
where the layout's table is wide; page numbers in the footer (``- 1 -``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from jixiao.writers._blocks import Cell, Page, Para, Table, clean_text

__all__ = ["render_docx"]

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

A4 = (11906, 16838)  # twentieths of a point
_MARGIN = 1134  # 2 cm
_MARGIN_LR = 1134
_LATIN = "Times New Roman"
_SONG, _HEI = "宋体", "黑体"

# paragraph style: (east asian font, half-points, bold, alignment, space before/after (twips), first line indent)
_PARA: dict[str, tuple[str, int, bool, str, int, int, int]] = {
    "title": (_HEI, 32, False, "center", 120, 120, 0),
    "subtitle": (_SONG, 24, False, "center", 0, 60, 0),
    "part": (_HEI, 32, False, "center", 240, 120, 0),
    "part_name": (_HEI, 32, False, "center", 0, 240, 0),
    "heading": (_HEI, 28, False, "left", 120, 60, 0),
    "body": (_SONG, 24, False, "both", 0, 0, 480),
    "left": (_SONG, 21, False, "left", 0, 60, 0),
    "right": (_SONG, 21, False, "right", 0, 60, 0),
}
_CELL_SIZE = 21  # 10.5 pt (五号)
_HEAD_SIZE = 21


def _rpr(font: str, size: int, *, bold: bool = False) -> str:
    b = "<w:b/><w:bCs/>" if bold else ""
    return (
        f'<w:rPr><w:rFonts w:ascii="{_LATIN}" w:hAnsi="{_LATIN}" w:eastAsia="{font}" w:cs="{_LATIN}" w:hint="eastAsia"/>'
        f'{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )


def _run(text: str, rpr: str) -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def _para_xml(para: Para, *, page_break: bool, sect: str = "") -> str:
    font, size, bold, jc, before, after, indent = _PARA[para.style]
    brk = "<w:pageBreakBefore/>" if page_break else ""
    ind = f'<w:ind w:firstLine="{indent}"/>' if indent else ""
    spacing = f'<w:spacing w:before="{before}" w:after="{after}" w:line="{360 if para.style == "body" else 240}" w:lineRule="auto"/>'
    ppr = f'<w:pPr>{brk}<w:keepNext/>{spacing}{ind}<w:jc w:val="{jc}"/>{sect}</w:pPr>'
    if para.style in ("body",):
        ppr = ppr.replace("<w:keepNext/>", "")
    return f"<w:p>{ppr}{_run(para.text, _rpr(font, size, bold=bold))}</w:p>"


def _cell_xml(cell: Cell | None, width: int, span: int, *, vmerge: str | None, header: bool, space: str) -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    if cell is not None and not cell.border:
        props.append(
            "<w:tcBorders>"
            + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right"))
            + "</w:tcBorders>"
        )
    if cell is not None and cell.role in ("label", "head"):
        props.append('<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if cell.role == "head" else "")
    props.append('<w:vAlign w:val="center"/>')
    tcpr = "<w:tcPr>" + "".join(props) + "</w:tcPr>"
    if cell is None or vmerge == "continue":
        return f'<w:tc>{tcpr}<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p></w:tc>'
    font = _HEI if cell.role == "head" else _SONG
    rpr = _rpr(font, _HEAD_SIZE if header else _CELL_SIZE, bold=False)
    paras = []
    for line in cell.lines:
        line = line.replace(" ", space)
        ppr = f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="auto"/><w:jc w:val="{_jc(cell)}"/></w:pPr>'
        paras.append(f"<w:p>{ppr}{_run(line, rpr)}</w:p>")
    return f"<w:tc>{tcpr}{''.join(paras)}</w:tc>"


def _jc(cell: Cell) -> str:
    return {"left": "left", "center": "center", "right": "right"}[cell.align]


def _table_xml(table: Table, text_width: int, space: str = " ") -> str:
    total = sum(table.widths) or 1
    cols = [int(text_width * w / total) for w in table.widths]
    n_rows, n_cols = table.n_rows, table.n_cols
    # owner[r][c]: the cell covering (r, c)
    owner: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                owner[r][c] = cell
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
        + "</w:tblGrid>"
    ]
    for r in range(n_rows):
        header = r < table.header_rows
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        row = [f"<w:tr>{trpr}"]
        c = 0
        while c < n_cols:
            owned = owner[r][c]
            if owned is None:
                row.append(_cell_xml(None, cols[c], 1, vmerge=None, header=header, space=space))
                c += 1
                continue
            cell = owned
            span = cell.colspan
            width = sum(cols[c : c + span])
            vmerge = ("restart" if cell.row == r else "continue") if cell.rowspan > 1 else None
            row.append(_cell_xml(cell, width, span, vmerge=vmerge, header=header, space=space))
            c += span
        row.append("</w:tr>")
        parts.append("".join(row))
    parts.append("</w:tbl>")
    return "".join(parts)


def _sect_xml(landscape: bool, footer_ref: str, *, declare: bool = True) -> str:
    w, h = (A4[1], A4[0]) if landscape else A4
    orient = ' w:orient="landscape"' if landscape else ""
    ns = f" {_W} {_R}" if declare else ""
    return (
        f"<w:sectPr{ns}>{footer_ref}"
        f'<w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
        f'<w:pgMar w:top="{_MARGIN}" w:right="{_MARGIN_LR}" w:bottom="{_MARGIN}" w:left="{_MARGIN_LR}" '
        'w:header="567" w:footer="567" w:gutter="0"/>'
        '<w:pgNumType w:fmt="decimal"/><w:docGrid w:linePitch="312"/></w:sectPr>'
    )


def _text_width(landscape: bool) -> int:
    return (A4[1] if landscape else A4[0]) - 2 * _MARGIN_LR


@dataclass(frozen=True, slots=True)
class _Frame:
    """The package every output shares: python-docx's template with our styles and footer, built once."""

    parts: tuple[tuple[str, bytes], ...]  # (name, content) in package order, word/document.xml excluded
    document_head: str  # the XML declaration and the opening w:document and w:body tags
    footer_ref: str  # the w:footerReference of the page-number footer, for every section


@lru_cache(maxsize=1)
def _frame() -> _Frame:
    import docx  # lazy: python-docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    _set_defaults(document)
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]._p
    paragraph.append(parse_xml(f'<w:pPr {_W}><w:jc w:val="center"/></w:pPr>'))
    rpr = _rpr(_SONG, 21)
    for xml in (
        _run("- ", rpr),
        f'<w:fldSimple w:instr=" PAGE "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>',
        _run(" -", rpr),
    ):
        paragraph.append(
            parse_xml(xml.replace("<w:r>", f"<w:r {_W}>", 1).replace("<w:fldSimple ", f"<w:fldSimple {_W} ", 1))
        )
    sect = document.element.body.find(qn("w:sectPr"))
    ref = sect.find(qn("w:footerReference"))
    rid = ref.get(qn("r:id")) if ref is not None else None
    footer_ref = f'<w:footerReference w:type="default" r:id="{rid}"/>' if rid else ""
    buffer = io.BytesIO()
    document.save(buffer)
    parts = []
    head = ""
    with zipfile.ZipFile(buffer) as package:
        for name in package.namelist():
            data = package.read(name)
            if name == "word/document.xml":
                text = data.decode("utf-8")
                head = text[: text.index("<w:body>") + len("<w:body>")]
                continue
            if name == "docProps/thumbnail.jpeg":  # python-docx's picture of an empty page
                continue
            if name == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", data)
            parts.append((name, data))
    return _Frame(parts=tuple(parts), document_head=head, footer_ref=footer_ref)


def render_docx(pages: Sequence[Page], *, title: str = "", for_pdf: bool = False) -> bytes:
    """The pages as one .docx: each page starts on a new page; orientation changes open a new section.

    ``for_pdf`` writes the spaces inside table cells as no-break spaces: LibreOffice still wraps a line
    after one (before a Chinese character), but it then writes the space into the PDF's text layer, where
    a reader can tell a wrap at a space from a soft wrap inside a word.

    The body is written as WordprocessingML text into the shared frame (styles, footer, settings), so that
    a table takes a few milliseconds, not the tens python-docx needs to open and save a package.
    """
    frame = _frame()
    xml_parts: list[str] = [frame.document_head]
    for i, page in enumerate(pages):
        width = _text_width(page.landscape)
        first = True
        for block in page.blocks:
            if isinstance(block, Para):
                xml_parts.append(_para_xml(block, page_break=first and i > 0))
            else:
                if first and i > 0:
                    xml_parts.append(_para_xml(Para("", "left"), page_break=True))
                xml_parts.append(_table_xml(block, width, "\u00a0" if for_pdf else " "))
                xml_parts.append(_spacer())
            first = False
        nxt = pages[i + 1] if i + 1 < len(pages) else None
        if nxt is not None and nxt.landscape != page.landscape:
            # close this section: the section properties ride on a paragraph of their own
            sect = _sect_xml(page.landscape, frame.footer_ref, declare=False)
            xml_parts.append(f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{sect}</w:pPr></w:p>')
    last = pages[-1].landscape if pages else False
    xml_parts.append(_sect_xml(last, frame.footer_ref, declare=False))
    xml_parts.append("</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in frame.parts:
            if name == "docProps/core.xml":
                data = _core_properties(title)
            package.writestr(name, data)
            if name == "[Content_Types].xml":
                package.writestr("word/document.xml", "".join(xml_parts).encode("utf-8"))
    return buffer.getvalue()


def _core_properties(title: str) -> bytes:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(clean_text(title))}</dc:title><dc:creator>jixiao</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _spacer() -> str:
    """A tiny paragraph between two tables so that Word keeps them apart (and the page flows)."""
    return '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>'


def _set_defaults(document: object) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles = document.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    normal.font.name = _LATIN
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), _SONG)
    fonts.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        from docx.oxml import OxmlElement

        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:val"), "zh-CN")
