"""The .docx reader: body order, merges, offsets, nesting, page stitching, limits; the Word fixtures."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Grid, Paragraph, SourceDocument
from jixiao.readers.docx import read_docx
from jixiao.readers.limits import DEFAULT_LIMITS, Limits
from tests.readers._word import W_NS, docx_from_body, p, replace_member, run, tbl, tc, tr

FIXTURES = Path(__file__).parents[1] / "data" / "fixtures"


def read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    return read_docx(data, "test.docx", limits)


def grids(document: SourceDocument) -> list[Grid]:
    return list(document.grids())


def shape(grid: Grid) -> list[list[tuple[int, int, int, int, str]]]:
    """Each row's cells as (row, col, rowspan, colspan, text)."""
    return [[(c.row, c.col, c.rowspan, c.colspan, c.text) for c in row] for row in grid.rows]


# -- body order, styles, units ------------------------------------------------------------------------


def test_paragraphs_and_tables_come_in_body_order_with_styles_and_the_unit_above_the_table() -> None:
    import docx

    document = docx.Document()
    document.add_heading("一、总体绩效目标", level=1)
    document.add_paragraph("")  # empty paragraphs are not blocks
    document.add_paragraph("单位：元")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目名称"
    table.cell(0, 1).text = "医保专项"
    document.add_paragraph("说明")
    buffer = io.BytesIO()
    document.save(buffer)

    source = read(buffer.getvalue())

    assert source.format == "docx"
    assert source.name == "test.docx"
    kinds = [(type(block).__name__, getattr(block, "text", None)) for block in source.blocks]
    assert kinds == [
        ("Paragraph", "一、总体绩效目标"),
        ("Paragraph", "单位：元"),
        ("Grid", None),
        ("Paragraph", "说明"),
    ]
    heading = source.blocks[0]
    assert isinstance(heading, Paragraph) and heading.style == "Heading 1" and heading.ref == "paragraph 1"
    grid = grids(source)[0]
    assert grid.unit_hint == "元"
    assert grid.ref == "table 1"
    assert shape(grid) == [[(0, 0, 1, 1, "项目名称"), (0, 1, 1, 1, "医保专项")]]
    assert [c.ref for c in grid.cells()] == ["table 1 r1c1", "table 1 r1c2"]


def test_an_outline_level_on_the_paragraph_makes_it_a_heading() -> None:
    outlined = '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr>' + run("二、分项绩效目标") + "</w:p>"
    source = read(docx_from_body(outlined))
    assert source.blocks == [Paragraph(text="二、分项绩效目标", ref="paragraph 1", style="Heading 2")]


# -- merges ---------------------------------------------------------------------------------------------


def test_python_docx_merges_become_rowspan_and_colspan() -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "产出指标"
    table.cell(0, 0).merge(table.cell(2, 0))
    table.cell(0, 1).text = "数量指标"
    table.cell(0, 1).merge(table.cell(0, 2))
    for r in (1, 2):
        for c in (1, 2):
            table.cell(r, c).text = f"v{r}{c}"
    buffer = io.BytesIO()
    document.save(buffer)

    grid = grids(read(buffer.getvalue()))[0]

    assert shape(grid) == [
        [(0, 0, 3, 1, "产出指标"), (0, 1, 1, 2, "数量指标")],
        [(1, 1, 1, 1, "v11"), (1, 2, 1, 1, "v12")],
        [(2, 1, 1, 1, "v21"), (2, 2, 1, 1, "v22")],
    ]
    assert grid.at(2, 0) is grid.rows[0][0]
    assert grid.rows[0][1].ref == "table 1 r1c2"


def test_vmerge_restart_and_continue_extend_the_cell_above_at_the_same_grid_column() -> None:
    table = tbl(
        tr(tc("一级指标"), tc("二级指标", span=2)),
        tr(tc("产出指标", vmerge="restart"), tc("数量指标", vmerge="restart", span=2)),
        tr(tc(vmerge=""), tc(vmerge="continue", span=2)),
        tr(tc(vmerge="continue"), tc("质量指标"), tc("x")),
        cols=3,
    )
    grid = grids(read(docx_from_body(table)))[0]
    assert shape(grid) == [
        [(0, 0, 1, 1, "一级指标"), (0, 1, 1, 2, "二级指标")],
        [(1, 0, 3, 1, "产出指标"), (1, 1, 2, 2, "数量指标")],
        [],
        [(3, 1, 1, 1, "质量指标"), (3, 2, 1, 1, "x")],
    ]
    assert grid.n_rows == 4 and grid.n_cols == 3


