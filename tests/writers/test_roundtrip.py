"""Round trip: parse(export(doc)) equals doc on every field the layout carries, for .docx, .xlsx, .html, .pdf.

Scored with the core's comparator (structure and parse F1 must both be 1.000) after reducing both sides to
the layout's fields (:func:`jixiao.writers.layouts.carried`); what a layout cannot carry is listed in
``docs/layouts.md``. The PDFs come from the session's single LibreOffice run (``conftest.pdfs``).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from jixiao.model import Document
from jixiao.writers import LAYOUTS, render_bytes
from jixiao.writers.layouts import TABLE_FIELDS, carried
from tests.writers.conftest import TARGET_LAYOUTS

parsing = pytest.importorskip("jixiao.parsing")
compare_module = pytest.importorskip("jixiao.compare")

GOLD = Path(__file__).parents[1] / "data" / "gold"
GOLD_IDS = [p.name[:3] for p in sorted(GOLD.glob("*.json"))]


def _gold(name: str) -> dict[str, Any]:
    path = next(GOLD.glob(f"{name}_*.json"))
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _assert_round_trip(gold: dict[str, Any], written: Path, layout: str) -> None:
    ours = parsing.parse_file(written).document.to_dict()
    result = compare_module.compare(carried(gold, LAYOUTS[layout]), carried(ours, LAYOUTS[layout], reference=gold))
    wrong = [f"{m.path}: {m.gold!r} -> {m.ours!r}" for m in result.mismatches]
    assert (result.structure.f1, result.parse.f1) == (1.0, 1.0), "\n".join(wrong[:20])
    assert len(ours["tables"]) == len(gold["tables"])


@pytest.mark.parametrize("layout", TARGET_LAYOUTS)
@pytest.mark.parametrize("name", GOLD_IDS)
@pytest.mark.parametrize("to", ["docx", "xlsx", "html"])
def test_docx_xlsx_and_html_read_back_as_the_document(
    golds: dict[str, Document], tmp_path: Path, name: str, layout: str, to: str
) -> None:
    """The .xlsx as written by default, i.e. ending with the analysts' flat sheet, which the reading skips."""
    written = tmp_path / f"{name}_{layout}.{to}"
    written.write_bytes(render_bytes(golds[name], to=to, layout=layout))
    if to == "xlsx":
        assert zipfile.ZipFile(written).read("xl/workbook.xml").decode("utf-8").count('name="指标明细"') == 1
    _assert_round_trip(_gold(name), written, layout)


# LibreOffice may wrap a line right after a space (``; `` ``， `` before a Chinese character); the PDF reader
# keeps that space where the page's own lines show the habit, so these round trips hold exactly as well.
# One case is known to fail: in the tianjin form LibreOffice ends a line at ``90%； `` and PDFium drops a space
# that ends a line, on a page that otherwise sets ``；`` without one, so nothing in the text layer says it was
# there. Strict, so that the day the reader (or the writer) keeps it, this marker has to go.
_LINE_END_SPACE_LOST = {("002", "tianjin")}


@pytest.mark.libreoffice
@pytest.mark.parametrize("layout", TARGET_LAYOUTS)
@pytest.mark.parametrize("name", GOLD_IDS)
def test_pdf_reads_back_as_the_document(
    pdfs: dict[tuple[str, str], Path], name: str, layout: str, request: pytest.FixtureRequest
) -> None:
    if (name, layout) in _LINE_END_SPACE_LOST:
        request.applymarker(
            pytest.mark.xfail(reason="a space at a PDF line end after ；is not in the text layer", strict=True)
        )
    _assert_round_trip(_gold(name), pdfs[(name, layout)], layout)


@pytest.mark.parametrize("to", ["docx", "xlsx", pytest.param("pdf", marks=pytest.mark.libreoffice)])
def test_national_carries_every_field_of_a_full_document(
    full: Document, request: pytest.FixtureRequest, tmp_path: Path, to: str
) -> None:
    gold = full.to_dict()
    if to == "pdf":  # the session's PDFs only for this case: the others need no LibreOffice
        written = request.getfixturevalue("pdfs")[("full", "national")]
    else:
        written = tmp_path / f"full.{to}"
        written.write_bytes(render_bytes(full, to=to, layout="national"))
    reduced = carried(gold, LAYOUTS["national"])
    table = reduced["tables"][0]
    printed = {f.split(".")[0] for f in LAYOUTS["national"].carries if f in TABLE_FIELDS}
    assert [k for k in printed if table[k] in (None, [])] == []
    _assert_round_trip(gold, written, "national")


def test_carried_keeps_the_layout_fields_and_nulls_the_rest() -> None:
    gold = _gold("003")
    reduced = carried(gold, LAYOUTS["tianjin"])
    first = reduced["tables"][0]
    assert first["manager"] is None and first["unit_name"] == gold["tables"][0]["unit_name"]
    assert first["funds"]["bank_loan"] is None and first["funds"]["total"] == "170"
    ind = first["indicators"][0]
    assert ind["name"] == "居民医保待遇发放准确率" and ind["value"] == "95"
    assert (ind["nature"], ind["weight"], ind["op"], ind["unit"]) == (None, None, None, None)
    kept = carried(gold, LAYOUTS["chongqing"])["tables"][0]["indicators"][0]
    assert (kept["nature"], kept["op"], kept["unit"]) == ("≥", ">=", "%")
    assert carried(_gold("001"), LAYOUTS["tianjin"])["department_plans"] == []
    assert carried(_gold("001"), LAYOUTS["lulong"])["department_plans"] == _gold("001")["department_plans"]
