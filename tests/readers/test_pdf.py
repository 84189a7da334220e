"""The PDF reader: grids from cell rectangles, soft-wrap joining, stitching over pages, paragraphs, furniture.

Behaviour is checked on a PDF the tests build (python-docx, then LibreOffice), on the four fixtures and
on three real published budget PDFs (``tests/data/real-world``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from jixiao.errors import ReadError
from jixiao.grid import Grid, Paragraph, SourceDocument
from jixiao.readers import pdf_lines
from jixiao.readers.limits import DEFAULT_LIMITS
from jixiao.readers.pdf import read_pdf
from tests.readers._office_build import add_page_field, convert, repeat_as_header, set_cjk_font

DATA = Path(__file__).parents[1] / "data"
FIXTURES = DATA / "fixtures"
REAL_WORLD = DATA / "real-world"

LONG_CJK = "为财政供养的事业在编人员投保商业补充医疗保险，提高事业人员医疗保险待遇和稳定干部队伍。"
NARRATIVE = "为进一步加强定点医疗机构和本单位医保网络安全行为监管，确保医保网络环境清洁，防止病毒扩散，筑牢医保网络安全防线，医疗服务水平稳步提高。"


def _read(path: Path) -> SourceDocument:
    return read_pdf(path.read_bytes(), path.name, DEFAULT_LIMITS)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _build_docx(path: Path) -> None:
    """A target table of 44 rows (so it breaks over two pages) with a repeated header row, vertical merges
    across the page break, narrow columns that wrap CJK, an amount and Latin words, a typed line break, a
    page header and a page-number footer, and narrative text after the table."""
    docx = pytest.importorskip("docx")
    from docx.shared import Cm

    document = docx.Document()
    set_cjk_font(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = "某某部门2024年部门预算"
    add_page_field(section.footer.paragraphs[0], "- ", " -")
    document.add_paragraph("1.测试项目绩效目标表")
    document.add_paragraph("382101测试单位 单位：万元")
    table = document.add_table(rows=44, cols=5)
    table.style = "Table Grid"
    table.autofit = False
    widths = [Cm(2.2), Cm(1.6), Cm(4.0), Cm(2.0), Cm(3.0)]
    for row in table.rows:
        for width, cell in zip(widths, row.cells, strict=True):
            cell.width = width
    for cell, text in zip(table.rows[0].cells, ["一级指标", "二级指标", "三级指标", "指标值", "备注"], strict=True):
        cell.text = text
    repeat_as_header(table.rows[0])
    table.cell(1, 0).text = "项目资金"
    table.cell(1, 0).add_paragraph("（万元）")
    table.cell(1, 1).text = "37,000,000.00"
    table.cell(1, 2).text = LONG_CJK
    table.cell(1, 3).text = "≥95%"
    table.cell(1, 4).text = "performance target review"
    table.cell(2, 0).text = "产出指标"
    table.cell(2, 1).text = "数量指标"
    table.cell(20, 1).text = "质量指标"
    for r in range(2, 44):
        table.cell(r, 2).text = f"指标{r:02d}"
        table.cell(r, 3).text = f"≥{r}人"
    table.cell(2, 0).merge(table.cell(43, 0))
    table.cell(2, 1).merge(table.cell(19, 1))
    table.cell(20, 1).merge(table.cell(43, 1))
    document.add_paragraph(NARRATIVE)
    document.add_paragraph("第二段。")
    document.save(str(path))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SourceDocument:
    folder = tmp_path_factory.mktemp("built_pdf")
    source = folder / "target_table.docx"
    _build_docx(source)
    return _read(convert(source, "pdf", folder))


@pytest.fixture(scope="module")
def built_grid(built: SourceDocument) -> Grid:
    grids = list(built.grids())
    assert len(grids) == 1
    return grids[0]


@pytest.mark.libreoffice
def test_a_table_over_two_pages_is_one_grid_without_the_repeated_header(built_grid: Grid) -> None:
    assert built_grid.ref == "pages 1-2 table 1"
    texts = built_grid.row_texts()
    assert texts[0] == ["一级指标", "二级指标", "三级指标", "指标值", "备注"]
    assert sum(1 for row in texts if row[:1] == ["一级指标"]) == 1
    assert built_grid.n_rows == 44
    assert [row[2] for row in texts[2:]] == [f"指标{r:02d}" for r in range(2, 44)]


@pytest.mark.libreoffice
def test_merged_cells_keep_their_spans_across_the_page_break(built_grid: Grid) -> None:
    level1 = built_grid.at(2, 0)
    assert level1 is not None and (level1.text, level1.row, level1.rowspan) == ("产出指标", 2, 42)
    quantity = built_grid.at(2, 1)
    assert quantity is not None and (quantity.text, quantity.rowspan) == ("数量指标", 18)
    quality = built_grid.at(43, 1)
    assert quality is not None and (quality.text, quality.row, quality.rowspan) == ("质量指标", 20, 24)
    assert built_grid.at(43, 0) is level1


@pytest.mark.libreoffice
def test_wrapped_cell_text_is_joined_without_spaces_but_latin_words_keep_theirs(built_grid: Grid) -> None:
    row = built_grid.row_texts()[1]
    assert row[1] == "37,000,000.00"
    assert row[2] == LONG_CJK
    assert row[3] == "≥95%"
    assert row[4] == "performance target review"


def _typeset(lines: list[str], size: float = 10.0) -> list[dict[str, object]]:
    """pdfplumber-like characters for lines set from x = 0 down a cell (CJK full width, the rest half)."""
    chars: list[dict[str, object]] = []
    for number, line in enumerate(lines):
        x, top = 0.0, number * size * 1.5
        for ch in line:
            width = size if unicodedata.east_asian_width(ch) in ("W", "F") else size / 2
            chars.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + size, "size": size})
            x += width
    return chars


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["职工参保人数>38万人;\xa0", "居民参保人数>508万人"], "职工参保人数>38万人; 居民参保人数>508万人"),
        (["符合规定费用补助90%；\xa0", "住院：符合规定费用"], "符合规定费用补助90%； 住院：符合规定费用"),
        (["职工参保人数>38万人;", "居民参保人数>508万人"], "职工参保人数>38万人;居民参保人数>508万人"),
        (["金额37,000,00", "0.00元整"], "金额37,000,000.00元整"),
    ],
)
def test_a_space_printed_where_a_line_wrapped_is_kept_once_and_none_is_added_where_there_was_none(
    lines: list[str], joined: str
) -> None:
    chars = _typeset(lines)
    typeset = pdf_lines.group_lines(chars)
    assert [line.text for line in typeset] == [line.strip() for line in lines]
    right = max(float(str(ch["x1"])) for ch in chars)
    assert pdf_lines.cell_text(typeset, 0.0, right) == joined


@pytest.mark.libreoffice
def test_a_line_break_typed_in_a_cell_is_kept(built_grid: Grid) -> None:
    assert built_grid.row_texts()[1][0] == "项目资金\n（万元）"


@pytest.mark.libreoffice
def test_cell_refs_name_page_table_row_and_column(built_grid: Grid) -> None:
    first_value = built_grid.at(1, 3)
    assert first_value is not None and first_value.ref == "page 1 table 1 r2c4"
    last = built_grid.at(43, 2)
    assert last is not None and last.ref is not None and last.ref.startswith("page 2 table 1 r")


@pytest.mark.libreoffice
def test_text_outside_the_table_is_paragraphs_in_reading_order(built: SourceDocument) -> None:
    kinds = [(type(block).__name__, getattr(block, "text", None)) for block in built.blocks]
    assert kinds == [
        ("Paragraph", "1.测试项目绩效目标表"),
        ("Paragraph", "382101测试单位 单位：万元"),
        ("Grid", None),
        ("Paragraph", NARRATIVE),
        ("Paragraph", "第二段。"),
    ]


@pytest.mark.libreoffice
def test_page_headers_and_page_numbers_are_dropped_and_the_unit_reaches_the_grid(
    built: SourceDocument, built_grid: Grid
) -> None:
    texts = [block.text for block in built.blocks if isinstance(block, Paragraph)]
    texts += [cell.text for cell in built_grid.cells()]
    assert not any("某某部门2024年部门预算" in text or re.fullmatch(r"-\s*\d+\s*-", text) for text in texts)
    assert built_grid.unit_hint == "万元"


def test_a_file_that_is_not_a_pdf_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="not a PDF"):
        read_pdf(b"hello", "hello.pdf", DEFAULT_LIMITS)


def test_a_damaged_pdf_is_a_read_error_naming_the_file() -> None:
    with pytest.raises(ReadError) as caught:
        read_pdf(b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <<>>\n%%EOF", "damaged.pdf", DEFAULT_LIMITS)
    assert caught.value.path == "damaged.pdf"


# -- fixtures ---------------------------------------------------------------------------------------------


def test_tianjin_titles_over_two_lines_are_one_paragraph_and_each_table_has_its_unit() -> None:
    document = _read(FIXTURES / "000_tianjin.pdf")
    grids = list(document.grids())
    assert [grid.ref for grid in grids] == [f"page {n} table 1" for n in range(1, 5)]
    assert {grid.unit_hint for grid in grids} == {"元"}
    titles = [
        block.text for block in document.blocks if isinstance(block, Paragraph) and block.text.endswith("绩效目标表")
    ]
    assert (
        titles[1]
        == "2.关于拨付和下达2023年医疗卫生服务与保障能力提升（公立医院综合改革）补助资金（第二批）预算的通知（津财社指[2023]65号）绩效目标表"
    )
    first = grids[0]
    assert first.row_texts()[1] == [
        "预算规模及资金用途",
        "预算数",
        "37000000.00",
        "其中：财政资金",
        "37000000.00",
        "其他资金",
        "",
    ]
    level1 = first.at(5, 0)
    assert level1 is not None and (level1.text, level1.rowspan) == ("产出指标", 5)
    assert first.row_texts()[11][-1] == "≥85%"


def test_luan_tables_continue_on_the_next_page_with_the_merged_cells_extended() -> None:
    document = _read(FIXTURES / "002_luan.pdf")
    grids = list(document.grids())
    assert [grid.ref for grid in grids] == ["pages 1-2 table 1", "pages 3-4 table 1", "pages 5-6 table 1"]
    first = grids[0]
    headers = [row for row in first.row_texts() if "中长期指标值" in row]
    assert len(headers) == 1
    performance = first.at(first.n_rows - 1, 0)
    assert (
        performance is not None
        and performance.text == "绩效指标"
        and performance.row + performance.rowspan == first.n_rows
    )
    output = first.at(18, 1)  # 时效性, first row on page 2, still under 产出指标 from page 1
    assert output is not None and output.text == "产出指标"
    assert first.row_texts()[18][2] == "时效性"
    second = grids[1]
    assert "《=858.5万（预算数）" in [cell.text for cell in second.cells()]
    assert "二乙人员人数（医疗待遇比照离休干部）" in [cell.text for cell in second.cells()]


def test_lulong_narrative_is_one_paragraph_per_printed_paragraph_across_pages() -> None:
    document = _read(FIXTURES / "001_lulong.pdf")
    paragraphs = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert paragraphs[:4] == ["第一部分", "部门整体绩效目标", "一、总体绩效目标", "1、医保监督工作"]
    chronic = next(text for text in paragraphs if text.startswith("（二）慢性病管理情况"))
    assert "二是规范慢性病办理。落实随时申报" in chronic  # the paragraph runs on from page 1 to page 2
    assert chronic.endswith("书面告知“未果原因”。")
    assert "贫困人口10140人" in next(text for text in paragraphs if text.startswith("（一）政策落实情况"))
    assert len(list(document.grids())) == 14


def test_chongqing_pdf_reads_the_same_indicator_rows_as_the_workbook() -> None:
    from jixiao.readers.xlsx import read_xlsx

    pdf = _read(FIXTURES / "003_chongqing.pdf")
    book = read_xlsx((FIXTURES / "003_chongqing.xlsx").read_bytes(), "003_chongqing.xlsx", DEFAULT_LIMITS)

    def indicator_rows(document: SourceDocument) -> list[list[str]]:
        rows = []
        for grid in document.grids():
            texts = grid.row_texts()
            start = next(i for i, row in enumerate(texts) if row[:1] == ["一级指标"])
            rows.extend([_norm(text) for text in row] for row in texts[start:])
        return rows

    assert indicator_rows(pdf) == indicator_rows(book)


# -- real published PDFs (no gold: tables found, values parse, nothing crashes) ----------------------------


def _indicator_grids(document: SourceDocument) -> list[tuple[Grid, list[str]]]:
    """Grids with a 三级指标 header and the texts of their 指标值 column."""
    found = []
    for grid in document.grids():
        headers = {re.sub(r"\s", "", cell.text): cell for cell in grid.cells()}
        if "三级指标" not in headers:
            continue
        value = headers.get("指标值") or headers.get("年度指标值")
        assert value is not None, f"{grid.ref}: a 三级指标 table without a 指标值 column"
        values = [
            cell.text for cell in grid.cells() if cell.row > value.row and cell.col == value.col and cell.text.strip()
        ]
        found.append((grid, values))
    return found


@pytest.mark.parametrize(
    ("name", "tables", "cells"),
    [
        ("005_guangzhou_sthjj_2026_dept_overall_targets.pdf", 1, ["≤25微克/立方米", "年底前完成"]),
        ("007_changsha_xfj_2026_budget.pdf", 2, ["126001", "接待来市走访群众数量"]),
        ("014_gjxfj_2026_budget.pdf", 3, ["≤2134.87万元", "≥330台（套）"]),
    ],
)
def test_real_world_target_tables_are_found_and_their_values_parse(name: str, tables: int, cells: list[str]) -> None:
    from jixiao.values import parse_value

    document = _read(REAL_WORLD / name)
    found = _indicator_grids(document)
    assert len(found) == tables
    all_cells = {cell.text for grid, _ in found for cell in grid.cells()}
    assert set(cells) <= all_cells
    for grid, values in found:
        assert values, f"{grid.ref}: no values"
        parsed = [parse_value(text) for text in values]
        assert sum(1 for p in parsed if p.op is not None) >= len(values) // 2, grid.ref


def test_changsha_project_table_over_eight_pages_is_stitched_with_its_repeated_caption_dropped() -> None:
    document = _read(REAL_WORLD / "007_changsha_xfj_2026_budget.pdf")
    grid = next(grid for grid, _ in _indicator_grids(document))
    assert grid.ref == "pages 22-29 table 1"
    assert sum(1 for row in grid.row_texts() if "一级指标" in row) == 1
    captions = [b.text for b in document.blocks if isinstance(b, Paragraph) and b.text == "2026年项目支出绩效目标表"]
    assert len(captions) == 1
    project = next(cell for cell in grid.cells() if cell.text == "基层及其他信访业务工作经费专项")
    assert project.rowspan == 16


@pytest.mark.parametrize("name", ["000_tianjin.pdf", "001_lulong.pdf", "002_luan.pdf", "003_chongqing.pdf"])
def test_fixture_pdf_reads_as_its_gold(name: str) -> None:
    """Acceptance: the full import (reader + interpreter) scores F1 >= 0.99 against the hand-checked gold."""
    import json

    from jixiao.compare import compare
    from jixiao.parsing import parse_file

    path = FIXTURES / name
    gold = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    result = compare(gold, parse_file(path).document.to_dict())
    assert result.structure.f1 >= 0.99, result.structure.mismatches[:10]
    assert result.parse.f1 >= 0.99, result.parse.mismatches[:10]


@pytest.mark.libreoffice
def test_a_table_without_ruling_lines_is_found_from_text_alignment(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    set_cjk_font(document)
    document.add_paragraph("无框线表")
    rows = [
        ["一级指标", "三级指标", "指标值"],
        ["产出指标", "参保人数", "≥38万人"],
        ["效益指标", "满意度", "≥95%"],
        ["成本指标", "项目总成本", "≤60万元"],
    ]
    table = document.add_table(rows=len(rows), cols=3)  # the default table style draws no borders
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.add_paragraph("表后文字。")
    source = tmp_path / "borderless.docx"
    document.save(str(source))
    read = _read(convert(source, "pdf", tmp_path))
    kinds = [type(block).__name__ for block in read.blocks]
    assert kinds == ["Paragraph", "Grid", "Paragraph"]
    grid = read.blocks[1]
    assert isinstance(grid, Grid)
    assert grid.row_texts() == rows
    assert [block.text for block in read.blocks if isinstance(block, Paragraph)] == ["无框线表", "表后文字。"]


def test_page_numbers_are_dropped_also_where_landscape_pages_print_them_higher() -> None:
    document = _read(REAL_WORLD / "014_gjxfj_2026_budget.pdf")  # numbers at 88-92 % of the page height
    texts = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert texts
    assert not [text for text in texts if re.fullmatch(r"[-—\s\d]+", text)]


@pytest.mark.libreoffice
def test_a_pdf_encrypted_with_an_empty_user_password_is_read(tmp_path: Path) -> None:
    """Permissions-only encryption (an owner password, no user password) opens without asking."""
    source = tmp_path / "restricted.txt"
    source.write_text("绩效目标表\n一级指标 产出指标\n", encoding="utf-8")
    export = {
        "EncryptFile": {"type": "boolean", "value": "true"},
        "PermissionPassword": {"type": "string", "value": "owner"},
        "RestrictPermissions": {"type": "boolean", "value": "true"},
    }
    path = convert(source, "pdf:writer_pdf_Export:" + json.dumps(export), tmp_path)
    assert b"/Encrypt" in path.read_bytes()
    document = _read(path)
    assert [block.text for block in document.blocks if isinstance(block, Paragraph)] == [
        "绩效目标表",
        "一级指标 产出指标",
    ]


def test_a_page_tree_that_declares_fewer_pages_than_the_file_holds_is_named_in_a_warning() -> None:
    from tests.readers.test_hostile_sheets_pdf import _many_pages

    document = read_pdf(_many_pages(3, 1), "short_tree.pdf", DEFAULT_LIMITS)
    assert document.warnings == [
        "the page tree declares 1 pages but the file holds 3 page objects: only the 1 declared pages are read"
    ]
    assert [block.text for block in document.blocks if isinstance(block, Paragraph)] == ["page"]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("运行时间及D", "RG运行时间", "运行时间及DRG运行时间"),  # LibreOffice breaks such a word anywhere
        ("submitted with the annual", "report", "submitted with the annual report"),
        ("按DRG", "and DIP", "按DRG and DIP"),  # English words after the ideographs keep their space
    ],
)
def test_a_latin_word_wrapped_inside_cjk_text_is_joined_without_a_space(left: str, right: str, joined: str) -> None:
    assert pdf_lines.join_wrapped(left, right) == joined
