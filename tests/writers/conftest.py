"""Shared fixtures of the writer tests: the gold documents and one batch of PDFs per test session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jixiao.model import Document
from jixiao.writers import LAYOUTS, docx_for_pdf

TESTS = Path(__file__).parents[1]
GOLD = TESTS / "data" / "gold"
ARTIFACTS = TESTS / "artifacts"
GOLD_FILES = sorted(GOLD.glob("*.json"))
GOLD_IDS = [p.name[:3] for p in GOLD_FILES]
PDF_ARTIFACTS = ARTIFACTS / "writers"
#: The layouts that print target tables (the gold documents here); self-evaluation layouts have their own tests.
TARGET_LAYOUTS = [name for name, layout in LAYOUTS.items() if layout.prints_table("project_target", None)]


def load_gold(path: Path) -> Document:
    return Document.from_dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def golds() -> dict[str, Document]:
    return {name: load_gold(path) for name, path in zip(GOLD_IDS, GOLD_FILES, strict=True)}


def needs_libreoffice() -> None:
    from jixiao.writers._pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")


def full_document() -> Document:
    """Gold 003's first table with every field of the model set, and gold 001's narrative."""
    data = json.loads(next(GOLD.glob("003_*.json")).read_text(encoding="utf-8"))
    plans = json.loads(next(GOLD.glob("001_*.json")).read_text(encoding="utf-8"))["department_plans"]
    table = data["tables"][0]
    table.update(
        seq=1,
        title="医保服务与保障能力提升绩效目标表",
        year=2024,
        implementing_unit="重庆市长寿区医疗保障事务中心",
        project_attribute="经常性项目",
        purpose="用于医保经办服务。",
        spending_plan=[{"label": "6月底", "percent": "50"}, {"label": "12月底", "percent": "100"}],
        midterm_goal="三年内全面提升医保服务能力。",
        midterm_period="2024-2026",
    )
    table["funds"].update(other="0", midterm_total="510", midterm_fiscal="510", midterm_other="0")
    for i, indicator in enumerate(table["indicators"]):
        indicator.update(description=f"描述{i}", basis=f"依据{i}")
    data.update(tables=[table], department_plans=plans)
    return Document.from_dict(data)


@pytest.fixture(scope="session")
def full() -> Document:
    return full_document()


@pytest.fixture(scope="session")
def pdfs(
    golds: dict[str, Document], full: Document, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Path]:
    """Every gold document in every layout (and the full document in national) as PDF, made by ONE
    LibreOffice start; kept under tests/artifacts/writers."""
    needs_libreoffice()
    from jixiao.writers._pdf import convert_to_pdf

    work = tmp_path_factory.mktemp("pdf")
    documents = {**golds, "full": full}
    keys = [(name, layout) for name in golds for layout in TARGET_LAYOUTS] + [("full", "national")]
    sources = []
    for name, layout in keys:
        source = work / f"{name}_{layout}.docx"
        source.write_bytes(docx_for_pdf(documents[name], layout=layout))
        sources.append(source)
    PDF_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    targets = [PDF_ARTIFACTS / f"{name}_{layout}.pdf" for name, layout in keys]
    convert_to_pdf(sources, targets, timeout=600)
    for source in sources:  # keep the Word files beside the PDFs for a look
        shutil.copyfile(source, PDF_ARTIFACTS / source.name)
    return dict(zip(keys, targets, strict=True))