def test_text_in_a_continuation_cell_is_kept_in_the_merged_cell() -> None:
    table = tbl(tr(tc("满意度", vmerge="restart")), tr(tc("指标", vmerge="continue")), cols=1)
    grid = grids(read(docx_from_body(table)))[0]
    assert shape(grid) == [[(0, 0, 2, 1, "满意度\n指标")], []]


def test_a_continuation_below_no_merge_of_its_width_is_a_cell_of_its_own() -> None:
    table = tbl(
        tr(tc("a", vmerge="restart"), tc("b")),
        tr(tc("c", vmerge="continue", span=2)),
        tr(tc("d"), tc("e", vmerge="continue")),
        cols=2,
    )
    grid = grids(read(docx_from_body(table)))[0]
    assert shape(grid) == [
        [(0, 0, 1, 1, "a"), (0, 1, 1, 1, "b")],
        [(1, 0, 1, 2, "c")],
        [(2, 0, 1, 1, "d"), (2, 1, 1, 1, "e")],
    ]


def test_grid_before_and_after_leave_columns_empty() -> None:
    table = tbl(
        tr(tc("单位：元"), before=3),
        tr(tc("项目名称"), tc("医保", span=2), after=1),
        tr(tc("a"), tc("b"), tc("c"), tc("d")),
        cols=4,
    )
    grid = grids(read(docx_from_body(table)))[0]
    assert shape(grid) == [
        [(0, 3, 1, 1, "单位：元")],
        [(1, 0, 1, 1, "项目名称"), (1, 1, 1, 2, "医保")],
        [(2, 0, 1, 1, "a"), (2, 1, 1, 1, "b"), (2, 2, 1, 1, "c"), (2, 3, 1, 1, "d")],
    ]
    assert grid.rows[0][0].ref == "table 1 r1c4"


def test_legacy_hmerge_is_read_as_a_colspan() -> None:
    table = tbl(tr(tc("项目名称", hmerge="restart"), tc(hmerge=""), tc("x")), cols=3)
    grid = grids(read(docx_from_body(table)))[0]
    assert shape(grid) == [[(0, 0, 1, 2, "项目名称"), (0, 2, 1, 1, "x")]]


# -- text ---------------------------------------------------------------------------------------------


def test_cell_text_joins_paragraphs_and_keeps_breaks_tabs_and_symbol_font_signs() -> None:
    runs = (
        run("满意度")
        + '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'
        + run("90%")
        + "<w:r><w:br/></w:r>"
        + run("说明")
        + "<w:r><w:tab/></w:r>"
        + run("a")
        + '<w:del w:id="1" w:author="x"><w:r><w:delText>删掉</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="x">' + run("加上") + "</w:ins>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    )  # fmt: skip
    cell = f"<w:tc><w:tcPr/>{p(runs=runs)}{p('第二段')}</w:tc>"
    grid = grids(read(docx_from_body(tbl(tr(cell), cols=1))))[0]
    assert grid.rows[0][0].text == "满意度≥90%\n说明\ta加上\n第二段"


def test_content_controls_around_paragraphs_rows_and_cells_are_looked_through() -> None:
    wrapped_cell = f"<w:sdt><w:sdtPr/><w:sdtContent>{tc('填报单位')}</w:sdtContent></w:sdt>"
    wrapped_row = f"<w:sdt><w:sdtPr/><w:sdtContent>{tr(tc('a'), tc('b'))}</w:sdtContent></w:sdt>"
    body = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('标题')}</w:sdtContent></w:sdt>" + tbl(
        tr(wrapped_cell, tc("x")), wrapped_row, cols=2
    )
    source = read(docx_from_body(body))
    assert isinstance(source.blocks[0], Paragraph) and source.blocks[0].text == "标题"
    assert shape(grids(source)[0]) == [
        [(0, 0, 1, 1, "填报单位"), (0, 1, 1, 1, "x")],
        [(1, 0, 1, 1, "a"), (1, 1, 1, 1, "b")],
    ]


def test_a_nested_table_is_flattened_into_its_cell_one_line_per_row() -> None:
    inner = tbl(tr(tc("数量"), tc("10人")), tr(tc("质量"), tc("100%")), cols=2)
    table = tbl(tr(tc("指标"), tc("说明", raw=inner)), cols=2)
    source = read(docx_from_body(table))
    assert len(grids(source)) == 1
    assert grids(source)[0].rows[0][1].text == "说明\n数量\t10人\n质量\t100%"


