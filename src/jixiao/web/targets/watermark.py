"""Marking a rendered file that is not the approved text: a watermark (草稿 / 审核中) on every page and a status line.

Applied to the bytes the core writers made, so the writers and the jixiao/1 document stay untouched: Word gets
Word's own text watermark (a VML shape in each page header, which LibreOffice keeps when it makes the PDF) and
a first paragraph; HTML a fixed, rotated word and a banner; a workbook the word in every sheet's printed header
and the line in its properties. JSON and CSV are data, not prints: they are not marked.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

__all__ = ["MARKABLE_FORMATS", "Marking", "mark"]

MARKABLE_FORMATS = ("docx", "pdf", "html", "xlsx")

_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Word's "text watermark": the WordArt shape type 136 rotated across the page, behind the text
_WATERMARK_RUN = f"""<w:r xmlns:w="{_W}" xmlns:v="{_V}" xmlns:o="{_O}"><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>
<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>
<v:shape id="PowerPlusWaterMarkObject{{n}}" o:spid="_x0000_s{{spid}}" type="#_x0000_t136" o:allowincell="f"
 style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:160pt;rotation:315;z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin"
 fillcolor="#c0c0c0" stroked="f"><v:fill opacity=".45"/>
<v:textpath style="font-family:&quot;Noto Sans CJK SC&quot;;font-size:1pt" string={{word}}/></v:shape>
</w:pict></w:r>"""


@dataclass(frozen=True)
class Marking:
    """``word`` across every page (草稿 / 审核中); ``line`` says which tables are not the approved text."""

    word: str
    line: str


def mark(data: bytes, fmt: str, marking: Marking) -> bytes:
    """``data`` (a file of format ``fmt``) with the watermark and the status line; other formats unchanged."""
    if fmt in ("docx", "pdf"):  # a PDF is marked in the Word file it is made from
        return _mark_docx(data, marking)
    if fmt == "html":
        return _mark_html(data, marking)
    if fmt == "xlsx":
        return _mark_xlsx(data, marking)
    return data


def _mark_docx(data: bytes, marking: Marking) -> bytes:
    from docx import Document as WordDocument
    from docx.oxml import parse_xml
    from docx.shared import Pt, RGBColor

    word = WordDocument(io.BytesIO(data))
    for n, section in enumerate(word.sections):
        for header in {
            id(h): h for h in (section.header, section.first_page_header, section.even_page_header)
        }.values():
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            run_xml = _WATERMARK_RUN.replace("{n}", str(n)).replace("{spid}", str(2049 + n))
            paragraph._p.append(parse_xml(run_xml.replace("{word}", quoteattr(marking.word))))
    body = word.element.body
    line = word.add_paragraph()  # made at the end, then moved to the top of the body
    run = line.add_run(marking.line)
    run.bold = True
    run.font.size = Pt(11)
    run.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
    body.remove(line._p)
    body.insert(0, line._p)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


_HTML_STYLE = (
    "<style>.jixiao-watermark{position:fixed;top:40%;left:0;right:0;text-align:center;font-size:120px;"
    "color:rgba(160,160,160,.35);transform:rotate(-30deg);pointer-events:none;z-index:1000}"
    ".jixiao-status{border:2px solid #a00;color:#a00;font-weight:bold;padding:.4em .8em;margin:.5em 0}</style>"
)


def _mark_html(data: bytes, marking: Marking) -> bytes:
    text = data.decode("utf-8")
    banner = (
        f'<div class="jixiao-watermark" aria-hidden="true">{escape(marking.word)}</div>'
        f'<p class="jixiao-status" role="note">{escape(marking.line)}</p>'
    )
    text = text.replace("</head>", _HTML_STYLE + "</head>", 1) if "</head>" in text else _HTML_STYLE + text
    text = text.replace("<body>", "<body>" + banner, 1) if "<body>" in text else banner + text
    return text.encode("utf-8")


def _mark_xlsx(data: bytes, marking: Marking) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        sheet.oddHeader.center.text = f"{marking.word}　{marking.line}"
        sheet.oddHeader.center.size = 14
        sheet.oddHeader.center.color = "A00000"
    book.properties.subject = marking.line
    book.properties.keywords = marking.word
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
