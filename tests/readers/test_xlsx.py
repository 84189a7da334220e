"""The .xlsx reader: printed values, merges, several tables per sheet, refs, limits, and the Chongqing fixture."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Grid, Paragraph, SourceDocument
from jixiao.readers import read
from jixiao.readers.limits import DEFAULT_LIMITS
from jixiao.readers.xlsx import read_xlsx

openpyxl = pytest.importorskip("openpyxl")

FIXTURES = Path(__file__).parents[1] / "data" / "fixtures"


def _save(book: object) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _target_table_book() -> bytes:
    """One sheet: a title, a unit line, a target table with merges and number formats, a blank row, a second table."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet["A1"] = "1.医保专项绩效目标表"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "单位：万元"
    rows = [
        ["项目名称", "医保专项业务经费", None, None, None],
        ["资金", "年度资金总额", 37000000, "财政拨款", 15],
        [None, "执行率", 0.25, "日期", dt.datetime(2024, 3, 5)],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "参保人数", "≥38万人", 19.76],
        [None, None, "评审次数", "4次", None],
    ]
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    sheet["C4"].number_format = "#,##0.00"
    sheet["E4"].number_format = "0.00"
    sheet["C5"].number_format = "0%"
    sheet["E5"].number_format = 'yyyy"年"m"月"d"日"'
    sheet.merge_cells("B3:E3")  # 项目名称 value across four columns
    sheet.merge_cells("A4:A5")  # 资金 over two rows
    sheet.merge_cells("A7:A8")  # 产出指标 over two indicator rows
    sheet.merge_cells("B7:B8")
    # a second table after a blank row
    sheet["A10"] = "附表"
    sheet["A11"] = "名称"
    sheet["B11"] = "金额"
    sheet["A12"] = "合计"
    sheet["B12"] = 1234.5
    sheet["B12"].number_format = "#,##0.00"
    return _save(book)


@pytest.fixture(scope="module")
def document() -> SourceDocument:
    return read_xlsx(_target_table_book(), "built.xlsx", DEFAULT_LIMITS)


def test_title_and_unit_rows_above_a_table_become_paragraphs(document: SourceDocument) -> None:
    assert isinstance(document.blocks[0], Paragraph)
    assert document.blocks[0].text == "1.医保专项绩效目标表"
    assert document.blocks[0].ref == "Sheet1!A1"
    assert isinstance(document.blocks[1], Paragraph)
    assert document.blocks[1].text == "单位：万元"


def test_unit_printed_above_the_table_goes_into_unit_hint(document: SourceDocument) -> None:
    grid = document.blocks[2]
    assert isinstance(grid, Grid)
    assert grid.unit_hint == "万元"


def test_merged_ranges_become_spans_with_range_refs(document: SourceDocument) -> None:
    grid = document.blocks[2]
    assert isinstance(grid, Grid)
    assert grid.ref == "Sheet1!A3:E8"
    name_value = grid.at(0, 1)
    assert name_value is not None
    assert (name_value.text, name_value.rowspan, name_value.colspan, name_value.ref) == (
        "医保专项业务经费",
        1,
        4,
        "Sheet1!B3:E3",
    )
    funds = grid.at(2, 0)
    assert funds is not None
    assert (funds.text, funds.row, funds.rowspan, funds.ref) == ("资金", 1, 2, "Sheet1!A4:A5")
    level1 = grid.at(5, 0)
    assert level1 is not None and level1.text == "产出指标" and level1.rowspan == 2
    # a cell covered by a merge is not repeated: row 2 starts at column 1
    assert [cell.col for cell in grid.rows[2]] == [1, 2, 3, 4]


def test_numbers_and_dates_are_rebuilt_as_printed(document: SourceDocument) -> None:
    grid = document.blocks[2]
    assert isinstance(grid, Grid)
    texts = grid.row_texts()
    assert texts[1] == ["资金", "年度资金总额", "37,000,000.00", "财政拨款", "15.00"]
    assert texts[2] == ["资金", "执行率", "25%", "日期", "2024年3月5日"]
    assert texts[4][-1] == "19.76"


def test_empty_cells_inside_a_table_are_present_as_empty_text(document: SourceDocument) -> None:
    grid = document.blocks[2]
    assert isinstance(grid, Grid)
    last = grid.rows[5]
    assert [(cell.col, cell.text) for cell in last] == [(2, "评审次数"), (3, "4次"), (4, "")]
    assert last[-1].ref == "Sheet1!E8"


def test_a_blank_row_separates_two_tables_on_one_sheet(document: SourceDocument) -> None:
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Grid", "Paragraph", "Grid"]
    second = document.blocks[4]
    assert isinstance(second, Grid)
    assert second.ref == "Sheet1!A11:B12"
    assert second.row_texts() == [["名称", "金额"], ["合计", "1,234.50"]]