def test_a_one_cell_frame_around_a_table_is_unwrapped() -> None:
    inner = tbl(tr(tc("项目名称"), tc("医保")), cols=2)
    frame = tbl(tr(tc("1.医保专项绩效目标表", raw=inner)), cols=1)
    source = read(docx_from_body(frame))
    assert [type(b).__name__ for b in source.blocks] == ["Paragraph", "Grid"]
    assert source.blocks[0].text == "1.医保专项绩效目标表"  # type: ignore[union-attr]
    assert shape(grids(source)[0]) == [[(0, 0, 1, 1, "项目名称"), (0, 1, 1, 1, "医保")]]


# -- tables continued across pages ------------------------------------------------------------------


HEADER = tr(tc("一级指标"), tc("二级指标"), tc("指标值"), header=True)


def test_a_table_continued_with_a_repeated_header_row_is_stitched_and_the_header_dropped() -> None:
    first = tbl(
        tr(tc("项目名称"), tc("医保", span=2)),
        HEADER,
        tr(tc("产出指标", vmerge="restart"), tc("数量指标"), tc("10人")),
        cols=3,
    )
    second = tbl(
        HEADER,
        tr(tc(vmerge="continue"), tc("质量指标"), tc("100%")),
        tr(tc("效益指标"), tc("社会效益"), tc("有效")),
        cols=3,
    )
    source = read(docx_from_body(p("1.医保绩效目标表"), first, "<w:p/>", second))
    assert len(grids(source)) == 1
    grid = grids(source)[0]
    assert grid.ref == "tables 1-2"
    assert shape(grid) == [
        [(0, 0, 1, 1, "项目名称"), (0, 1, 1, 2, "医保")],
        [(1, 0, 1, 1, "一级指标"), (1, 1, 1, 1, "二级指标"), (1, 2, 1, 1, "指标值")],
        [(2, 0, 2, 1, "产出指标"), (2, 1, 1, 1, "数量指标"), (2, 2, 1, 1, "10人")],
        [(3, 1, 1, 1, "质量指标"), (3, 2, 1, 1, "100%")],
        [(4, 0, 1, 1, "效益指标"), (4, 1, 1, 1, "社会效益"), (4, 2, 1, 1, "有效")],
    ]
    assert grid.rows[3][0].ref == "table 2 r2c2"  # a cell keeps the place it was printed


@pytest.mark.parametrize(
    ("between", "second_header"),
    [
        (p("2.另一项目绩效目标表"), HEADER),  # text between: a new table
        ("", tr(tc("一级指标"), tc("二级指标"), tc("年度指标值"))),  # a different first row
    ],
    ids=["text-between", "different-header"],
)
def test_tables_are_not_stitched_without_a_repeated_header_right_after(between: str, second_header: str) -> None:
    first = tbl(HEADER, tr(tc("产出指标"), tc("数量指标"), tc("10人")), cols=3)
    second = tbl(second_header, tr(tc("效益指标"), tc("社会效益"), tc("有效")), cols=3)
    source = read(docx_from_body(first, between, second))
    assert [g.ref for g in grids(source)] == ["table 1", "table 2"]


def test_tables_with_a_different_number_of_columns_are_not_stitched() -> None:
    first = tbl(HEADER, tr(tc("产出指标"), tc("数量指标"), tc("10人")), cols=3)
    second = tbl(tr(tc("一级指标"), tc("二级指标"), tc("指标值"), tc("备注")), cols=4)
    assert len(grids(read(docx_from_body(first, second)))) == 2


# -- limits and errors ------------------------------------------------------------------------------


def test_more_cells_than_the_limit_stop_the_read_before_python_docx_builds_a_tree() -> None:
    table = tbl(*(tr(tc("a"), tc("b")) for _ in range(6)), cols=2)
    with pytest.raises(LimitExceeded, match="more than 10 cells") as caught:
        read(docx_from_body(p("x"), table), DEFAULT_LIMITS.replace(max_cells=10))
    assert caught.value.path == "test.docx" and caught.value.place == "word/document.xml"


def test_merged_cells_count_every_grid_position_they_cover() -> None:
    table = tbl(*(tr(tc("a", span=5)) for _ in range(3)), cols=5)  # 3 cells covering 15 positions
    with pytest.raises(LimitExceeded, match="more than 10 cells") as caught:
        read(docx_from_body(table), DEFAULT_LIMITS.replace(max_cells=10))
    assert caught.value.place == "table 1"


