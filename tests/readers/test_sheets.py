"""One worksheet into blocks (shared by the .xlsx and .xls readers): positions, merges and their refs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.grid import Grid, Paragraph
from jixiao.readers._sheets import Merge, col_letter, sheet_blocks

_TEXTS = st.sampled_from(["项目名称", "产出指标", "≥95%", "15.00", "单位：万元", " "])


@st.composite
def _sheets(draw: st.DrawFn) -> tuple[dict[tuple[int, int], str], list[Merge]]:
    """A small sheet: texts at random positions and merges that do not overlap (as Excel writes them)."""
    height, width = draw(st.integers(1, 9)), draw(st.integers(1, 7))
    positions = st.tuples(st.integers(0, height - 1), st.integers(0, width - 1))
    texts = draw(st.dictionaries(positions, _TEXTS, max_size=height * width))
    merges: list[Merge] = []
    claimed: set[tuple[int, int]] = set()
    for r0, c0, rows, cols in draw(
        st.lists(st.tuples(*(st.integers(0, 6),) * 2, *(st.integers(1, 3),) * 2), max_size=5)
    ):
        area = {(r, c) for r in range(r0, r0 + rows) for c in range(c0, c0 + cols)}
        if not area & claimed:
            claimed |= area
            merges.append(Merge(r0, c0, r0 + rows, c0 + cols))
    return texts, merges


@settings(max_examples=300, deadline=None)
@given(_sheets())
def test_every_position_of_a_grid_is_one_cell_and_shows_the_text_printed_there(
    sheet: tuple[dict[tuple[int, int], str], list[Merge]],
) -> None:
    texts, merges = sheet
    printed = {position: text for position, text in texts.items() if text.strip()}
    merged = {(r, c): m for m in merges for r in range(m.r0, m.r1) for c in range(m.c0, m.c1)}
    for block in sheet_blocks("S", texts, merges, path="book.xlsx", max_cells=10_000):
        if isinstance(block, Paragraph):
            assert block.ref is not None and block.text == texts[_position(block.ref)]
            continue
        assert isinstance(block, Grid) and block.ref is not None
        top, left = _position(block.ref.split(":")[0])
        seen: dict[tuple[int, int], int] = {}
        for row in block.rows:
            for cell in row:
                assert cell.ref is not None
                r, c = _position(cell.ref.split(":")[0])
                assert (r - top, c - left) == (cell.row, cell.col)
                merge = merged.get((r, c))
                if merge is None:
                    assert cell.text == printed.get((r, c), "")
                else:  # a merge's text, at its first position inside the grid (a merge may reach outside)
                    assert (r, c) == (max(merge.r0, top), max(merge.c0, left))
                    assert cell.text == printed.get((merge.r0, merge.c0), "")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        seen[(cell.row + dr, cell.col + dc)] = seen.get((cell.row + dr, cell.col + dc), 0) + 1
        height = max(r for r, _ in seen) + 1
        width = max(c for _, c in seen) + 1
        assert seen == {(r, c): 1 for r in range(height) for c in range(width)}  # every position, once


def test_overlapping_merges_leave_the_positions_to_the_first_listed() -> None:
    texts = {(0, 0): "一级指标", (0, 1): "二级指标", (0, 2): "指标值", (1, 1): "数量指标", (1, 2): "≥95%"}
    merges = [Merge(0, 0, 2, 1), Merge(0, 0, 1, 2)]  # A1:A2, then A1:B1 over the same corner
    (grid,) = sheet_blocks("S", texts, merges, path="book.xlsx", max_cells=100)
    assert isinstance(grid, Grid)
    assert [[(cell.text, cell.rowspan, cell.colspan, cell.ref) for cell in row] for row in grid.rows] == [
        [("一级指标", 2, 1, "S!A1:A2"), ("二级指标", 1, 1, "S!B1"), ("指标值", 1, 1, "S!C1")],
        [("数量指标", 1, 1, "S!B2"), ("≥95%", 1, 1, "S!C2")],
    ]


def _position(ref: str) -> tuple[int, int]:
    """``S!B7`` → (6, 1)."""
    cell = ref.rpartition("!")[2]
    letters = "".join(ch for ch in cell if ch.isalpha())
    col = next(c for c in range(702) if col_letter(c) == letters)
    return int(cell[len(letters) :]) - 1, col
