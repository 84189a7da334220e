"""Word output: real tables with vertical merges, repeated header rows, A4 pages, East Asian fonts, page numbers."""

from __future__ import annotations

import io
import itertools
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from jixiao.model import Document, Indicator, Source, TargetTable
from jixiao.writers import LAYOUTS, render_bytes
from tests.writers.conftest import TARGET_LAYOUTS

docx = pytest.importorskip("docx")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _grid(tbl: etree._Element) -> list[list[tuple[str, int, str | None]]]:
    """Each row as (text, gridSpan, vMerge) per w:tc."""
    rows = []
    for tr in tbl.findall("w:tr", NS):
        row = []
        for tc in tr.findall("w:tc", NS):
            text = "\n".join("".join(t.text or "" for t in p.iter(_q("t"))) for p in tc.findall("w:p", NS))
            span = tc.find("w:tcPr/w:gridSpan", NS)
            vmerge = tc.find("w:tcPr/w:vMerge", NS)
            merge = None if vmerge is None else vmerge.get(_q("val"), "continue")
            row.append((text, int(span.get(_q("val"))) if span is not None else 1, merge))
        rows.append(row)
    return rows


def test_level1_and_level2_cells_are_merged_vertically_over_their_runs(golds: dict[str, Document]) -> None:
    body = _body(render_bytes(golds["000"], to="docx", layout="tianjin"))
    indicator_tables = [t for t in body.iter(_q("tbl")) if t.find("w:tr/w:trPr/w:tblHeader", NS) is not None]
    assert len(indicator_tables) == len(golds["000"].tables)
    rows = _grid(indicator_tables[2])  # third table: 产出 over 6 rows, 质量 over 3
    assert [c[0] for c in rows[0]] == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]
    first = [row[0] for row in rows[1:]]
    assert first[0] == ("产出指标", 1, "restart")
    assert first[1:6] == [("", 1, "continue")] * 5
    assert first[6] == ("效益指标", 1, "restart")
    second = [row[1] for row in rows[1:]]
    assert second[1] == ("质量指标", 1, "restart") and second[2] == second[3] == ("", 1, "continue")
    assert second[0] == ("成本指标", 1, None)
    names = [row[2][0] for row in rows[1:]]
    assert names == [i.name for i in golds["000"].tables[2].indicators]


def test_only_the_indicator_header_row_repeats_and_rows_do_not_split(golds: dict[str, Document]) -> None:
    body = _body(render_bytes(golds["002"], to="docx", layout="luan"))
    for tbl in body.iter(_q("tbl")):
        rows = tbl.findall("w:tr", NS)
        flags = [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows]
        assert flags in ([False] * len(rows), [True] + [False] * (len(rows) - 1))
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)


@pytest.mark.parametrize(("layout", "landscape"), [(name, LAYOUTS[name].landscape) for name in TARGET_LAYOUTS])
def test_pages_are_a4_and_landscape_where_the_table_is_wide(
    golds: dict[str, Document], layout: str, landscape: bool
) -> None:
    document = docx.Document(io.BytesIO(render_bytes(golds["003"], to="docx", layout=layout)))
    for section in document.sections:
        size = sorted((section.page_width.mm, section.page_height.mm))
        assert size == pytest.approx([210, 297], abs=0.5)
        assert (section.page_width > section.page_height) is landscape


def test_narrative_portrait_then_landscape_tables_make_two_sections(golds: dict[str, Document]) -> None:
    document = docx.Document(io.BytesIO(render_bytes(golds["001"], to="docx", layout="national")))
    orientation = [s.page_width > s.page_height for s in document.sections]
    assert orientation == [False, True]


def test_east_asian_fonts_are_song_for_text_and_hei_for_titles(golds: dict[str, Document]) -> None:
    data = render_bytes(golds["000"], to="docx", layout="tianjin")
    body = _body(data)
    fonts = {f.get(_q("eastAsia")) for f in body.iter(_q("rFonts"))}
    assert fonts == {"宋体", "黑体"}
    title = next(p for p in body.iter(_q("p")) if "".join(t.text or "" for t in p.iter(_q("t"))).startswith("1."))
    assert title.find(".//w:rFonts", NS).get(_q("eastAsia")) == "黑体"
    normal = docx.Document(io.BytesIO(data)).styles["Normal"].element
    assert normal.find(".//w:rFonts", NS).get(_q("eastAsia")) == "宋体"


