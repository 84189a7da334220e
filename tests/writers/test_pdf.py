"""PDF output through LibreOffice: pages as PNG (kept as artefacts), no blank page, every indicator in the text,
Chinese fonts mapped to Noto CJK SC, one LibreOffice start for many documents, and failures that say so."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.errors import WriteError
from jixiao.model import Document
from jixiao.writers import LAYOUTS, render_bytes, write, write_pdfs
from jixiao.writers import _pdf as pdf_module
from jixiao.writers._compose import Para, compose
from tests.writers.conftest import TARGET_LAYOUTS

GOLD_IDS = ["000", "001", "002", "003"]
_SPACE = re.compile(r"\s+")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def _pages_text(pdf: Path) -> list[str]:
    out = subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return [_SPACE.sub("", page) for page in out.stdout.decode("utf-8").split("\f")[:-1]]


def _cell_texts(pdf: Path) -> set[str]:
    """The text of every table cell of the PDF (pdftotext interleaves neighbouring cells of wrapped text)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    cells: set[str] = set()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for table in page.extract_tables():
                cells.update(_SPACE.sub("", cell) for row in table for cell in row if cell)
    return cells


def _png_pages(pdf: Path, out_dir: Path) -> list[Path]:
    prefix = out_dir / pdf.stem
    for old in out_dir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run([_tool("pdftoppm"), "-r", "40", "-png", str(pdf), str(prefix)], check=True, timeout=300)
    return sorted(out_dir.glob(f"{pdf.stem}-*.png"))


def _ink(png: Path) -> float:
    """Share of non-white pixels on a page."""
    from PIL import Image

    with Image.open(png) as image:
        gray = image.convert("L")
        histogram = gray.histogram()
    dark = sum(histogram[:200])
    return dark / (gray.width * gray.height)


@pytest.mark.libreoffice
@pytest.mark.parametrize("layout", TARGET_LAYOUTS)
@pytest.mark.parametrize("name", GOLD_IDS)
def test_pdf_pages_are_rendered_none_blank_and_every_indicator_is_in_the_text(
    pdfs: dict[tuple[str, str], Path], golds: dict[str, Document], name: str, layout: str
) -> None:
    pdf = pdfs[(name, layout)]
    doc = golds[name]
    pages = _png_pages(pdf, pdf.parent)
    texts = _pages_text(pdf)
    assert len(pages) == len(texts)
    for png in pages:
        assert _ink(png) > 0.004, f"{png.name} looks blank"
    # each table starts a page of its own, in order; long tables continue on further pages
    titles = [_SPACE.sub("", b.text) for p in compose(doc, LAYOUTS[layout]) for b in p.blocks
              if isinstance(b, Para) and b.style == "title"]  # fmt: skip
    tops = [text.removeprefix("第二部分预算项目绩效目标") for text in texts]
    opening = [i for i, top in enumerate(tops) if any(top.startswith(title) for title in titles)]
    assert len(opening) == len(doc.tables)
    narrative = LAYOUTS[layout].narrative and bool(doc.department_plans)
    assert (opening[0] > 0) is narrative
    cells = _cell_texts(pdf)
    missing = [i.name for t in doc.tables for i in t.indicators if i.name and _SPACE.sub("", i.name) not in cells]
    assert missing == []


@pytest.mark.libreoffice
def test_lulong_pdf_opens_with_the_narrative_part(pdfs: dict[tuple[str, str], Path]) -> None:
    texts = _pages_text(pdfs[("001", "lulong")])
    assert texts[0].startswith("第一部分部门整体绩效目标一、总体绩效目标")
    second_part = next(i for i, t in enumerate(texts) if t.startswith("第二部分预算项目绩效目标"))
    assert second_part >= 2  # the narrative is long enough for two pages
    assert "1.基金监管经费f绩效目标表" in texts[second_part]


@pytest.mark.libreoffice
def test_repeated_header_row_appears_on_continuation_pages(pdfs: dict[tuple[str, str], Path]) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdfs[("002", "luan")]) as document:
        pages = [
            {_SPACE.sub("", cell) for table in page.extract_tables() for row in table for cell in row if cell}
            for page in document.pages
        ]
    assert len(pages) > 3  # three tables of 12 to 23 rows do not fit three pages
    assert all("中长期指标值" in cells and "本年度指标值" in cells for cells in pages)


@pytest.mark.libreoffice
def test_pdf_embeds_noto_cjk_and_the_alias_file_maps_song_and_hei_to_sc_faces(
    pdfs: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    out = subprocess.run([_tool("pdffonts"), str(pdfs[("000", "tianjin")])], capture_output=True, check=True)
    fonts = out.stdout.decode()
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts and "DejaVu" not in fonts
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        pytest.skip("fontconfig tools are not installed")
    conf = tmp_path / "fonts.conf"
    conf.write_text(pdf_module._FONTS_CONF.format(aliases=pdf_module.ALIASES_FILE, cache=tmp_path), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    expect = {"宋体": "Noto Serif CJK SC", "仿宋_GB2312": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"}
    for family, face in expect.items():
        found = subprocess.run([fc_match, family, "family"], capture_output=True, env=env, check=True).stdout.decode()
        assert found.split(",")[0].strip() == face, family


class _Counter:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.real = subprocess.Popen

    def __call__(self, command: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        self.calls.append(command)
        return self.real(command, **kwargs)  # type: ignore[call-overload, no-any-return]


@pytest.mark.libreoffice
def test_fourteen_tables_take_one_libreoffice_start(
    golds: dict[str, Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = _Counter()
    monkeypatch.setattr(pdf_module.subprocess, "Popen", counter)
    doc = golds["001"]
    singles = [doc.model_copy(update={"tables": [t], "department_plans": []}) for t in doc.tables]
    targets = [tmp_path / f"t{i:02d}.pdf" for i in range(len(singles))]
    assert write_pdfs(zip(singles, targets, strict=True), layout="lulong") == targets
    bound = write(doc, tmp_path / "bound.pdf", to="pdf", layout="lulong")
    assert len(counter.calls) == 2  # fourteen files in one start, and the bound document in one more
    assert sum(1 for arg in counter.calls[0] if arg.endswith(".docx")) == 14
    assert all(t.read_bytes().startswith(b"%PDF") for t in [*targets, bound])
    assert any(arg.startswith("-env:UserInstallation=file://") for arg in counter.calls[0])


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_libreoffice_that_writes_nothing_is_an_error(
    golds: dict[str, Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: _fake_soffice(tmp_path, "sys.exit(0)"))
    target = tmp_path / "x.pdf"
    with pytest.raises(WriteError, match="LibreOffice produced no PDF") as info:
        write(golds["000"], target, to="pdf")
    assert info.value.path == str(target) and not target.exists()


def test_libreoffice_is_killed_after_the_timeout(
    golds: dict[str, Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: _fake_soffice(tmp_path, "time.sleep(60)"))
    with pytest.raises(WriteError, match=r"did not finish within 1 s"):
        write_pdfs([(golds["000"], tmp_path / "x.pdf")], timeout=1)
    assert not (tmp_path / "x.pdf").exists()


def test_missing_libreoffice_is_an_error(
    golds: dict[str, Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    with pytest.raises(WriteError, match=r"LibreOffice .* is not installed"):
        render_bytes(golds["000"], to="pdf")
