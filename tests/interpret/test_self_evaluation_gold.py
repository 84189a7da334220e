"""Self-evaluation tables (绩效自评表) against their hand-checked gold readings (``tests/data/gold-selfeval``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.compare import compare
from jixiao.grid import Grid
from jixiao.parsing import parse_bytes, parse_file
from jixiao.readers import read_bytes

GOLD = Path(__file__).parents[1] / "data" / "gold-selfeval"
OFFICE_FILES = sorted(p for p in GOLD.iterdir() if p.suffix in {".docx", ".xlsx"})


def _reading_and_gold(path: Path) -> tuple[dict, dict]:  # type: ignore[type-arg]
    gold = json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))
    return parse_file(path).document.to_dict(), gold


@pytest.mark.parametrize("path", OFFICE_FILES, ids=lambda p: p.name)
def test_the_central_layout_reads_as_its_gold(path: Path) -> None:
    ours, gold = _reading_and_gold(path)
    result = compare(gold, ours)
    assert result.structure.f1 >= 0.98, result.structure.mismatches[:10]
    assert result.parse.f1 >= 0.98, result.parse.mismatches[:10]
    assert result.evaluation.f1 >= 0.98, result.evaluation.mismatches[:10]


@pytest.mark.parametrize("path", OFFICE_FILES, ids=lambda p: p.name)
def test_the_goals_header_is_no_goal_and_the_points_column_no_weight(path: Path) -> None:
    ours, _ = _reading_and_gold(path)
    for table in ours["tables"]:
        assert "预期目标" not in table["annual_goals"]
        assert table["goals_achieved"]
        assert all(indicator["weight"] is None and indicator["max_score"] for indicator in table["indicators"])
        assert table["funds"]["total"] is None  # the money is in execution


def _as_tab_separated(path: Path) -> str:
    """The document as the text reader's row-per-line notation: merged cells printed once, at their start."""
    lines: list[str] = []
    for block in read_bytes(path.read_bytes(), path.name).blocks:
        if isinstance(block, Grid):
            for row in block.rows:
                cells = [""] * block.n_cols
                for cell in row:
                    cells[cell.col] = cell.text.replace("\n", " ")
                lines.append("\t".join(cells).rstrip("\t"))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def test_the_central_layout_as_tab_separated_text_reads_as_its_gold() -> None:
    path = GOLD / "010_selfeval_tables.xlsx"
    gold = json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))
    reading = parse_bytes(_as_tab_separated(path).encode("utf-8"), "010_selfeval_tables.txt")
    result = compare(gold, reading.document.to_dict())
    assert result.structure.f1 >= 0.98, result.structure.mismatches[:10]
    assert result.evaluation.f1 >= 0.98, result.evaluation.mismatches[:10]


def test_percent_formatted_spreadsheet_rates_are_read_as_shown() -> None:
    sheet = read_bytes((GOLD / "010_selfeval_tables.xlsx").read_bytes(), "010_selfeval_tables.xlsx")
    texts = {cell.text for block in sheet.blocks if isinstance(block, Grid) for cell in block.cells()}
    assert {"77.13%", "100.00%", "0.0%"} <= texts
    ours, _ = _reading_and_gold(GOLD / "010_selfeval_tables.xlsx")
    assert ours["tables"][1]["execution"][0]["rate"] == "77.13"


PDF = Path(__file__).parents[1] / "data" / "real-world" / "010_gjxfj_2024_final_accounts.pdf"


def test_the_final_accounts_yield_their_four_self_evaluations_and_nothing_else() -> None:
    reading = parse_file(PDF)
    gold = json.loads((GOLD / f"{PDF.name}.json").read_text(encoding="utf-8"))
    ours = reading.document.to_dict()
    assert [t["project_name"] for t in ours["tables"]] == [t["project_name"] for t in gold["tables"]]
    result = compare(gold, ours)
    # what is left (evaluation 0.998) is the PDF reader's: one 偏差原因 cell joined across a page break to
    # the empty cell below it
    assert result.structure.f1 >= 0.98, result.structure.mismatches[:10]
    assert result.parse.f1 >= 0.98, result.parse.mismatches[:10]
    assert result.evaluation.f1 >= 0.98, result.evaluation.mismatches[:10]
    # the evaluation report's indicator list and score summary are captioned tables of another kind
    assert sum("表2：综合评价得分情况表" in warning for warning in reading.warnings) == 1