def test_more_paragraphs_and_rows_than_the_limit_stop_the_read() -> None:
    table = tbl(*(tr(tc("a")) for _ in range(3)), cols=1)
    with pytest.raises(LimitExceeded, match="more than 5 paragraphs and table rows"):
        read(docx_from_body(p("1"), p("2"), table, p("3")), DEFAULT_LIMITS.replace(max_rows=5))
    read(docx_from_body(p("1"), table, p("3")), DEFAULT_LIMITS.replace(max_rows=5))  # 5 is allowed


def test_an_absurd_grid_span_is_refused() -> None:
    table = tbl(tr(tc("a", span=100_000)), cols=1)
    with pytest.raises(ReadError, match="spans column") as caught:
        read(docx_from_body(table))
    assert caught.value.place == "table 1 r1"


def test_a_zip_without_a_word_document_is_refused_by_name() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match=r"no word/document\.xml") as caught:
        read(buffer.getvalue())
    assert "test.docx" in str(caught.value)


def test_a_broken_document_xml_is_a_read_error() -> None:
    data = replace_member(docx_from_body(p("x")), "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(ReadError, match="not well-formed XML") as caught:
        read(data)
    assert caught.value.place == "word/document.xml"


# -- the fixtures -------------------------------------------------------------------------------------


def read_fixture(name: str) -> SourceDocument:
    path = FIXTURES / name
    return read_docx(path.read_bytes(), path.name, DEFAULT_LIMITS)


def test_tianjin_fixture_has_four_eleven_column_tables_with_merged_indicator_groups() -> None:
    source = read_fixture("000_tianjin.docx")
    tables = grids(source)
    assert [(g.n_rows, g.n_cols) for g in tables] == [(13, 11), (12, 11), (16, 11), (12, 11)]
    first = tables[0]
    assert first.at(0, 7) is not None and first.at(0, 7).text == "单位：元"  # type: ignore[union-attr]
    output = first.at(6, 0)
    assert output is not None and (output.text, output.rowspan) == ("产出指标", 5)
    quality = first.at(8, 1)
    assert quality is not None and (quality.text, quality.row, quality.rowspan, quality.colspan) == (
        "质量指标",
        7,
        2,
        2,
    )
    assert first.at(12, 9).text == "≥85%"  # type: ignore[union-attr]
    titles = [b.text for b in source.blocks if isinstance(b, Paragraph)]
    assert titles[0] == "1.2022-2024年滨海新区事业人员补充医疗保险费绩效目标表"


def test_lulong_fixture_keeps_the_department_narrative_before_its_fourteen_tables() -> None:
    source = read_fixture("001_lulong.docx")
    assert len(grids(source)) == 14
    assert {g.n_cols for g in grids(source)} == {17}
    first_grid = next(i for i, b in enumerate(source.blocks) if isinstance(b, Grid))
    narrative = [b for b in source.blocks[:first_grid] if isinstance(b, Paragraph)]
    headings = [b.text for b in narrative if b.style == "Heading 2"]
    assert headings[:3] == ["一、总体绩效目标", "二、分项绩效目标", "三、工作保障措施"]
    assert any(b.text.startswith("（一）持续开展打击欺诈骗保专项行动") for b in narrative)


def test_luan_fixture_keeps_the_tall_merged_label_column() -> None:
    tables = grids(read_fixture("002_luan.docx"))
    assert len(tables) == 6
    indicators = tables[1]
    label = indicators.at(1, 0)
    assert label is not None and (label.text, label.rowspan) == ("绩效指标", 25)
    costs = tables[3]
    assert costs.at(8, 7).text == "《=858.5万（预算数）"  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["000_tianjin.docx", "001_lulong.docx", "002_luan.docx"])
def test_fixture_parses_to_its_gold_reading(name: str) -> None:
    from jixiao.compare import compare
    from jixiao.parsing import parse_file

    path: Path = FIXTURES / name
    gold = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    comparison = compare(gold, parse_file(path).document.to_dict())
    print(f"{name}: structure {comparison.structure}  parse {comparison.parse}")
    assert comparison.structure.f1 >= 0.99, comparison.structure.mismatches[:10]
    assert comparison.parse.f1 >= 0.99, comparison.parse.mismatches[:10]


# -- automatic numbering ------------------------------------------------------------------------------

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
      <w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1部分"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>"""


