"""Build small .docx files for reader tests: WordprocessingML fragments into python-docx's default package.

The fragments are written by hand so that each test states exactly the markup it is about (``w:gridSpan``,
``w:vMerge``, ``w:gridBefore`` …), the way Word, WPS and LibreOffice write it.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_from_body(*fragments: str) -> bytes:
    """A .docx whose body holds the given ``w:p`` / ``w:tbl`` fragments in order (before the section)."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    section = body[-1]
    wrapper = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(fragments)}</w:body>')
    for element in list(wrapper):
        section.addprevious(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def p(text: str = "", *, style: str | None = None, runs: str | None = None) -> str:
    """A paragraph of one run (or of the given raw runs)."""
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    content = runs if runs is not None else run(text)
    return f"<w:p>{properties}{content}</w:p>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def tc(*texts: str, span: int = 1, vmerge: str | None = None, hmerge: str | None = None, raw: str = "") -> str:
    """A cell with one paragraph per text; ``vmerge`` "restart" / "continue" ("" writes a bare w:vMerge)."""
    properties = ""
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if hmerge is not None:
        properties += f'<w:hMerge w:val="{hmerge}"/>' if hmerge else "<w:hMerge/>"
    if vmerge is not None:
        properties += f'<w:vMerge w:val="{vmerge}"/>' if vmerge else "<w:vMerge/>"
    paragraphs = "".join(p(text) for text in texts) or "<w:p/>"
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraphs}{raw}</w:tc>"


def tr(*cells: str, before: int = 0, after: int = 0, header: bool = False) -> str:
    properties = ""
    if before:
        properties += f'<w:gridBefore w:val="{before}"/>'
    if after:
        properties += f'<w:gridAfter w:val="{after}"/>'
    if header:
        properties += "<w:tblHeader/>"
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int) -> str:
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def replace_member(data: bytes, member: str, content: bytes) -> bytes:
    """The same package with one member's content replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info))
        target.writestr(member, content)
    return buffer.getvalue()


def body_xml(*fragments: str) -> bytes:
    """A bare word/document.xml around the given body fragments."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(fragments)}</w:body></w:document>'
    ).encode()