def test_hidden_sheets_are_skipped_with_a_warning_and_odd_names_are_quoted() -> None:
    book = openpyxl.Workbook()
    book.active.title = "目标 表"
    book.active["A1"] = "a"
    book.active["B1"] = "b"
    hidden = book.create_sheet("Secret")
    hidden["A1"] = "x"
    hidden.sheet_state = "hidden"
    document = read_xlsx(_save(book), "hidden.xlsx", DEFAULT_LIMITS)
    assert len(document.blocks) == 1
    grid = document.blocks[0]
    assert isinstance(grid, Grid)
    assert grid.ref == "'目标 表'!A1:B1"
    assert document.warnings == ["Secret: hidden sheet skipped"]


def test_more_rows_than_the_limit_is_a_limit_error_naming_the_sheet_and_row() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for r in range(1, 31):
        sheet.cell(row=r, column=1, value=r)
    with pytest.raises(LimitExceeded) as caught:
        read_xlsx(_save(book), "rows.xlsx", DEFAULT_LIMITS.replace(max_rows=20))
    assert caught.value.path == "rows.xlsx"
    assert caught.value.place == "Sheet!A21"


def test_more_cells_than_the_limit_is_a_limit_error() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for r in range(1, 11):
        for c in range(1, 11):
            sheet.cell(row=r, column=c, value="x")
    with pytest.raises(LimitExceeded, match="cells"):
        read_xlsx(_save(book), "cells.xlsx", DEFAULT_LIMITS.replace(max_cells=50))


def test_a_broken_zip_is_a_read_error_naming_the_file_as_truncated_or_damaged(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError) as direct:
        read_xlsx(broken.read_bytes(), "broken.xlsx", DEFAULT_LIMITS)
    with pytest.raises(ReadError) as caught:  # through format detection, as the user reads it
        read(broken)
    assert (direct.value.path, caught.value.path) == ("broken.xlsx", str(broken))
    for error in (direct.value, caught.value):
        assert "not a valid zip container (truncated or damaged" in error.message
        assert "not a supported format" not in error.message


def test_chongqing_fixture_gives_one_titled_grid_per_sheet() -> None:
    document = read_xlsx((FIXTURES / "003_chongqing.xlsx").read_bytes(), "003_chongqing.xlsx", DEFAULT_LIMITS)
    grids = list(document.grids())
    titles = [block for block in document.blocks if isinstance(block, Paragraph)]
    assert len(grids) == 4
    assert [p.text for p in titles] == ["绩效目标表"] * 4
    first = grids[0]
    assert first.ref == "'056269'!A2:K14"
    assert first.n_cols == 11
    texts = first.row_texts()
    assert texts[0] == [
        "单位信息：306001-重庆市长寿区医疗保障局\n(本级)",
        "预算项目：50011522T000002056269-医保服务与保障能力提升\n(医保服务能力提升)",
    ]
    assert texts[6] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "历史参考值",
        "指标值",
        "本年指标值",
        "度量单位",
        "权重(%)",
        "本年权重(%)",
        "指标方向性",
    ]
    assert texts[7] == [
        "产出指标",
        "质量指标",
        "居民医保待遇发放准确率",
        "≥",
        "",
        "95",
        "95",
        "%",
        "10",
        "10",
        "正向指标",
    ]
    goal = first.at(4, 0)
    assert goal is not None and goal.colspan == 11 and goal.text.startswith("年度目标：")


def test_chongqing_workbook_reads_as_its_gold() -> None:
    """Acceptance: the full import (reader + interpreter) scores F1 >= 0.99 against the hand-checked gold."""
    import json

    from jixiao.compare import compare
    from jixiao.parsing import parse_file

    path = FIXTURES / "003_chongqing.xlsx"
    gold = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    result = compare(gold, parse_file(path).document.to_dict())
    assert result.structure.f1 >= 0.99, result.structure.mismatches[:10]
    assert result.parse.f1 >= 0.99, result.parse.mismatches[:10]


def test_an_unruled_title_row_between_ruled_tables_starts_a_new_table() -> None:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    layout = [
        ("1.甲项目绩效目标表", None, False),
        ("项目名称", "甲项目", True),
        ("年度目标：做好甲项目。", None, True),  # a ruled single-text row belongs to its table
        ("一级指标", "指标值", True),
        ("2.乙项目绩效目标表", None, False),  # no blank row before the next table's title
        ("项目名称", "乙项目", True),
    ]
    for r, (first, second, ruled) in enumerate(layout, start=1):
        sheet.cell(row=r, column=1, value=first)
        if second is not None:
            sheet.cell(row=r, column=2, value=second)
        else:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        if ruled:
            for c in (1, 2):
                sheet.cell(row=r, column=c).border = box
    document = read_xlsx(_save(book), "two.xlsx", DEFAULT_LIMITS)
    shapes = [(type(b).__name__, b.text if isinstance(b, Paragraph) else b.ref) for b in document.blocks]
    assert shapes == [
        ("Paragraph", "1.甲项目绩效目标表"),
        ("Grid", "Sheet1!A2:B4"),
        ("Paragraph", "2.乙项目绩效目标表"),
        ("Grid", "Sheet1!A6:B6"),
    ]
