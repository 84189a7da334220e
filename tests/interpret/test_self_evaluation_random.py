"""Random grids made of self-evaluation labels: the interpreter answers with a document or a JixiaoError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import JixiaoError
from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret import interpret, labels

LABELS = sorted(
    {*labels.EVALUATION_COLUMNS, *labels.EXECUTION_COLUMNS, *labels.CLOSING_LABELS, *labels.TASK_COLUMNS}
    | labels.EXPECTED_GOAL_LABELS
    | labels.ACHIEVED_GOAL_LABELS
    | {"一级指标", "二级指标", "三级指标", "年度指标值", "项目资金（万元）", "资金管理情况", "情况说明", "年度主要任务"}
    | {"产出指标（50分）", "指标1：满意率", "小计③=①+②", "总分值、评价总分（S）", "金额合计", "存在问题和改进措施"}
)
VALUES = ["≥95%", "100%", "77.13%", "0.0%", "--", "—", "180.61", "3359.62万", "10", "", "优（S≧90）", "1.甲。2.乙。"]
texts = st.one_of(st.sampled_from(LABELS), st.sampled_from(VALUES), st.text(max_size=12))


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    rows = []
    for r in range(draw(st.integers(1, 10))):
        row, col = [], 0
        for _ in range(draw(st.integers(0, 9))):
            span = draw(st.integers(1, 3))
            row.append(Cell(draw(texts), r, col, rowspan=draw(st.integers(1, 2)), colspan=span, ref=f"r{r}c{col}"))
            col += span
        rows.append(row)
    return Grid(rows=rows, ref="grid")


titles = st.sampled_from(["某项目绩效自评表", "某部门整体支出绩效自评表", "某转移支付绩效自评表", "表1：某表"])
blocks = st.lists(st.one_of(grids(), st.builds(Paragraph, text=titles)), max_size=8)


@settings(max_examples=80, deadline=None)
@given(blocks)
def test_random_self_evaluation_grids_give_a_document_or_a_jixiao_error(content: list[Grid | Paragraph]) -> None:
    try:
        reading = interpret(SourceDocument(name="random", format="docx", blocks=list(content)))
    except JixiaoError:
        return
    for table in reading.document.tables:
        for indicator in table.indicators:
            # where a score column is printed the points column is max_score, never weight
            assert indicator.weight is None or indicator.score is None
            assert indicator.score is None or table.kind == "self_evaluation"
