"""Test helpers: the gold documents printed to PDF as Word and Calc would print them, setups varied.

A variant of a written .docx changes what makes text wrap elsewhere: the cell font size, the table's column
widths (every column scaled) and the orientation (each section turned, its tables rescaled to the new text
width). A variant of a written .xlsx changes its print setup: paper size, orientation, print titles
(``_xlnm.Print_Titles``) and fit-to-width. All variants of a module go through one LibreOffice call.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from jixiao.interpret import Interpretation
from jixiao.model import Document
from jixiao.parsing import parse_file
from jixiao.writers import render_bytes
from tests.readers._office_build import convert_all

DATA = Path(__file__).parents[1] / "data"
Setup = TypeVar("Setup")
GOLDS = {
    path.name.split(".")[0]: path
    for path in [
        *sorted((DATA / "gold").glob("*.json")),
        *sorted((DATA / "gold-real").glob("*.json")),
        *sorted((DATA / "gold-selfeval").glob("*.pdf.json")),
    ]
}

_CELL_SIZE = re.compile(r'<w:(sz|szCs) w:val="21"/>')  # the writer's cell text, 10.5 pt
_PAGE_SIZE = re.compile(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"( w:orient="landscape")?/>')
_WIDTH = re.compile(r'(<w:(?:gridCol|tcW|tblW) w:w=")(\d+)(")')
_LEFT_MARGIN = re.compile(r'w:left="(\d+)"')
_PAGE_SETUP = re.compile(r"<pageSetup [^>]*/>")
_FIT = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
_PRINT_TITLES = re.compile(r'<definedName name="_xlnm.Print_Titles"[^>]*>[^<]*</definedName>')


@dataclass(frozen=True)
class WordSetup:
    size: int = 21  # half-points of the cell text
    scale: float = 1.0  # of every column width
    turned: bool = False  # each section's orientation swapped, its tables rescaled to the new text width


@dataclass(frozen=True)
class CalcSetup:
    paper: int = 9  # SpreadsheetML paperSize: 9 A4, 11 A5, 13 B5, 1 Letter, 8 A3
    orientation: str | None = None  # None: as written
    titles: bool = True  # the header rows repeated on each page
    fit: bool = True  # fit to the page width


def layout_of(document: Document) -> str:
    return "selfeval_project" if any(t.kind == "self_evaluation" for t in document.tables) else "national"


def gold_document(name: str) -> Document:
    return Document.from_dict(json.loads(GOLDS[name].read_text(encoding="utf-8")))


def word_variant(docx: bytes, setup: WordSetup) -> bytes:
    def rewrite(xml: str) -> str:
        xml = _CELL_SIZE.sub(lambda m: f'<w:{m.group(1)} w:val="{setup.size}"/>', xml)
        pieces = re.split(r"(</w:sectPr>)", xml)  # each section: its content up to its w:sectPr
        sections = ["".join(pieces[i : i + 2]) for i in range(0, len(pieces), 2)]
        return "".join(_section(section, setup) for section in sections)

    return _rewrite_zip(docx, {"word/document.xml": rewrite})


def _section(xml: str, setup: WordSetup) -> str:
    factor = setup.scale
    size = _PAGE_SIZE.search(xml)
    if setup.turned and size:
        width, height = int(size.group(1)), int(size.group(2))
        margin = int(m.group(1)) if (m := _LEFT_MARGIN.search(xml)) else 0
        factor *= (height - 2 * margin) / (width - 2 * margin)
        landscape = "" if size.group(3) else ' w:orient="landscape"'
        xml = _PAGE_SIZE.sub(f'<w:pgSz w:w="{height}" w:h="{width}"{landscape}/>', xml)
    if factor != 1.0:
        xml = _WIDTH.sub(lambda m: f"{m.group(1)}{round(int(m.group(2)) * factor)}{m.group(3)}", xml)
    return xml


def calc_variant(xlsx: bytes, setup: CalcSetup) -> bytes:
    def sheet(xml: str) -> str:
        written = _PAGE_SETUP.search(xml)
        orientation = setup.orientation or ("landscape" if written and "landscape" in written.group(0) else "portrait")
        if setup.fit:
            page_setup = f'<pageSetup paperSize="{setup.paper}" fitToHeight="0" orientation="{orientation}"/>'
        else:
            page_setup = f'<pageSetup paperSize="{setup.paper}" scale="100" orientation="{orientation}"/>'
            xml = xml.replace(_FIT, "")
        return _PAGE_SETUP.sub(page_setup, xml) if written else xml

    def workbook(xml: str) -> str:
        return xml if setup.titles else _PRINT_TITLES.sub("", xml)

    return _rewrite_zip(xlsx, {"xl/worksheets/sheet": sheet, "xl/workbook.xml": workbook})


def _rewrite_zip(data: bytes, rewrites: dict[str, object]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            for prefix, rewrite in rewrites.items():
                if item.filename.startswith(prefix) and callable(rewrite):
                    content = rewrite(content.decode()).encode()
            target.writestr(item, content)
    return out.getvalue()


def written(name: str, to: str) -> bytes:
    document = gold_document(name)
    return render_bytes(document, to=to, layout=layout_of(document))


def print_and_read(
    folder: Path, to: str, setups: Mapping[str, Setup], variant: Callable[[bytes, Setup], bytes]
) -> dict[tuple[str, str], Interpretation]:
    """Each gold document written as ``to``, made into each of ``setups`` by ``variant``, all printed to PDF by
    one LibreOffice start and read back: (gold name, setup label) -> its reading."""
    sources: dict[tuple[str, str], Path] = {}
    for name in GOLDS:
        data = written(name, to)
        for label, setup in setups.items():
            path = folder / f"{name}__{label}.{to}"
            path.write_bytes(variant(data, setup))
            sources[(name, label)] = path
    convert_all(list(sources.values()), "pdf", folder, timeout=900)
    return {key: parse_file(path.with_suffix(".pdf")) for key, path in sources.items()}


def sweep_cases(setups: Iterable[str], known: Mapping[tuple[str, str], str]) -> list[Any]:
    """One case per gold document and setup; a known fault is a strict xfail whose reason names what is lost."""
    cases = []
    for name in sorted(GOLDS):
        for label in setups:
            reason = known.get((name, label))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(name, label, marks=marks, id=f"{name}-{label}"))
    return cases
