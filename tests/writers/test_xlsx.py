"""Excel output: merged ranges, amounts as numbers with their format, sizes that fit wrapped text, a flat sheet."""

from __future__ import annotations

import io
import math

import pytest

from jixiao.model import Document
from jixiao.writers import render_bytes
from jixiao.writers._xlsx import text_width

openpyxl = pytest.importorskip("openpyxl")


def _book(document: Document, layout: str, *, flat_sheet: bool = False) -> object:
    """The workbook; by default here without the flat sheet, so that the layout's sheets are examined."""
    return openpyxl.load_workbook(io.BytesIO(render_bytes(document, to="xlsx", layout=layout, flat_sheet=flat_sheet)))


def test_one_sheet_per_table_and_the_flat_sheet_last_unless_left_out(golds: dict[str, Document]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_bytes(golds["003"], to="xlsx", layout="chongqing")))
    names = book.sheetnames
    assert names[:-1] == [t.project_code[-6:] for t in golds["003"].tables]  # type: ignore[index]
    assert names[-1] == "指标明细"  # by default
    lulong = _book(golds["001"], "lulong").sheetnames  # type: ignore[attr-defined]
    assert lulong[0] == "部门整体绩效目标" and len(lulong) == 1 + 14  # left out when asked


def test_level_cells_are_merged_ranges(golds: dict[str, Document]) -> None:
    sheet = _book(golds["000"], "tianjin").worksheets[2]  # type: ignore[attr-defined]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    header_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "一级指标")
    level1 = [str(r) for r in sheet.merged_cells.ranges if r.min_row > header_row and r.min_col == 1]
    assert any(rng.endswith(str(header_row + 6)) and rng.startswith(f"A{header_row + 1}:") for rng in level1)
    assert sheet.cell(header_row + 1, 1).value == "产出指标"
    assert len(merged) > 10


def test_amounts_are_numbers_printed_with_their_decimals(golds: dict[str, Document]) -> None:
    sheet = _book(golds["000"], "tianjin").worksheets[0]  # type: ignore[attr-defined]
    amounts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert [c.value for c in amounts] == [37000000, 37000000]
    assert {c.number_format for c in amounts} == {"0.00"}
    luan = _book(golds["002"], "luan").worksheets[1]  # type: ignore[attr-defined]
    printed = {(c.value, c.number_format) for row in luan.iter_rows() for c in row if isinstance(c.value, float)}
    assert (2858.5, "0.0") in printed and (858.5, "0.0") in printed


def test_chongqing_values_and_weights_are_numbers(golds: dict[str, Document]) -> None:
    sheet = _book(golds["003"], "chongqing").worksheets[2]  # type: ignore[attr-defined]
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "一级指标")
    first = [sheet.cell(header + 1, c).value for c in range(1, 12)]
    assert first == [
        "产出指标",
        "数量指标",
        "医保政策宣传覆盖人数",
        "≥",
        None,
        780000,
        780000,
        "人数",
        15,
        15,
        "正向指标",
    ]


def _fits(sheet: object) -> list[str]:
    """Cells whose wrapped text needs more height than its rows have (width in character units)."""
    widths: dict[int, float] = {}
    for dim in sheet.column_dimensions.values():  # type: ignore[attr-defined]
        for col in range(dim.min, dim.max + 1):  # openpyxl groups equal neighbours into one entry
            widths[col] = dim.width
    merged = {(r.min_row, r.min_col): r for r in sheet.merged_cells.ranges}  # type: ignore[attr-defined]
    bad = []
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value:
                continue
            rng = merged.get((cell.row, cell.column))
            cols = range(cell.column, (rng.max_col if rng else cell.column) + 1)
            rows = range(cell.row, (rng.max_row if rng else cell.row) + 1)
            width = sum(widths.get(c, 8.43) for c in cols)
            height = sum(sheet.row_dimensions[r].height or 15 for r in rows)  # type: ignore[attr-defined]
            lines = sum(max(1, math.ceil(text_width(line) / max(width - 1, 2))) for line in cell.value.split("\n"))
            if lines * 13.5 > height:
                bad.append(f"{cell.coordinate}: {lines} lines in {height}pt")
    return bad


@pytest.mark.parametrize("layout", ["national", "tianjin", "lulong", "luan", "chongqing"])
def test_rows_are_tall_enough_for_their_wrapped_text(golds: dict[str, Document], layout: str) -> None:
    for name in ("001", "002", "003"):
        for sheet in _book(golds[name], layout).worksheets:  # type: ignore[attr-defined]
            assert _fits(sheet) == [], (name, layout, sheet.title)
            assert sheet.column_dimensions["A"].width > 5


def test_long_goal_gets_a_tall_row(golds: dict[str, Document]) -> None:
    sheet = _book(golds["002"], "luan").worksheets[0]  # type: ignore[attr-defined]
    goal_row = next(c.row for row in sheet.iter_rows() for c in row if str(c.value or "").startswith("通过该项目"))
    assert sheet.row_dimensions[goal_row].height >= 100


def test_flat_sheet_has_one_row_per_indicator_with_table_fields_repeated(golds: dict[str, Document]) -> None:
    doc = golds["001"]
    sheet = _book(doc, "national", flat_sheet=True)["指标明细"]  # type: ignore[index]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows[0]
    assert len(rows) - 1 == sum(len(t.indicators) for t in doc.tables)
    name_col, project_col = head.index("三级指标 name"), head.index("项目名称 project_name")
    assert rows[1][project_col] == rows[2][project_col] == doc.tables[0].project_name
    assert [r[name_col] for r in rows[1:]] == [i.name for t in doc.tables for i in t.indicators]


def test_workbook_is_the_layout_sheets_then_the_flat_sheet_unless_left_out(golds: dict[str, Document]) -> None:
    data = render_bytes(golds["000"], to="xlsx", layout="tianjin")
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["1", "2", "3", "4", "指标明细"]
    official = render_bytes(golds["000"], to="xlsx", layout="tianjin", flat_sheet=False)
    assert openpyxl.load_workbook(io.BytesIO(official)).sheetnames == ["1", "2", "3", "4"]


def test_pages_are_a4_and_print_fitted_to_width(golds: dict[str, Document]) -> None:
    book = _book(golds["003"], "chongqing")
    sheet = book.worksheets[0]  # type: ignore[attr-defined]
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows is not None
