"""Tables kept in a workbook and printed to PDF read the same whatever the page setup.

Published 部门预算 often keep their tables in Excel and export them to PDF. Each gold document is written as
.xlsx by our writers (with the analysts' sheet 指标明细 after the layout's sheets, as exported) and printed
by LibreOffice Calc: portrait where it was written landscape, on A5 and on B5 turned landscape (rows break
across pages elsewhere), with the header rows repeated on each page (print titles) or not. Calc's PDFs are
not Writer's: borders drawn cell by cell, no cell padding, the text of a merged range printed at the middle
of the whole range on every page it spans and clipped there. Each variant is judged against the same
workbook printed as written (A4, fitted to the page width, print titles): every field the same, no new
warning. The printed flat sheet is left out of both and named in a warning. Printing without fit-to-width
splits the wide tables across pages side by side, which the reader does not join (not tested here).
"""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.interpret import Interpretation
from tests.readers._print_variants import GOLDS, CalcSetup, calc_variant, print_and_read, sweep_cases
from tests.readers.test_pdf_print_wrapping import judge

REFERENCE = CalcSetup()
SETUPS = {
    "portrait": CalcSetup(orientation="portrait"),
    "a5": CalcSetup(paper=11),
    "a5-no-titles": CalcSetup(paper=11, titles=False),
    "b5-landscape-no-titles": CalcSetup(paper=13, orientation="landscape", titles=False),
}
_LABEL_ON_NEXT_PAGE = (
    "the A4 reference misreads: Calc prints the label of a merged range crossing the page break on the "
    "next page only, and the rows above the break take the label before (the variant reads it right)"
)
KNOWN = {
    ("002_5e2b26b8bb821a85", "portrait"): _LABEL_ON_NEXT_PAGE,
    ("002_5e2b26b8bb821a85", "a5"): "a merged label crossing the page break read with the label before",
    ("002_5e2b26b8bb821a85", "a5-no-titles"): _LABEL_ON_NEXT_PAGE,
    ("002_5e2b26b8bb821a85", "b5-landscape-no-titles"): _LABEL_ON_NEXT_PAGE,
    ("010_gjxfj_2024_final_accounts", "b5-landscape-no-titles"): "an indicator row lost at a page break",
}


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Interpretation]:
    return print_and_read(tmp_path_factory.mktemp("sheets"), "xlsx", {"reference": REFERENCE, **SETUPS}, calc_variant)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_the_printed_flat_sheet_is_named_not_read(readings: dict[tuple[str, str], Interpretation]) -> None:
    for name in GOLDS:
        reading = readings[(name, "reference")]
        codes = [getattr(warning, "code", None) for warning in reading.warnings]
        assert "flat_sheet_left_out" in codes, name
        assert len(reading.document.tables) == len(gold_tables(name)), name


def gold_tables(name: str) -> list[Any]:
    from tests.readers._print_variants import gold_document

    return gold_document(name).tables


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.parametrize(("name", "label"), sweep_cases(SETUPS, KNOWN))
def test_the_page_setup_does_not_change_the_reading(
    readings: dict[tuple[str, str], Interpretation], name: str, label: str
) -> None:
    judge(readings[(name, "reference")], readings[(name, label)])
