"""Tables read the same whatever the font size, column widths and orientation they were printed with.

Each gold document is written as .docx by our writers and printed by LibreOffice Writer with its cell text
at 9, 13 and 15 pt (10.5 pt as written), its columns at 80 % of their width, its sections turned
(portrait ⇄ landscape, the tables rescaled to the new text width), and some of these together: text wraps
at other places (goals before an enumerator, names inside a word, a value apart from its unit, label
cells in two). Each variant is judged against the same document printed as written: every field must read
the same (F1 1.000 for structure, parse and evaluation) and no warning may appear that the reference does
not give. Known faults are strict xfails that name what is lost.
"""

from __future__ import annotations

import pytest

from jixiao.compare import compare
from jixiao.interpret import Interpretation
from tests.readers._print_variants import WordSetup, print_and_read, sweep_cases, word_variant
from tests.readers.test_pdf_page_geometry import _PLACE

REFERENCE = WordSetup()
SETUPS = {
    "9pt": WordSetup(size=18),
    "13pt": WordSetup(size=26),
    "15pt": WordSetup(size=30),
    "narrow": WordSetup(scale=0.8),
    "turned": WordSetup(turned=True),
    "13pt-narrow": WordSetup(size=26, scale=0.8),
    "9pt-turned": WordSetup(size=18, turned=True),
}
_LINE_END_SPACE = "a space at a line end after ；/; is not in the text layer (kept or dropped by the wrap)"
KNOWN = {
    ("001_8fcafb6e0b91ba75", "turned"): "a department narrative paragraph wraps differently: text joined apart",
    ("001_8fcafb6e0b91ba75", "9pt-turned"): "a narrative paragraph and a goal list wrap differently",
    ("002_5e2b26b8bb821a85", "15pt"): _LINE_END_SPACE,
    ("002_5e2b26b8bb821a85", "narrow"): _LINE_END_SPACE,
    ("010_gjxfj_2024_final_accounts", "turned"): _LINE_END_SPACE,
    ("010_gjxfj_2024_final_accounts", "9pt"): _LINE_END_SPACE,
    ("010_gjxfj_2024_final_accounts", "15pt"): _LINE_END_SPACE,
}


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Interpretation]:
    return print_and_read(tmp_path_factory.mktemp("wrapping"), "docx", {"reference": REFERENCE, **SETUPS}, word_variant)


def judge(reference: Interpretation, reading: Interpretation) -> None:
    """Every field the same and no new warning (a warning's page, line and cell place aside)."""
    result = compare(reference.document.to_dict(), reading.document.to_dict())
    seen = {_PLACE.sub("#", str(warning)) for warning in reference.warnings}
    new = [warning for warning in reading.warnings if _PLACE.sub("#", str(warning)) not in seen]
    mismatches = [*result.structure.mismatches, *result.parse.mismatches, *result.evaluation.mismatches][:8]
    assert (result.structure.f1, result.parse.f1, result.evaluation.f1) == (1.0, 1.0, 1.0), mismatches
    assert not new, new


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.parametrize(("name", "label"), sweep_cases(SETUPS, KNOWN))
def test_wrapping_does_not_change_the_reading(
    readings: dict[tuple[str, str], Interpretation], name: str, label: str
) -> None:
    judge(readings[(name, "reference")], readings[(name, label)])
