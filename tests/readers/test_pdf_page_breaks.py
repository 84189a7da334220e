"""Page breaks inside PDF tables, on made-up geometry: a row moved whole to the next page, a row cut by the
break, an empty cell at the head of a page, text run out of a table's last row over its bottom rule.

The same cases on real layouts (LibreOffice pages of every height) are swept in
``test_pdf_page_geometry.py``; these pin each rule on its own, without LibreOffice."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

from jixiao.readers import pdf_cells, pdf_stitch
from jixiao.readers.pdf_page import Char
from jixiao.readers.pdf_rulings import RuledCell, RuledTable

SIZE = 10.0


def _chars(text: str, x: float, top: float) -> list[Char]:
    out: list[Char] = []
    for ch in text:
        width = SIZE if unicodedata.east_asian_width(ch) in ("W", "F") else SIZE / 2
        out.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + SIZE, "size": SIZE})
        x += width
    return out


def _part(page: int, xs: list[float], ys: list[float], chars: list[Char], height: float = 842.0) -> pdf_cells.TablePart:
    """A ruled grid of ``xs`` × ``ys`` on one page, its cells holding ``chars``."""
    cells = [RuledCell(x0, top, x1, bottom) for top, bottom in pairwise(ys) for x0, x1 in pairwise(xs)]
    table = RuledTable((xs[0], ys[0], xs[-1], ys[-1]), cells)
    part, _ = pdf_cells.place_table(page, 1, table, height, chars)
    return part


def _texts(grid_rows: list[list[object]]) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid_rows]  # type: ignore[attr-defined]


# -- a row moved whole to the next page ---------------------------------------------------------------------


def test_a_table_ending_high_continues_where_the_next_row_could_not_have_fitted_below_it() -> None:
    above = _part(1, [50, 150, 450], [100, 120, 140, 400], _chars("项目名称", 52, 103))
    tall = _part(2, [50, 150, 450], [60, 460], _chars("年度目标", 52, 63))  # 400 points: no room below 400
    assert pdf_stitch.continues(above, tall, body_bottom=780.0)
    short = _part(2, [50, 150, 450], [60, 80], _chars("年度目标", 52, 63))  # 20 points would have fitted
    assert not pdf_stitch.continues(above, short, body_bottom=780.0)
    assert not pdf_stitch.continues(above, tall)  # the body's foot unknown: the table ended high


# -- a row cut by the page break ----------------------------------------------------------------------------


def _cut_goal_row(head: str, tail_first_line: str) -> list[pdf_cells.TablePart]:
    """A label | text table whose second row is cut by the page break: on page 1 two lines of text fill the
    text cell to its bottom (``head``, nine characters each), on page 2 the rest starts at the top."""
    page_1 = _chars("预期目标", 102, 783) + _chars("年度目标", 52, 803)
    page_1 += _chars(head[:9], 102, 803) + _chars(head[9:], 102, 816)
    page_2 = _chars(tail_first_line, 102, 63)
    page_2 += _chars("一级指标", 52, 83) + _chars("产出指标", 102, 83)
    return [
        _part(1, [50, 100, 200], [780, 800, 828], page_1),
        _part(2, [50, 100, 200], [60, 80, 100], page_2),
    ]


def test_the_rest_of_a_row_cut_by_the_break_joins_the_row_above() -> None:
    parts = _cut_goal_row("提升信访工作质量和水平加强信访舆论宣", "传引导")
    grid = pdf_stitch.build_grid(parts, None, 10_000, "x.pdf", [0])
    assert _texts(grid.rows) == [
        ["", "预期目标"],
        ["年度目标", "提升信访工作质量和水平加强信访舆论宣传引导"],
        ["一级指标", "产出指标"],
    ]
    assert grid.rows[1][0].rowspan == 1  # no repeated row: the cut row is one row


def test_a_row_above_whose_text_ended_is_not_joined_by_the_next_row() -> None:
    parts = _cut_goal_row("提升信访工作质量和水平加强信访舆论宣", "新的一行")
    parts[0].cells[-1].last_line = None  # as if its last line had ended early: nothing runs on
    grid = pdf_stitch.build_grid(parts, None, 10_000, "x.pdf", [0])
    assert len(grid.rows) == 4


def test_an_empty_cell_under_a_one_row_cell_is_a_cell_of_its_own() -> None:
    above = _part(1, [50, 100, 200], [800, 820], _chars("指标", 52, 803) + _chars("偏差原因", 102, 803))
    below = _part(2, [50, 100, 200], [60, 80], _chars("产出", 52, 63))
    grid = pdf_stitch.build_grid([above, below], None, 10_000, "x.pdf", [0])
    assert _texts(grid.rows) == [["指标", "偏差原因"], ["产出", ""]]


# -- text run out of the last row --------------------------------------------------------------------------


def test_a_line_printed_across_the_bottom_rule_belongs_to_the_last_row() -> None:
    chars = _chars("第一行文字", 102, 803) + _chars("跑出表格", 102, 816)  # the rule at 820 cuts this line
    part = _part(1, [50, 100, 200], [800, 820], chars)
    assert [cell.text for cell in part.cells] == ["", "第一行文字\n跑出表格"]


def test_a_line_under_a_sliver_of_a_row_is_that_rows_text() -> None:
    chars = _chars("上一行", 102, 803) + _chars("行政执法", 102, 824.5)  # a 4-point row, its text under it
    part = _part(1, [50, 100, 200], [800, 820, 824], chars)
    assert [cell.text for cell in part.cells] == ["", "上一行", "", "行政执法"]


def test_a_paragraph_under_a_table_stays_a_paragraph() -> None:
    chars = _chars("上一行", 102, 803) + _chars("注：说明", 102, 824)
    table = RuledTable((50, 800, 200, 820), [RuledCell(50, 800, 100, 820), RuledCell(100, 800, 200, 820)])
    part, rest = pdf_cells.place_table(1, 1, table, 842.0, chars)
    assert [cell.text for cell in part.cells] == ["", "上一行"]
    assert "".join(ch["text"] for ch in rest) == "注：说明"


def _one_line_rows(left: str, right: str, right_above: str = "完成一二三四五六七") -> list[pdf_cells.TablePart]:
    """Two text columns; page 1 ends with a row of one line in each cell (the left one full), page 2 opens
    with ``left`` | ``right``."""
    page_1 = _chars("目标一二三四五六七", 52, 803) + _chars(right_above, 152, 803)
    return [
        _part(1, [50, 150, 250], [800, 815], page_1),
        _part(2, [50, 150, 250], [60, 75], _chars(left, 52, 63) + _chars(right, 152, 63)),
    ]


def test_a_row_of_one_line_cut_by_the_break_joins_when_each_text_runs_on() -> None:
    grid = pdf_stitch.build_grid(_one_line_rows("八九", "八九"), None, 10_000, "x.pdf", [0])
    assert _texts(grid.rows) == [["目标一二三四五六七八九", "完成一二三四五六七八九"]]
    grid = pdf_stitch.build_grid(_one_line_rows("八九", ""), None, 10_000, "x.pdf", [0])
    assert len(grid.rows) == 1  # the empty cell joins the cell above with the rest of the row


def test_a_row_of_one_line_cells_is_not_joined_by_a_row_of_new_texts() -> None:
    # the left text would run on, but the right one starts after a short line: a row of its own
    grid = pdf_stitch.build_grid(_one_line_rows("八九", "≥95%", right_above="完成"), None, 10_000, "x.pdf", [0])
    assert _texts(grid.rows) == [["目标一二三四五六七", "完成"], ["八九", "≥95%"]]


def test_a_row_cut_by_the_break_joins_across_a_repeated_header() -> None:
    first, _ = _cut_goal_row("提升信访工作质量和水平加强信访舆论宣", "传引导")
    page_2 = _chars("预期目标", 102, 63) + _chars("传引导", 102, 83)  # the header row printed again first
    following = _part(2, [50, 100, 200], [60, 80, 100], page_2)
    grid = pdf_stitch.build_grid([first, following], None, 10_000, "x.pdf", [0])
    assert _texts(grid.rows) == [["", "预期目标"], ["年度目标", "提升信访工作质量和水平加强信访舆论宣传引导"]]


def test_a_cell_cut_by_the_break_that_does_not_go_on_is_named() -> None:
    first, rest = _cut_goal_row("提升信访工作质量和水平加强信访舆论宣", "传引导")
    assert pdf_stitch.cut_off_cells(first, rest) == []  # taken up at the head of the next page
    assert [cell.text for cell in pdf_stitch.cut_off_cells(first, None)] == ["提升信访工作质量和水平加强信访舆论宣"]
    ended, _ = _cut_goal_row("提升信访工作质量和水平加强信访舆论。", "新的一行")
    assert pdf_stitch.cut_off_cells(ended, None) == []  # a sentence that ends with its line
