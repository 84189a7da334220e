"""The .xls reader: merges and number formats from BIFF records, the same grid as the .xlsx reader."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from jixiao.errors import ReadError
from jixiao.grid import Grid, SourceDocument
from jixiao.readers.limits import DEFAULT_LIMITS
from jixiao.readers.xls import read_xls
from jixiao.readers.xlsx import read_xlsx
from tests.readers._office_build import convert

FIXTURES = Path(__file__).parents[1] / "data" / "fixtures"


def _signature(document: SourceDocument) -> list[object]:
    out: list[object] = []
    for block in document.blocks:
        if isinstance(block, Grid):
            out.append([(c.text, c.row, c.col, c.rowspan, c.colspan, c.ref) for c in block.cells()])
        else:
            out.append((block.text, block.ref))
    return out


def test_chongqing_xls_gives_exactly_the_grids_of_the_xlsx() -> None:
    xls = read_xls((FIXTURES / "003_chongqing.xls").read_bytes(), "003_chongqing.xls", DEFAULT_LIMITS)
    xlsx = read_xlsx((FIXTURES / "003_chongqing.xlsx").read_bytes(), "003_chongqing.xlsx", DEFAULT_LIMITS)
    assert xls.format == "xls"
    assert len(list(xls.grids())) == 4
    assert _signature(xls) == _signature(xlsx)


def test_chongqing_xls_numbers_print_without_a_trailing_zero() -> None:
    document = read_xls((FIXTURES / "003_chongqing.xls").read_bytes(), "003_chongqing.xls", DEFAULT_LIMITS)
    grid = next(document.grids())
    assert grid.row_texts()[7][5:7] == ["95", "95"]  # stored as the float 95.0
    assert grid.at(7, 5) is not None and grid.at(7, 5).ref == "'056269'!F9"  # type: ignore[union-attr]


@pytest.mark.libreoffice
def test_number_formats_dates_and_merges_survive_the_binary_format(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet["A1"] = "项目资金"
    sheet["B1"] = 37000000
    sheet["B1"].number_format = "#,##0.00"
    sheet["C1"] = 0.25
    sheet["C1"].number_format = "0%"
    sheet["A2"] = "日期"
    sheet["B2"] = dt.datetime(2024, 3, 5)
    sheet["B2"].number_format = 'yyyy"年"m"月"d"日"'
    sheet["C2"] = 15
    sheet["C2"].number_format = "0.00"
    sheet["A3"] = "合并"
    sheet.merge_cells("A3:C4")
    source = tmp_path / "formats.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    source.write_bytes(buffer.getvalue())
    converted = convert(source, "xls", tmp_path)
    document = read_xls(converted.read_bytes(), converted.name, DEFAULT_LIMITS)
    grid = next(document.grids())
    assert grid.row_texts()[:2] == [["项目资金", "37,000,000.00", "25%"], ["日期", "2024年3月5日", "15.00"]]
    merged = grid.at(3, 2)
    assert merged is not None and (merged.text, merged.rowspan, merged.colspan, merged.ref) == (
        "合并",
        2,
        3,
        "Sheet1!A3:C4",
    )


def test_bytes_that_are_not_an_ole2_file_are_a_read_error() -> None:
    with pytest.raises(ReadError, match="OLE2"):
        read_xls(b"just text", "text.xls", DEFAULT_LIMITS)


def test_chongqing_xls_reads_as_its_gold() -> None:
    """Acceptance: the full import (reader + interpreter) scores F1 >= 0.99 against the hand-checked gold."""
    from jixiao.compare import compare
    from jixiao.parsing import parse_file

    path = FIXTURES / "003_chongqing.xls"
    gold = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    result = compare(gold, parse_file(path).document.to_dict())
    assert result.structure.f1 >= 0.99, result.structure.mismatches[:10]
    assert result.parse.f1 >= 0.99, result.parse.mismatches[:10]


def test_the_calamine_fast_path_gives_the_grids_of_the_xlrd_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.readers import xls

    data = (FIXTURES / "003_chongqing.xls").read_bytes()
    used: list[bool] = []
    fast_path = xls._read_fast

    def spy(*args: object) -> SourceDocument | None:
        document = fast_path(*args)  # type: ignore[arg-type]
        used.append(document is not None)
        return document

    monkeypatch.setattr(xls, "_read_fast", spy)
    fast = read_xls(data, "003_chongqing.xls", DEFAULT_LIMITS)
    assert used == [True]
    monkeypatch.setattr(xls, "_read_fast", lambda *args: None)
    slow = read_xls(data, "003_chongqing.xls", DEFAULT_LIMITS)
    assert _signature(fast) == _signature(slow)
    assert fast.warnings == slow.warnings
