"""Nothing a PDF table prints is lost in silence: every line of text inside a table's frame, on every page of
every published PDF in ``tests/data/real-world``, ends up in a cell of a grid that covers that page, or in a
warning that names the page and the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.grid import SourceDocument
from jixiao.readers.limits import DEFAULT_LIMITS
from jixiao.readers.pdf import page_tables, read_pdf
from jixiao.readers.pdf_lines import group_lines
from jixiao.readers.pdf_page import Char, read_page

REAL_WORLD = Path(__file__).parents[1] / "data" / "real-world"
PDFS = sorted(REAL_WORLD.glob("*.pdf"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages_of(ref: str | None) -> range:
    found = re.match(r"pages? (\d+)(?:-(\d+))?", ref or "")
    assert found, ref
    first = int(found.group(1))
    return range(first, int(found.group(2) or first) + 1)


def _inside(char: Char, box: tuple[float, float, float, float]) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _printed_lines(path: Path) -> dict[int, list[str]]:
    """Per page, the text lines inside each table's cells and inside its frame outside any cell."""
    import pypdfium2

    out: dict[int, list[str]] = {}
    pdf = pypdfium2.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            content = read_page(page)
            page.close()
            lines: list[str] = []
            for table in page_tables(content):
                framed = [ch for ch in content.chars if _inside(ch, table.bbox)]
                placed: set[int] = set()
                for cell in table.cells:
                    box = (cell.x0, cell.top, cell.x1, cell.bottom)
                    chars = [ch for ch in framed if id(ch) not in placed and _inside(ch, box)]
                    placed.update(id(ch) for ch in chars)
                    lines.extend(line.text for line in group_lines(chars))
                lines.extend(line.text for line in group_lines([ch for ch in framed if id(ch) not in placed]))
            out[index + 1] = [text for text in map(_norm, lines) if text]
    finally:
        pdf.close()
    return out


def _read(path: Path) -> SourceDocument:
    return read_pdf(path.read_bytes(), path.name, DEFAULT_LIMITS)


def test_every_published_pdf_is_tested() -> None:
    assert len(PDFS) == 8


@pytest.mark.slow
@pytest.mark.parametrize("path", PDFS, ids=[path.name for path in PDFS])
def test_every_line_inside_a_table_frame_is_in_a_cell_or_a_warning(path: Path) -> None:
    document = _read(path)
    cells_by_page: dict[int, list[str]] = {}
    for grid in document.grids():
        texts = [_norm(cell.text) for cell in grid.cells()]
        for page in _pages_of(grid.ref):
            cells_by_page.setdefault(page, []).extend(texts)
    warnings = [_norm(warning) for warning in document.warnings]
    printed = _printed_lines(path)
    assert sum(len(lines) for lines in printed.values()) > 0
    lost = []
    for page, lines in printed.items():
        haystack = "\x00".join(cells_by_page.get(page, []))
        for line in lines:
            if line not in haystack and not any(f"page{page}" in w and line in w for w in warnings):
                lost.append((page, line))
    assert not lost, lost[:20]
