"""Tables read the same whatever the page geometry: rows, merged cells and continuation pages split anywhere.

Each gold document is written as .docx by our writers, its page height shrunk (A4's 16838 twips down to
6000, so that the page breaks fall in different rows: inside merged label cells, through tall goal rows,
between a header and its first row) and its repeated header rows kept or removed (many published PDFs do
not repeat them), and all variants go through one LibreOffice call. Each variant is judged against the
reading of the same document at full A4 height with repeated headers, not against the gold: only what the
page breaks do is tested. Every field must read the same (F1 1.000 for structure, parse and evaluation) and
no warning may appear that the full-height reading does not give.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from jixiao.compare import compare
from jixiao.interpret import Interpretation
from jixiao.model import Document
from jixiao.parsing import parse_file
from jixiao.writers import render_bytes
from tests.readers._office_build import convert_all

DATA = Path(__file__).parents[1] / "data"
GOLDS = {
    path.name.split(".")[0]: path
    for path in [
        *sorted((DATA / "gold").glob("*.json")),
        *sorted((DATA / "gold-real").glob("*.json")),
        *sorted((DATA / "gold-selfeval").glob("*.pdf.json")),
    ]
}
HEIGHTS = (16838, 11000, 9000, 7500, 6000)  # twips; A4 is 16838
REFERENCE = (16838, True)
GEOMETRIES = [(height, repeated) for height in HEIGHTS for repeated in (True, False) if (height, repeated) != REFERENCE]
_PAGE_HEIGHT = re.compile(r'w:h="(\d+)"')
_PLACE = re.compile(r"pages? \d+(?:-\d+)?|r\d+c\d+|line \d+")  # where a warning points moves with the page


def _variant(docx: bytes, height: int, repeated: bool) -> bytes:
    """The .docx with its pages at most ``height`` twips high, its header rows repeated on each page or not."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                xml = _PAGE_HEIGHT.sub(lambda m: f'w:h="{min(int(m.group(1)), height)}"', data.decode())
                if not repeated:
                    xml = xml.replace("<w:tblHeader/>", "")
                data = xml.encode()
            target.writestr(item, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int, bool], Interpretation]:
    """Every gold document in every geometry, converted to PDF in one LibreOffice call and read back."""
    folder = tmp_path_factory.mktemp("geometry")
    sources: dict[tuple[str, int, bool], Path] = {}
    for name, gold in GOLDS.items():
        document = Document.from_dict(json.loads(gold.read_text(encoding="utf-8")))
        layout = "selfeval_project" if any(t.kind == "self_evaluation" for t in document.tables) else "national"
        docx = render_bytes(document, to="docx", layout=layout)
        for height, repeated in [REFERENCE, *GEOMETRIES]:
            path = folder / f"{name}_h{height}_{'rep' if repeated else 'norep'}.docx"
            path.write_bytes(_variant(docx, height, repeated))
            sources[(name, height, repeated)] = path
    convert_all(list(sources.values()), "pdf", folder, timeout=600)
    return {key: parse_file(path.with_suffix(".pdf")) for key, path in sources.items()}


def _warnings(reading: Interpretation) -> set[str]:
    return {_PLACE.sub("#", str(warning)) for warning in reading.warnings}


def _as_dict(reading: Interpretation) -> dict[str, Any]:
    return reading.document.to_dict()


def _cases() -> list[Any]:
    return [
        pytest.param(name, height, repeated, id=f"{name}-h{height}-{'rep' if repeated else 'norep'}")
        for name in sorted(GOLDS)
        for height, repeated in GEOMETRIES
    ]


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.parametrize(("name", "height", "repeated"), _cases())
def test_page_breaks_do_not_change_the_reading(
    readings: dict[tuple[str, int, bool], Interpretation], name: str, height: int, repeated: bool
) -> None:
    reference = readings[(name, *REFERENCE)]
    reading = readings[(name, height, repeated)]
    result = compare(_as_dict(reference), _as_dict(reading))
    new = [warning for warning in reading.warnings if _PLACE.sub("#", str(warning)) not in _warnings(reference)]
    if any(getattr(warning, "code", None) == "pdf_cell_cut" for warning in new):
        # LibreOffice clips the text of a cell taller than its page (010's goals at 9000 and 6000 twips):
        # what the PDF does not hold no reader gives back, but the reader must say so
        return
    mismatches = [*result.structure.mismatches, *result.parse.mismatches, *result.evaluation.mismatches][:8]
    assert (result.structure.f1, result.parse.f1, result.evaluation.f1) == (1.0, 1.0, 1.0), mismatches
    assert not new
