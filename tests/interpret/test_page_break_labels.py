"""A label a PDF page break cut in two (``年`` at the foot of a page, ``度总体目标`` at the head of the next)
is read as the one label it is."""

from __future__ import annotations

from jixiao.grid import Cell, Grid, SourceDocument
from jixiao.interpret.stream import Row, flatten


def _grid(upper: str, lower: str, ref: str = "pages 1-2 table 1", lower_page: int = 2) -> Grid:
    return Grid(
        rows=[
            [Cell(upper, 0, 0, 1, 1, "page 1 table 1 r8c1"), Cell("预期目标", 0, 1, 1, 1, "page 1 table 1 r8c2")],
            [Cell(lower, 1, 0, 1, 1, f"page {lower_page} table 1 r1c1"), Cell("1.目标", 1, 1, 1, 1, "r1c2")],
        ],
        ref=ref,
    )


def _texts(grid: Grid) -> list[list[str]]:
    rows = flatten(SourceDocument(name="x.pdf", format="pdf", blocks=[grid]))
    return [row.texts for row in rows if isinstance(row, Row)]


def test_a_label_cut_by_the_page_break_is_one_label_again() -> None:
    assert _texts(_grid("年", "度总体目标")) == [["年度总体目标", "预期目标"], ["年度总体目标", "1.目标"]]


def test_cells_that_make_no_label_stay_apart() -> None:
    assert _texts(_grid("产出指标", "效益指标")) == [["产出指标", "预期目标"], ["效益指标", "1.目标"]]
    # a label over the rest of another: the upper cell is a label of its own
    assert _texts(_grid("总体目标", "年度")) == [["总体目标", "预期目标"], ["年度", "1.目标"]]


def test_only_cells_on_pages_in_turn_are_joined() -> None:
    assert _texts(_grid("年", "度总体目标", lower_page=1)) == [["年", "预期目标"], ["度总体目标", "1.目标"]]
    assert _texts(_grid("年", "度总体目标", ref="page 1 table 1")) == [["年", "预期目标"], ["度总体目标", "1.目标"]]
