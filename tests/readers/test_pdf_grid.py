"""The PDF grid: rulings → cells with their merges, open cells at a page break, lines of characters at
different heights, continuation pages matched by column edges; on made-up geometry and on 西安医保 2022."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from jixiao.grid import Grid
from jixiao.readers import pdf_cells, pdf_page, pdf_stitch
from jixiao.readers.limits import DEFAULT_LIMITS
from jixiao.readers.pdf import read_pdf
from jixiao.readers.pdf_lines import group_lines
from jixiao.readers.pdf_page import Char, Segment
from jixiao.readers.pdf_rulings import RuledCell, RuledTable, find_ruled_tables

REAL_WORLD = Path(__file__).parents[1] / "data" / "real-world"


def _h(y: float, x0: float, x1: float) -> Segment:
    return Segment(x0, y, x1, y)


def _v(x: float, top: float, bottom: float) -> Segment:
    return Segment(x, top, x, bottom)


def _chars(text: str, x: float, top: float, size: float = 10.0) -> list[Char]:
    out: list[Char] = []
    for ch in text:
        width = size if unicodedata.east_asian_width(ch) in ("W", "F") else size / 2
        out.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + size, "size": size})
        x += width
    return out


# -- rulings → cells ---------------------------------------------------------------------------------------


def test_a_column_without_rules_down_to_the_table_bottom_is_one_open_cell() -> None:
    # three columns; rows ruled only in the two right columns, the left column is one block that runs to
    # the bottom of the page without a closing rule (the verticals go on below the last horizontal rule)
    segments = [_h(100, 0, 300), _v(0, 100, 400), _v(100, 100, 400), _v(200, 100, 400), _v(300, 100, 400)]
    segments += [_h(y, 100, 300) for y in (150, 200, 250)]
    (table,) = find_ruled_tables(segments)
    left = [cell for cell in table.cells if cell.x0 == 0]
    assert len(left) == 1
    assert (left[0].top, left[0].bottom, left[0].open_bottom, left[0].open_top) == (100, 400, True, False)
    last_right = max((cell for cell in table.cells if cell.x0 == 200), key=lambda cell: cell.top)
    assert (last_right.top, last_right.bottom, last_right.open_bottom) == (250, 400, True)


def test_a_table_without_side_borders_takes_its_outer_edges_from_the_rule_ends() -> None:
    segments = [_h(y, 50, 350) for y in (100, 130, 160)] + [_v(150, 100, 160), _v(250, 100, 160)]
    (table,) = find_ruled_tables(segments)
    assert table.bbox == (50, 100, 350, 160)
    assert sorted((cell.x0, cell.top) for cell in table.cells) == [
        (50, 100),
        (50, 130),
        (150, 100),
        (150, 130),
        (250, 100),
        (250, 130),
    ]


def test_a_missing_inner_rule_merges_cells_into_one_with_spans() -> None:
    segments = [_h(y, 0, 200) for y in (0, 20, 40)] + [_v(0, 0, 40), _v(200, 0, 40), _v(100, 20, 40)]
    (table,) = find_ruled_tables(segments)
    assert sorted((cell.x0, cell.x1, cell.top) for cell in table.cells) == [(0, 100, 20), (0, 200, 0), (100, 200, 20)]


def test_underlines_and_lone_boxes_are_no_tables() -> None:
    assert find_ruled_tables([_h(100, 0, 300)]) == []
    assert find_ruled_tables([_h(0, 0, 100), _h(50, 0, 100), _v(0, 0, 50), _v(100, 0, 50)]) == []


# -- characters → lines ------------------------------------------------------------------------------------


def test_digits_in_another_font_a_little_lower_stay_on_the_line_of_their_text() -> None:
    chars = _chars("2026", 0, 2.4, size=18) + _chars("年部门整体绩效目标表", 36, 0, size=18)
    (line,) = group_lines(chars)
    assert line.text == "2026年部门整体绩效目标表"


def test_a_number_with_a_lower_comma_is_one_number() -> None:
    chars = _chars("46", 0, 0) + _chars(",", 10, 1.5) + _chars("794.00", 15, 0)
    (line,) = group_lines(chars)
    assert line.text == "46,794.00"


def test_two_captions_printed_almost_on_one_line_are_not_interleaved() -> None:
    heading = _chars("九、部门预算绩效目标说明", 0, 0, size=16)
    caption = _chars("表15部门整体支出绩效目标表", 8, 6, size=16)
    texts = [line.text for line in group_lines(heading + caption)]
    assert texts == ["九、部门预算绩效目标说明", "表15部门整体支出绩效目标表"]


# -- stitching ---------------------------------------------------------------------------------------------


def _part(page: int, xs: list[float], rows: list[list[str]], top: float, bottom: float) -> pdf_cells.TablePart:
    cells = []
    height = (bottom - top) / len(rows)
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            cell = pdf_cells.PdfCell(xs[c], top + r * height, xs[c + 1], top + (r + 1) * height, r, r + 1, c, c + 1)
            cell.text = text
            cells.append(cell)
    bbox = (xs[0], top, xs[len(rows[0])], bottom)
    return pdf_cells.TablePart(page, 1, bbox, 842.0, len(rows), cells)


def test_a_continuation_page_without_the_leftmost_column_continues_the_table_by_its_column_edges() -> None:
    above = _part(1, [50, 120, 200, 400, 500], [["一级指标", "二级指标", "三级指标", "指标值"]] * 3, 600, 800)
    shifted = _part(2, [120, 200, 400, 500], [["数量指标", "参保人数", "≥38万人"]] * 3, 60, 200)
    assert pdf_stitch.continues(above, shifted)
    elsewhere = _part(2, [60, 150, 330, 520], [["a", "b", "c"]] * 3, 60, 200)
    assert not pdf_stitch.continues(above, elsewhere)


def test_a_table_ending_high_on_its_page_is_not_continued() -> None:
    above = _part(1, [50, 120, 200, 400, 500], [["一级指标", "二级指标", "三级指标", "指标值"]] * 3, 100, 300)
    following = _part(2, [50, 120, 200, 400, 500], [["产出指标", "数量指标", "参保人数", "≥38万人"]] * 3, 60, 200)
    assert not pdf_stitch.continues(above, following)


def test_a_form_title_in_the_first_ruled_row_starts_a_new_table() -> None:
    above = _part(1, [50, 250, 500], [["项目名称", "某项目"]] * 5, 500, 800)
    following = _part(2, [50, 250, 500], [["项目名称", "另一项目"]] * 5, 60, 300)
    assert pdf_stitch.continues(above, following)
    title = pdf_cells.PdfCell(50, 40, 500, 60, 0, 1, 0, 2)
    title.text = "2022年部门预算专项业务经费绩效目标表"
    for cell in following.cells:
        cell.r0 += 1
        cell.r1 += 1
    following.cells.insert(0, title)
    assert not pdf_stitch.continues(above, following)


# -- 西安医保 2022: merged cells through the page breaks ---------------------------------------------------------


@pytest.fixture(scope="module")
def xian_grids() -> list[Grid]:
    path = REAL_WORLD / "004_xian_ybj_2022_budget.pdf"
    return list(read_pdf(path.read_bytes(), path.name, DEFAULT_LIMITS).grids())


def _column(grid: Grid, row: int) -> list[str]:
    return [re.sub(r"\s+", "", text) for text in grid.row_texts()[row]]


def test_merged_cells_without_a_rule_at_the_page_bottom_carry_the_rows_of_the_next_page(
    xian_grids: list[Grid],
) -> None:
    grid = next(grid for grid in xian_grids if grid.ref == "pages 46-47 table 1")
    texts = grid.row_texts()
    indicators = next(row for row, line in enumerate(texts) if "一级指标" in line) + 1
    last = grid.n_rows - 1
    block = grid.at(indicators, 0)
    assert block is not None and re.sub(r"\s+", "", block.text) == "年度绩效指标"
    assert grid.at(last, 0) is block  # one cell from page 46 down to the last row of page 47
    output = grid.at(indicators, 1)
    assert output is not None and output.text == "产出指标"
    first_on_47 = next(row for row, line in enumerate(texts) if "系统正常运行率" in line)
    assert grid.at(first_on_47, 1) is output  # its text printed at the top of page 47, its cell on page 46
    quality = grid.at(first_on_47, 2)
    assert quality is not None and quality.text == "质量指标" and quality.row < first_on_47


def test_the_overall_form_continues_on_the_next_page_with_its_blocks_joined(xian_grids: list[Grid]) -> None:
    grid = next(grid for grid in xian_grids if grid.ref == "pages 48-49 table 1")
    texts = grid.row_texts()
    quantity_row = next(row for row, line in enumerate(texts) if "智能识别审核" in line)
    quantity = grid.at(quantity_row, 2)
    assert quantity is not None and quantity.text == "数量指标" and quantity.row < quantity_row
    output = grid.at(quantity_row, 1)
    assert output is not None and output.text == "产出指标"


def test_the_clipped_tail_of_a_cell_stays_with_its_cell(xian_grids: list[Grid]) -> None:
    grid = next(grid for grid in xian_grids if grid.ref == "pages 48-49 table 1")
    cells = [cell.text for cell in grid.cells()]
    assert any(text.startswith("促进各类医疗保障互补衔接") and text.endswith("、获得感") for text in cells)
    assert any(text.startswith("指导医院合理利用医疗资源") for text in cells)


# -- characters → cells ------------------------------------------------------------------------------------


def _two_cells() -> RuledTable:
    return RuledTable((0, 0, 200, 20), [RuledCell(0, 0, 100, 20), RuledCell(100, 0, 200, 20)])


def test_a_clipped_label_running_past_its_rule_stays_with_the_cell_where_it_starts() -> None:
    label = _chars("部门预算项目支出绩效标签", 4, 5)  # the tenth character straddles the rule at x = 100
    own = _chars("某项目", 150, 5)
    part, rest = pdf_cells.place_table(1, 1, _two_cells(), 842.0, label + own)
    assert rest == []
    assert [cell.text for cell in part.cells] == ["部门预算项目支出绩效标签", "某项目"]


def test_text_set_tight_against_a_rule_stays_in_its_own_cell() -> None:
    left = _chars("121", 85, 5)  # ends exactly at the rule
    right = _chars("西安市信访局", 100, 5)  # starts exactly at the rule
    part, _ = pdf_cells.place_table(1, 1, _two_cells(), 842.0, left + right)
    assert [cell.text for cell in part.cells] == ["121", "西安市信访局"]


def test_a_table_cut_by_the_page_break_is_told_by_its_open_cells() -> None:
    above = _part(1, [50, 120, 200, 400, 500], [["产出指标", "数量指标", "参保人数", "≥38万人"]] * 3, 600, 800)
    below = _part(2, [50, 120, 200, 400, 500], [["", "", "满意度", "≥95%"]] * 3, 100, 300)
    assert not pdf_stitch.cut_by_the_break(above, below)  # closed below and above: two tables, or a repeat
    above.cells[-4].open_bottom = True  # the 一级指标 block has no rule at the page bottom
    assert pdf_stitch.cut_by_the_break(above, below)


# -- PDFs made here (PDFium writes them): rules, hidden rules, open cells over a page break ------------------


Rule = tuple[float, float, float, float, bool]  # x0, y0, x1, y1 (PDF space, y up), white


def _make_pdf(path: Path, pages: list[tuple[list[Rule], list[tuple[float, float, str]]]]) -> Path:
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument.new()
    for rules, texts in pages:
        page = document.new_page(300, 200)
        for x0, y0, x1, y1, white in rules:
            path_obj = pdfium_c.FPDFPageObj_CreateNewPath(x0, y0)
            pdfium_c.FPDFPath_LineTo(path_obj, x1, y1)
            pdfium_c.FPDFPath_SetDrawMode(path_obj, 0, 1)
            shade = 255 if white else 0
            pdfium_c.FPDFPageObj_SetStrokeColor(path_obj, shade, shade, shade, 255)
            pdfium_c.FPDFPageObj_SetStrokeWidth(path_obj, 0.5)
            pdfium_c.FPDFPage_InsertObject(page.raw, path_obj)
        for x, y, text in texts:
            text_obj = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", 10.0)
            pdfium_c.FPDFText_SetText(text_obj, (ctypes.c_ushort * (len(text) + 1))(*map(ord, text), 0))
            pdfium_c.FPDFPageObj_Transform(text_obj, 1, 0, 0, 1, x, y)
            pdfium_c.FPDFPage_InsertObject(page.raw, text_obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
        page.close()
    document.save(path)
    document.close()
    return path


def _read_made(path: Path) -> list[Grid]:
    return list(read_pdf(path.read_bytes(), path.name, DEFAULT_LIMITS).grids())


def test_a_white_line_inside_a_merged_cell_does_not_split_it(tmp_path: Path) -> None:
    frame: list[Rule] = [(10, 180, 290, 180, False), (10, 100, 290, 100, False)]
    frame += [(10, 100, 10, 180, False), (150, 100, 150, 180, False), (290, 100, 290, 180, False)]
    rules = [*frame, (150, 140, 290, 140, False), (10, 140, 150, 140, True)]
    path = _make_pdf(
        tmp_path / "hidden_rule.pdf", [(rules, [(20, 145, "Project A"), (160, 160, "x1"), (160, 120, "x2")])]
    )
    (grid,) = _read_made(path)
    block = grid.at(1, 0)
    assert block is not None and (block.text, block.row, block.rowspan) == ("Project A", 0, 2)


def test_a_block_without_a_rule_at_the_page_bottom_runs_on_over_the_next_page(tmp_path: Path) -> None:
    # page 1: the left column has only its top rule and runs down to y = 20; the right column has rows
    first: list[Rule] = [(10, 180, 290, 180, False), (150, 140, 290, 140, False), (150, 100, 290, 100, False)]
    first += [(10, 20, 10, 180, False), (150, 20, 150, 180, False), (290, 20, 290, 180, False)]
    # page 2: no rule over the left column at the top; the table closes at y = 100
    second: list[Rule] = [(150, 190, 290, 190, False), (150, 150, 290, 150, False), (10, 100, 290, 100, False)]
    second += [(10, 100, 10, 190, False), (150, 100, 150, 190, False), (290, 100, 290, 190, False)]
    path = _make_pdf(
        tmp_path / "open_block.pdf",
        [
            (first, [(20, 60, "Project A"), (160, 160, "r1"), (160, 120, "r2"), (160, 60, "r3")]),
            (second, [(160, 170, "r4"), (160, 120, "r5")]),
        ],
    )
    (grid,) = _read_made(path)
    assert grid.ref == "pages 1-2 table 1"
    assert [row[-1] for row in grid.row_texts()] == ["r1", "r2", "r3", "r4", "r5"]
    block = grid.at(grid.n_rows - 1, 0)
    assert block is not None and (block.text, block.row, block.rowspan) == ("Project A", 0, grid.n_rows)


def test_a_continuation_page_without_the_label_column_lands_under_the_block_left_open(tmp_path: Path) -> None:
    first: list[Rule] = [(10, 180, 290, 180, False), (150, 140, 290, 140, False), (150, 100, 290, 100, False)]
    first += [(10, 20, 10, 180, False), (150, 20, 150, 180, False), (290, 20, 290, 180, False)]
    # page 2 prints only the right column: its edges stand where the right column's edges stood
    second: list[Rule] = [(150, 190, 290, 190, False), (150, 150, 290, 150, False), (150, 100, 290, 100, False)]
    second += [(150, 100, 150, 190, False), (290, 100, 290, 190, False)]
    path = _make_pdf(
        tmp_path / "without_labels.pdf",
        [
            (first, [(20, 60, "Project A"), (160, 160, "r1"), (160, 120, "r2"), (160, 60, "r3")]),
            (second, [(160, 170, "r4"), (160, 120, "r5")]),
        ],
    )
    (grid,) = _read_made(path)
    assert grid.ref == "pages 1-2 table 1"
    assert [row[-1] for row in grid.row_texts()] == ["r1", "r2", "r3", "r4", "r5"]
    assert all(grid.at(row, 1) is not None for row in range(grid.n_rows))  # r4, r5 in the right column
    block = grid.at(grid.n_rows - 1, 0)
    assert block is not None and (block.text, block.rowspan) == ("Project A", grid.n_rows)


@pytest.mark.parametrize(
    ("last", "following", "gap", "same_object", "space"),
    [
        (",", "完", 0.26, False, True),  # 实施, 完成: a space typed after punctuation
        ("；", "住", 0.26, False, True),  # 90%； 住院
        ("局", "(", 0.3, False, True),  # 医疗保障局 (本级)
        ("d", "r", 0.25, False, True),  # between Latin words
        ("4", "年", 0.2, False, False),  # 2024年: the spacing a word processor adds between digits and CJK
        ("口", "1", 0.31, False, False),  # 人口10140人, the same
        ("]", "国", 0.5, False, True),  # [292] 国家信访局: as wide as a CJK space
        ("位", "单", 0.31, True, True),  # 测试单位 单位: a space inside one run of text
        (",", "完", 0.1, False, False),  # too narrow to be a space
    ],
)
def test_a_word_break_pdfium_reports_is_a_space_where_the_text_shows_one(
    last: str, following: str, gap: float, same_object: bool, space: bool
) -> None:
    previous = _chars(last, 0, 0)[0]
    assert pdf_page._printed_space(previous, following, gap * 10, 10.0, same_object) is space


def _one_page_pdf(content: str) -> bytes:
    """A one-page PDF (A4 portrait, Helvetica) whose page draws ``content``."""
    stream = content.encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_text_printed_outside_its_clipping_path_is_not_read() -> None:
    # Calc prints a merged cell's text at the middle of the whole merged range on each page it spans, clipped
    # to the page's part: on the next page it lands, unseen, over the repeated header row
    import pypdfium2 as pdfium

    clipped = "q 50 500 300 100 re W n BT /F1 12 Tf 60 700 Td (Hidden) Tj ET Q"
    shown = "q 50 500 300 100 re W n BT /F1 12 Tf 60 550 Td (Shown) Tj ET Q"
    free = "BT /F1 12 Tf 60 400 Td (Free) Tj ET"
    document = pdfium.PdfDocument(_one_page_pdf(f"{clipped}\n{shown}\n{free}"))
    content = pdf_page.read_page(document[0])
    assert "".join(char["text"] for char in content.chars) == "ShownFree"
