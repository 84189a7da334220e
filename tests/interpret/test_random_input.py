"""Whatever a reader hands over, the interpreter answers with a document or a JixiaoError, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import JixiaoError
from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret import interpret, labels
from jixiao.parsing import parse_bytes

LABELS = sorted(
    {*labels.HEADER_LABELS, *labels.FUND_LABELS, *labels.INDICATOR_COLUMNS, *labels.LEVEL1_TERMS, *labels.LEVEL2_TERMS}
    | {
        "绩效目标",
        "年度目标",
        "总体目标",
        "资金支出计划（%）",
        "预算规模及资金用途",
        "单位：万元",
        "1.某项目绩效目标表",
    }
)
VALUES = ["≥95%", "100%", "47100人", "2021-2023", "2,858.5", "170万元", " 万元", "", "定性", "≥", "382101天津市某局"]
cjk = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=12)
texts = st.one_of(st.sampled_from(LABELS), st.sampled_from(VALUES), cjk, st.text(max_size=20))


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    n_rows = draw(st.integers(1, 8))
    rows = []
    for r in range(n_rows):
        row, col = [], 0
        for _ in range(draw(st.integers(0, 8))):
            span = draw(st.integers(1, 3))
            rowspan = draw(st.integers(1, 2))
            row.append(Cell(text=draw(texts), row=r, col=col, rowspan=rowspan, colspan=span, ref=f"r{r}c{col}"))
            col += span
        rows.append(row)
    return Grid(rows=rows, ref="grid", unit_hint=draw(st.sampled_from([None, "万元", "元"])))


blocks = st.lists(st.one_of(grids(), st.builds(Paragraph, text=texts, ref=st.just("p"))), max_size=12)


@settings(max_examples=60, deadline=None)
@given(blocks)
def test_random_grids_give_a_document_or_a_jixiao_error(content: list[Grid | Paragraph]) -> None:
    try:
        reading = interpret(SourceDocument(name="random", format="docx", blocks=list(content)))
    except JixiaoError:
        return
    assert reading.document.tables or reading.document.department_plans


lines = st.lists(
    st.lists(texts, min_size=1, max_size=6).map(lambda cells: "\t".join(cells)) | st.just("") | st.just(" "),
    max_size=30,
).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(st.one_of(lines.map(str.encode), st.binary(max_size=300)))
def test_random_text_and_bytes_give_a_document_or_a_jixiao_error(data: bytes) -> None:
    try:
        reading = parse_bytes(data, "random.txt")
    except JixiaoError as exc:
        assert str(exc).startswith("random.txt: ")  # every error names the file
        return
    assert reading.document.tables or reading.document.department_plans