def test_footer_carries_a_page_number_field(golds: dict[str, Document]) -> None:
    with zipfile.ZipFile(io.BytesIO(render_bytes(golds["000"], to="docx", layout="tianjin"))) as package:
        footers = [n for n in package.namelist() if n.startswith("word/footer")]
        xml = b"".join(package.read(n) for n in footers).decode()
    assert 'w:instr=" PAGE "' in xml


def test_each_table_starts_a_new_page(golds: dict[str, Document]) -> None:
    body = _body(render_bytes(golds["001"], to="docx", layout="lulong"))
    breaks = body.findall(".//w:pageBreakBefore", NS)
    assert len(breaks) == len(golds["001"].tables)  # the narrative opens page 1, each table a new page


def test_national_layout_prints_the_total_in_words(golds: dict[str, Document]) -> None:
    texts = [t.text for t in _body(render_bytes(golds["000"], to="docx", layout="national")).iter(_q("t"))]
    assert "人民币叁仟柒佰万元整" in texts and "资金总额（大写）" in texts
    tianjin = [t.text for t in _body(render_bytes(golds["000"], to="docx", layout="tianjin")).iter(_q("t"))]
    assert "资金总额（大写）" not in tianjin


def test_spending_plan_is_printed_as_labels_over_percentages(golds: dict[str, Document]) -> None:
    body = _body(render_bytes(golds["001"], to="docx", layout="lulong"))
    first = next(body.iter(_q("tbl")))
    rows = _grid(first)
    plan = next(i for i, row in enumerate(rows) if row[0][0] == "资金支出计划（%）")
    assert [c[0] for c in rows[plan][1:]] == ["3月底", "6月底", "10月底", "12月底"]
    assert [c[0] for c in rows[plan + 1][1:]] == ["25%", "50%", "75%", "100%"]
    assert sum(c[1] for c in rows[plan]) == sum(c[1] for c in rows[plan + 1]) == 13


def test_text_with_markup_characters_is_escaped(golds: dict[str, Document]) -> None:
    doc = golds["000"].model_copy(deep=True)
    doc.tables[0].indicators[0].name = 'a<b>&"c"'
    body = _body(render_bytes(doc, to="docx", layout="tianjin"))
    assert 'a<b>&"c"' in [t.text for t in body.iter(_q("t"))]


def test_multiline_goals_become_separate_paragraphs_in_one_cell(golds: dict[str, Document]) -> None:
    table = golds["001"].tables[5]
    body = _body(render_bytes(golds["001"], to="docx", layout="lulong"))
    header = [t for t in body.iter(_q("tbl"))][2 * 5]
    goals = next(row for row in _grid(header) if row[0][0] == "绩效目标")[1][0].split("\n")
    assert goals == [f"{i}.{g}" for i, g in enumerate(table.annual_goals, 1)]


_levels = st.sampled_from(["产出指标", "效益指标", "满意度指标", "", None])
_level2 = st.sampled_from(["数量指标", "质量指标", "时效指标", "", None])


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(_levels, _level2, st.text(max_size=12)), min_size=1, max_size=25))
def test_any_indicator_rows_make_a_rectangular_word_grid_with_consistent_merges(
    rows: list[tuple[str | None, str | None, str]],
) -> None:
    indicators = [Indicator(level1=a, level2=b, name=n, value="1") for a, b, n in rows]
    doc = Document(source=Source(name="x", format="text"), tables=[TargetTable(indicators=indicators)])
    body = _body(render_bytes(doc, to="docx", layout="luan"))
    table = next(t for t in body.iter(_q("tbl")) if t.find("w:tr/w:trPr/w:tblHeader", NS) is not None)
    grid = _grid(table)
    n_cols = len(table.findall("w:tblGrid/w:gridCol", NS))
    assert all(sum(span for _, span, _ in row) == n_cols for row in grid)
    assert len(grid) == 1 + len(rows)
    for col in range(n_cols):
        column = [row[col][2] for row in grid]
        for above, below in itertools.pairwise(column):
            assert below != "continue" or above in ("restart", "continue")
    level1 = [row[1] for row in grid[1:]]
    for (text, _, merge), (a, _, _) in zip(level1, rows, strict=True):
        assert merge == "continue" or text == (a or "")


def test_document_properties_carry_the_title_and_no_template_leftovers(golds: dict[str, Document]) -> None:
    data = render_bytes(golds["001"], to="docx", layout="lulong")
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == "基金监管经费f绩效目标表"
    assert properties.author == "jixiao" and properties.created is not None
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "docProps/thumbnail.jpeg" not in package.namelist()
        assert b"thumbnail" not in package.read("_rels/.rels")
