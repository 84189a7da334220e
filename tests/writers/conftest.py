"""Shared fixtures of the writer tests: the gold documents and one batch of PDFs per test session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jixiao.model import Document
from jixiao.writers import LAYOUTS, render_bytes

TESTS = Path(__file__).parents[1]
GOLD = TESTS / "data" / "gold"
ARTIFACTS = TESTS / "artifacts"
GOLD_FILES = sorted(GOLD.glob("*.json"))
GOLD_IDS = [p.name[:3] for p in GOLD_FILES]
PDF_ARTIFACTS = ARTIFACTS / "writers"


def load_gold(path: Path) -> Document:
    return Document.from_dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def golds() -> dict[str, Document]:
    return {name: load_gold(path) for name, path in zip(GOLD_IDS, GOLD_FILES, strict=True)}


def needs_libreoffice() -> None:
    from jixiao.writers._pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")


@pytest.fixture(scope="session")
def pdfs(golds: dict[str, Document], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every gold document in every layout as PDF, made by ONE LibreOffice start; kept under tests/artifacts."""
    needs_libreoffice()
    from jixiao.writers._pdf import convert_to_pdf

    work = tmp_path_factory.mktemp("pdf")
    keys = [(name, layout) for name in golds for layout in LAYOUTS]
    sources = []
    for name, layout in keys:
        source = work / f"{name}_{layout}.docx"
        source.write_bytes(render_bytes(golds[name], to="docx", layout=layout))
        sources.append(source)
    PDF_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    targets = [PDF_ARTIFACTS / f"{name}_{layout}.pdf" for name, layout in keys]
    convert_to_pdf(sources, targets, timeout=600)
    for source in sources:  # keep the Word files beside the PDFs for a look
        shutil.copyfile(source, PDF_ARTIFACTS / source.name)
    return dict(zip(keys, targets, strict=True))
