"""The composer: merged runs of 一级/二级 indicators, columns a table uses, titles, 大写 amounts, narrative parts."""

from __future__ import annotations

import pytest

from jixiao.model import Document
from jixiao.writers import LAYOUTS
from jixiao.writers._compose import (
    Para,
    Table,
    amount_in_words,
    compose,
    indicator_columns,
    indicator_table,
    level_runs,
)
from jixiao.writers.layouts import INDICATOR_FIELDS, TABLE_FIELDS, get_layout


def test_level_runs_group_equal_neighbours_and_leave_empty_values_single() -> None:
    assert level_runs(["a", "a", "b", "a", None, None, ""]) == [(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]
    assert level_runs([]) == []


def test_level2_runs_restart_when_level1_changes(golds: dict[str, Document]) -> None:
    table = golds["000"].tables[2]  # 产出/质量指标 ×3 then 效益/社会效益 ×3
    composed = indicator_table(table, get_layout("tianjin"))
    level1 = [c for c in composed.cells if c.col == 0 and c.row > 0]
    level2 = [c for c in composed.cells if c.col == 1 and c.row > 0]
    assert [(c.text, c.rowspan) for c in level1] == [("产出指标", 6), ("效益指标", 3), ("满意度指标", 1)]
    assert [(c.text, c.rowspan) for c in level2] == [
        ("成本指标", 1),
        ("质量指标", 3),
        ("时效指标", 1),
        ("数量指标", 1),
        ("社会效益指标", 3),
        ("服务对象满意度指标", 1),
    ]
    # every grid position of the indicator rows is covered exactly once
    covered = [(r, c.col) for c in composed.cells for r in range(c.row, c.row + c.rowspan)]
    assert len(covered) == len(set(covered)) == composed.n_rows * composed.n_cols


def test_national_prints_only_the_columns_a_table_uses(golds: dict[str, Document]) -> None:
    national = get_layout("national")
    tianjin_cols = [c.label for c in indicator_columns(national, golds["000"].tables[0].indicators)]
    chongqing_cols = [c.label for c in indicator_columns(national, golds["003"].tables[0].indicators)]
    assert tianjin_cols == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]
    assert {"指标性质", "度量单位", "历史参考值", "权重(%)", "本年权重(%)", "指标方向性"} <= set(chongqing_cols)
    assert "绩效指标描述" not in chongqing_cols


def test_luan_prints_both_sides_with_a_merged_leading_column(golds: dict[str, Document]) -> None:
    table = golds["002"].tables[1]
    composed = indicator_table(table, get_layout("luan"))
    head = [c.text for c in sorted(composed.cells, key=lambda c: c.col) if c.row == 0]
    assert head == ["", "一级指标", "二级指标", "三级指标", "中长期指标值", "二级指标", "三级指标", "本年度指标值"]
    lead = [c for c in composed.cells if c.col == 0 and c.row > 0]
    assert [(c.text, c.rowspan) for c in lead] == [("绩效指标", len(table.indicators))]
    values = {c.text for c in composed.cells if c.col == 7}
    overall = {c.text for c in composed.cells if c.col == 4}
    assert "《=858.5万（预算数）" in values and "《=2500万" in overall


def test_titles_are_numbered_where_the_region_numbers_them(golds: dict[str, Document]) -> None:
    def title(doc: Document, layout: str) -> str:
        first = next(p for p in compose(doc, get_layout(layout)) if p.blocks)
        return next(b.text for b in first.blocks if isinstance(b, Para) and b.style == "title")

    assert title(golds["000"], "tianjin") == "1.2022-2024年滨海新区事业人员补充医疗保险费绩效目标表"
    assert title(golds["002"], "luan") == "部门预算财政支出绩效目标批复表"
    assert title(golds["000"], "luan") == "2022-2024年滨海新区事业人员补充医疗保险费绩效目标表"


@pytest.mark.parametrize(
    ("amount", "unit", "words"),
    [
        ("37000000.00", "元", "人民币叁仟柒佰万元整"),
        ("19.76", "万元", "人民币壹拾玖万柒仟陆佰元整"),
        ("0.5", "元", "人民币伍角"),
        ("", "万元", ""),
        ("约5", "万元", ""),
        (None, "元", ""),
    ],
)
def test_amount_in_words_converts_to_yuan_first(amount: str | None, unit: str, words: str) -> None:
    assert amount_in_words(amount, unit) == words


def test_lulong_opens_with_the_narrative_part_and_its_sections(golds: dict[str, Document]) -> None:
    pages = compose(golds["001"], get_layout("lulong"))
    narrative = pages[0].blocks
    assert [b.text for b in narrative[:2]] == ["第一部分", "部门整体绩效目标"]
    headings = [b.text for b in narrative if isinstance(b, Para) and b.style == "heading"]
    assert headings == ["一、总体绩效目标", "二、分项绩效目标", "三、工作保障措施"]
    # paragraphs split before enumerators, and rejoined with one space they give the section text back
    section = golds["001"].department_plans[0].sections[1]
    start = narrative.index(Para(section.heading, "heading")) + 1
    body = [b.text for b in narrative[start:] if isinstance(b, Para)]
    body = body[: next(i for i, b in enumerate(body) if b.startswith("三、"))]
    assert len(body) > 5 and " ".join(body) == section.text
    assert [b.text for b in pages[1].blocks[:2]] == ["第二部分", "预算项目绩效目标"]
    assert len(pages) == 1 + len(golds["001"].tables)


def test_tianjin_has_no_narrative_part(golds: dict[str, Document]) -> None:
    pages = compose(golds["001"], get_layout("tianjin"))
    assert len(pages) == len(golds["001"].tables)
    assert "第一部分" not in [b.text for p in pages for b in p.blocks if isinstance(b, Para)]


def test_layout_field_lists_name_real_fields_only() -> None:
    known = set(TABLE_FIELDS) | set(INDICATOR_FIELDS) | {"department_plans"}
    for layout in LAYOUTS.values():
        assert layout.carries <= known, layout.name
        for column in layout.columns:
            assert column.field is None or column.field in INDICATOR_FIELDS
    target_layouts = [lay for lay in LAYOUTS.values() if lay.prints_table("project_target", None)]
    assert get_layout("national").carries >= set().union(*(lay.carries for lay in target_layouts))
    with pytest.raises(KeyError, match="unknown layout 'x'"):
        get_layout("x")


def test_every_table_is_split_into_header_and_repeating_indicator_table(golds: dict[str, Document]) -> None:
    for name in LAYOUTS:
        for page in compose(golds["003"], get_layout(name)):
            tables = [b for b in page.blocks if isinstance(b, Table)]
            assert [t.header_rows for t in tables] == [0, 1], name