def numbered(text: str, num_id: int, level: int = 0) -> str:
    properties = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    return f"<w:p>{properties}{run(text)}</w:p>"


def test_automatic_list_numbers_are_printed_in_front_of_the_text() -> None:
    cell = f"<w:tc><w:tcPr/>{numbered('为参保人员投保', 1, 2)}{numbered('稳定队伍', 1, 2)}</w:tc>"
    body = (
        numbered("总体绩效目标", 1),
        numbered("医保监督工作", 1, 1),
        numbered("医保扶贫工作", 1, 1),
        numbered("分项绩效目标", 1),
        numbered("贯彻执行", 1, 1),
        numbered("要点", 1, 3),  # a bullet: no number
        numbered("不编号", 0),  # numId 0 switches numbering off
        numbered("预算项目绩效目标", 2),  # starts at 3 by its override
        tbl(tr(tc("绩效目标"), cell), cols=2),
    )
    data = replace_member(docx_from_body(*body), "word/numbering.xml", NUMBERING.encode())
    source = read(data)
    texts = [b.text for b in source.blocks if isinstance(b, Paragraph)]
    assert texts == [
        "一、总体绩效目标",
        "（一）医保监督工作",
        "（二）医保扶贫工作",
        "二、分项绩效目标",
        "（一）贯彻执行",
        "要点",
        "不编号",
        "第3部分 预算项目绩效目标",
    ]
    assert grids(source)[0].rows[0][1].text == "1.为参保人员投保\n2.稳定队伍"


def test_numbering_set_by_the_paragraph_style_is_printed_too() -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    style = document.styles.add_style("TableTitle", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>')
    )
    document.add_paragraph("基金监管经费绩效目标表", style="TableTitle")
    document.add_paragraph("综合业务费绩效目标表", style="TableTitle")
    buffer = io.BytesIO()
    document.save(buffer)
    data = replace_member(buffer.getvalue(), "word/numbering.xml", NUMBERING.encode())
    assert [b.text for b in read(data).blocks] == ["1.基金监管经费绩效目标表", "2.综合业务费绩效目标表"]


def test_hidden_runs_and_rows_deleted_with_tracked_changes_are_not_read() -> None:
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
    shown = '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>显示</w:t></w:r>'
    deleted_row = '<w:tr><w:trPr><w:del w:id="9" w:author="x"/></w:trPr>' + tc("删除的行") + "</w:tr>"
    table = tbl(tr(tc("第一行")), deleted_row, tr(tc("第二行")), cols=1)
    source = read(docx_from_body(p(runs=run("可见") + hidden + shown), table))
    assert source.blocks[0].text == "可见显示"  # type: ignore[union-attr]
    assert shape(grids(source)[0]) == [[(0, 0, 1, 1, "第一行")], [(1, 0, 1, 1, "第二行")]]
    assert grids(source)[0].rows[1][0].ref == "table 1 r2c1"


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ],
    ids=["docm", "dotx"],
)
def test_macro_enabled_documents_and_templates_are_read_like_documents(content_type: str) -> None:
    data = docx_from_body(p("1.医保绩效目标表"))
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    plain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert plain in types
    relabelled = replace_member(data, "[Content_Types].xml", types.replace(plain, content_type).encode())
    assert [b.text for b in read(relabelled).blocks] == ["1.医保绩效目标表"]  # type: ignore[union-attr]


def test_plain_paragraphs_read_by_their_w_t_alone_match_the_full_walk() -> None:
    """The reader joins the w:t of a paragraph that holds nothing else; the full walk must agree on every
    paragraph of the fixtures and of a body with breaks, tabs, hidden and deleted runs."""
    from lxml import etree

    from jixiao.readers import docx as reader

    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
    broken = run("一") + "<w:r><w:br/><w:t>二</w:t><w:tab/><w:t>三</w:t></w:r>" + hidden
    made = docx_from_body(p("plain"), p(runs=broken), tbl(tr(tc("cell")), cols=1))
    sources = [made] + [path.read_bytes() for path in sorted(FIXTURES.glob("*.docx"))]
    for data in sources:
        body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(reader.W + "body")
        definitions = reader._survey(body, reader._Definitions(zipfile.ZipFile(io.BytesIO(data)), {}, "t.docx"))
        for paragraph in body.iter(reader.W + "p"):
            parts: list[str] = []
            reader._collect(paragraph, parts)
            assert reader.paragraph_text(paragraph, definitions) == "".join(parts)
