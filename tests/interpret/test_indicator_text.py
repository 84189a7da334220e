"""Indicators written as text inside one cell: ``1、产出指标：11-数量指标：…；年度指标值：≥20场。2、…``."""

from __future__ import annotations

import pytest

from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret import interpret
from jixiao.interpret.indicator_text import indicators_in_text
from jixiao.model import TargetTable

LISTED = (
    "1、产出指标：11-数量指标：举办培训场次；年度指标值：≥20场。"
    "2、产出指标：12-质量指标：培训合格率；年度指标值：≥95%。"
    "3、效益指标：21-社会效益指标：群众知晓率；年度指标值：显著提升。"
    "4、满意度指标：41-服务对象满意度指标：参训人员满意度；年度指标值：≥90%。"
)


PUBLICITY = (
    "1、产出指标：11-数量指标：宣传活动；年度指标值：≥6次。"
    "2、效益指标：21-社会效益指标：政策知晓率；年度指标值：≥80%。"
    "3、满意度指标：41-服务对象满意度指标：群众满意度；年度指标值：≥90%。"
)


def _grid(*rows: list[str]) -> Grid:
    return Grid(rows=[[Cell(text, r, c, ref=f"r{r}c{c}") for c, text in enumerate(row)] for r, row in enumerate(rows)])


def _tables(*blocks: Grid | str) -> list[TargetTable]:
    content = [Paragraph(block) if isinstance(block, str) else block for block in blocks]
    return interpret(SourceDocument(name="t", format="docx", blocks=content)).document.tables


def test_each_numbered_item_is_an_indicator_with_its_levels_name_and_value() -> None:
    assert indicators_in_text(LISTED) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "举办培训场次", "value": "≥20场", "overall_value": None},
        {"level1": "产出指标", "level2": "质量指标", "name": "培训合格率", "value": "≥95%", "overall_value": None},
        {
            "level1": "效益指标",
            "level2": "社会效益指标",
            "name": "群众知晓率",
            "value": "显著提升",
            "overall_value": None,
        },
        {
            "level1": "满意度指标",
            "level2": "服务对象满意度指标",
            "name": "参训人员满意度",
            "value": "≥90%",
            "overall_value": None,
        },
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1.加强培训管理。2.提升服务水平。",  # a goal: no value is labelled
        "1、产出指标：11-数量指标：举办培训；年度指标值：≥20场。2、另有说明：见附件。",  # one item is no indicator
        "举办培训场次；年度指标值：≥20场",  # no numbered item
        "1、培训安排：11-上半年：举办培训；年度指标值：≥20场。",  # no level terms
    ],
)
def test_a_text_that_does_not_list_indicators_throughout_gives_none(text: str) -> None:
    assert indicators_in_text(text) == []


def test_a_table_whose_indicators_are_text_in_one_cell() -> None:
    (table,) = _tables(
        "项目支出绩效目标表", _grid(["项目名称", "培训项目"], ["资金总额", "20万元"], ["绩效指标", LISTED])
    )
    assert table.project_name == "培训项目" and table.funds.total == "20"
    assert [(i.level1, i.level2, i.name) for i in table.indicators][:2] == [
        ("产出指标", "数量指标", "举办培训场次"),
        ("产出指标", "质量指标", "培训合格率"),
    ]
    first, second, third, fourth = table.indicators
    assert (first.op, first.number, first.unit) == (">=", "20", "场")
    assert (second.op, second.number, second.unit) == (">=", "95", "%")
    assert third.value == "显著提升" and third.op is None
    assert fourth.source_ref == "r2c1"


def test_a_paragraph_listing_indicators_as_text() -> None:
    (table,) = _tables("项目支出绩效目标表", "项目名称：培训项目", "绩效指标：" + LISTED)
    assert len(table.indicators) == 4 and table.indicators[3].name == "参训人员满意度"


def test_a_list_of_projects_each_with_its_indicators_as_text() -> None:
    tables = _tables(
        "2026年项目支出绩效目标表",
        _grid(
            ["序号", "项目名称", "资金总额", "绩效目标", "绩效指标"],
            ["1", "培训项目", "20.00", "完成年度培训。", LISTED],
            ["2", "宣传项目", "8.50", "扩大政策知晓面。", PUBLICITY],
        ),
    )
    assert [(t.project_name, t.funds.total, t.annual_goals, len(t.indicators)) for t in tables] == [
        ("培训项目", "20.00", ["完成年度培训。"], 4),
        ("宣传项目", "8.50", ["扩大政策知晓面。"], 3),
    ]
    assert (tables[1].indicators[0].op, tables[1].indicators[0].number) == (">=", "6")


CODED = (
    "1、1-产出指标；11-数量指标；汇聚数据量；实施周期指标值:≥10亿条；年度指标值:≥10亿条。"
    "2、12 -质量指标；数据准确率；实施周期指标值:≥95%；年度指标值:≥98%。"
    "3、2-效益指标；22-社会效益；服务部门数；实施周期指标值:≥20个；年度指标值:≥10个。"
    "4、3-满意度指标；31-服务对象满意度指标；使用部门满意度；实施周期指标值:≥90%；年度指标值:≥90%。"
)


def test_coded_items_with_both_value_labels_read_level_codes_and_abbreviations() -> None:
    found = indicators_in_text(CODED)
    assert [(i["level1"], i["level2"], i["name"]) for i in found] == [
        ("产出指标", "数量指标", "汇聚数据量"),
        (None, "质量指标", "数据准确率"),
        ("效益指标", "社会效益", "服务部门数"),
        ("满意度指标", "服务对象满意度指标", "使用部门满意度"),
    ]
    assert [(i["overall_value"], i["value"]) for i in found][1:3] == [("≥95%", "≥98%"), ("≥20个", "≥10个")]


def test_a_project_list_with_coded_indicators_and_print_titles_on_every_page() -> None:
    page = ["序号", "项目名称", "资金总额", "绩效目标", "绩效指标"]
    tables = _tables(
        "2026年项目支出绩效目标表",
        "部门名称：某数据管理局",
        _grid(page, ["1", "数据汇聚项目", "120.00", "汇聚全市数据。", CODED]),
        "2026年项目支出绩效目标表",  # the spreadsheet's print titles, repeated at the top of the next page
        "部门名称：某数据管理局",
        _grid(page, ["2", "宣传项目", "8.50", "扩大政策知晓面。", PUBLICITY]),
    )
    assert [(t.title, t.unit_name, t.project_name, len(t.indicators)) for t in tables] == [
        ("2026年项目支出绩效目标表", "某数据管理局", "数据汇聚项目", 4),
        ("2026年项目支出绩效目标表", "某数据管理局", "宣传项目", 3),
    ]
    second = tables[0].indicators[1]
    assert (second.level1, second.level2, second.overall_value, second.value) == (
        "产出指标",
        "质量指标",
        "≥95%",
        "≥98%",
    )
    assert (second.op, second.number, second.unit) == (">=", "98", "%")
