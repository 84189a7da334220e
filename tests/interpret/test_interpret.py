"""Label knowledge at work on hand-made grids: layouts are recognised by what they print, not where."""

from __future__ import annotations

import pytest

from jixiao.errors import InterpretError
from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret import interpret
from jixiao.interpret.clean import ref_span
from jixiao.interpret.segment import read_title
from jixiao.model import TargetTable

INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
ONE_ROW = ["产出指标", "数量指标", "培训人次", "≥50人次"]
CLOSING_ROWS = [
    ["效益指标", "社会效益指标", "便利度", "显著提升"],
    ["满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
]


def grid(*rows: list[str], unit_hint: str | None = None) -> Grid:
    return Grid(
        rows=[[Cell(text, r, c, ref=f"r{r}c{c}") for c, text in enumerate(row)] for r, row in enumerate(rows)],
        ref="t",
        unit_hint=unit_hint,
    )


def read(*blocks: Grid | Paragraph | str) -> list[TargetTable]:
    content = [Paragraph(b) if isinstance(b, str) else b for b in blocks]
    return interpret(SourceDocument(name="t", format="docx", blocks=content)).document.tables


def test_label_value_paragraphs_fill_the_header() -> None:
    (table,) = read(
        "绩效目标表",
        "单位信息：306001-重庆市某局\n(本级)",
        "预算项目：50011522T000002056269-某项目\n(一般性)",
        "项目经办人电话：18225088526",
        "项目总额：19.76 万元",
        "其中：财政资金：19.76 万元",
        "银行贷款： 万元",
        "年度目标：提高知晓率。",
        grid(INDICATOR_HEADER, ONE_ROW, *CLOSING_ROWS),
    )
    assert (table.unit_code, table.unit_name) == ("306001", "重庆市某局 (本级)")
    assert (table.project_code, table.project_name) == ("50011522T000002056269", "某项目 (一般性)")
    assert table.manager_phone == "18225088526"
    assert (table.funds.total, table.funds.fiscal, table.funds.bank_loan, table.funds.other) == (
        "19.76",
        "19.76",
        "",
        None,
    )
    assert table.money_unit == "万元"
    assert table.annual_goals == ["提高知晓率。"]


def test_mid_term_and_annual_funds_are_told_apart_by_column() -> None:
    (table,) = read(
        grid(
            ["项目名称", "某项目"],
            ["项目资金（万元）", "中期资金总额：", "2,858.5", "年度资金总额：", "858.5"],
            ["", "其中：财政拨款", "2,858.5", "其中：财政拨款", "858.5"],
            ["", "其他资金", "", "其他资金", ""],
            ["总体目标", "2021-2023", "", "年度目标"],
            ["", "<p>三年目标</p>", "", "1.第一项；\n2.第二项"],
            INDICATOR_HEADER,
            ONE_ROW,
            *CLOSING_ROWS,
        )
    )
    funds = table.funds
    assert (funds.midterm_total, funds.midterm_fiscal, funds.midterm_other) == ("2858.5", "2858.5", "")
    assert (funds.total, funds.fiscal, funds.other) == ("858.5", "858.5", "")
    assert table.money_unit == "万元"
    assert (table.midterm_period, table.midterm_goal) == ("2021-2023", "三年目标")
    assert table.annual_goals == ["第一项；", "第二项"]


def test_spending_plan_and_purpose_follow_their_row_labels_even_when_the_label_wraps() -> None:
    (table,) = read(
        "1.某项目绩效目标表",
        grid(
            ["450001某县医疗保障局", "单位：万元"],
            ["预算规模及资金用途", "预算数", "5.00", "其中：财政    资金", "5.00", "其他资金", ""],
            ["", "保障运行。"],
            ["资金支出", "3月底", "12月底"],
            ["计划（%）", "25%", "100% "],
            INDICATOR_HEADER,
            ONE_ROW,
            *CLOSING_ROWS,
        ),
    )
    assert (table.seq, table.title) == (1, "某项目绩效目标表")
    assert (table.unit_code, table.unit_name, table.money_unit) == ("450001", "某县医疗保障局", "万元")
    assert table.purpose == "保障运行。"
    assert [(p.label, p.percent) for p in table.spending_plan] == [("3月底", "25"), ("12月底", "100")]
    assert (table.funds.total, table.funds.fiscal, table.funds.other) == ("5.00", "5.00", "")


def test_a_money_unit_printed_outside_the_table_is_the_last_resort() -> None:
    (table,) = read(
        grid(["项目名称", "某项目"], ["预算数", "12"], INDICATOR_HEADER, ONE_ROW, *CLOSING_ROWS, unit_hint="元")
    )
    assert table.money_unit == "元"


def test_indicator_columns_are_found_by_their_labels_in_any_order_and_spelling() -> None:
    header = [
        "指标方向性",
        "指标名称",
        "二级指标",
        "一级指标",
        "指标性质",
        "指标值",
        "本年指标值",
        "度量单位",
        "本权重(%)",
    ]
    (table,) = read(
        grid(
            ["项目名称", "某项目"],
            header,
            ["正向指标", "覆盖率", "质量指标", "产出指标", "≥", "90", "95", "%", "10"],
            ["正向指标", "稳定性", "经济效益指标", "效益指标", "定性", "2", "2", "", "20"],
            header,  # repeated after a page break
            ["正向指标", "满意度", "服务对象满意度指标", "满意度指标", "≥", "90", "90", "%", "20"],
        )
    )
    first, second, third = table.indicators
    assert (first.level1, first.level2, first.name, first.direction) == ("产出指标", "质量指标", "覆盖率", "正向指标")
    assert (first.value, first.overall_value, first.weight_this_year) == ("95", "90", "10")
    assert (first.op, first.number, first.unit) == (">=", "95", "%")
    assert (second.nature, second.op, second.number) == ("定性", None, None)
    assert third.name == "满意度" and len(table.indicators) == 3


def test_comparator_value_and_unit_in_three_columns_named_with_绩效() -> None:
    header = ["一级指标", "二级指标", "三级指标", "绩效指标性质", "绩效指标值", "本年绩效指标值", "绩效度量单位"]
    (table,) = read(
        grid(
            ["项目名称", "某项目"],
            header,
            ["产出指标", "数量指标", "举办培训", "≥", "60", "20", "场"],
            ["效益指标", "社会效益指标", "群众知晓率", "≥", "90", "85", "%"],
            ["满意度指标", "服务对象满意度指标", "满意度", "定性", "高", "高", ""],
        )
    )
    first, second, third = table.indicators
    assert (first.nature, first.overall_value, first.value) == ("≥", "60", "20")
    assert (first.op, first.number, first.unit) == (">=", "20", "场")
    assert (second.op, second.number, second.unit) == (">=", "85", "%")
    assert (third.nature, third.op, third.value) == ("定性", None, "高")


def test_levels_carry_down_merged_rows_and_empty_rows_are_not_indicators() -> None:
    (table,) = read(
        grid(
            ["项目名称", "某项目"],
            INDICATOR_HEADER,
            ONE_ROW,
            ["", "", "第二项", "100%"],
            ["", "质量指标", "第三项", "≤3万元"],
            ["效益指标", "生态效益指标", "", ""],
            ["", "社会效益指标", "第四项", "有效减轻"],
            CLOSING_ROWS[1],
        )
    )
    rows = [(i.level1, i.level2, i.name) for i in table.indicators]
    assert rows == [
        ("产出指标", "数量指标", "培训人次"),
        ("产出指标", "数量指标", "第二项"),
        ("产出指标", "质量指标", "第三项"),
        ("效益指标", "社会效益指标", "第四项"),
        ("满意度指标", "服务对象满意度指标", "满意度"),
    ]
    assert table.indicators[2].source_ref == "r4c0 – r4c3"


def test_side_by_side_halves_are_found_by_the_name_printed_twice() -> None:
    header = ["", "一级指标", "二级指标", "三级指标", "中长期指标值", "二级指标", "三级指标", "本年度指标值"]
    (table,) = read(
        grid(
            ["项目名称", "某项目"],
            header,
            ["产出指标", "数量指标", "数量指标", "参保人数", ">38万人", "数量指标", "参保人数", ">38万人"],
            [
                "绩效指标",
                "双重目标",
                "审计完成时间",
                "每年下半年",
                "双重目标",
                "审计完成时间",
                "2021年11月前",
            ],  # shifted
            ["效益指标", "", "可持续", "指导", "程度较高", "可持续", "指导", "较高"],
            ["", "", "影响指标", "评审", "程度较高", "影响指标", "评审", "较高"],
            ["满意度指标", "服务对象满意", "满意率", "95%以上", "服务对象满意", "满意率", "95%以上"],
        )
    )
    names = [(i.level1, i.level2, i.name, i.overall_value, i.value) for i in table.indicators]
    assert names == [
        ("产出指标", "数量指标", "参保人数", ">38万人", ">38万人"),
        ("产出指标", "双重目标", "审计完成时间", "每年下半年", "2021年11月前"),
        ("效益指标", "可持续影响指标", "指导", "程度较高", "较高"),
        ("效益指标", "可持续影响指标", "评审", "程度较高", "较高"),
        ("满意度指标", "服务对象满意", "满意率", "95%以上", "95%以上"),
    ]


def test_a_project_label_after_indicators_starts_an_untitled_table() -> None:
    tables = read(
        grid(
            ["项目名称", "甲"],
            INDICATOR_HEADER,
            ONE_ROW,
            *CLOSING_ROWS,
            ["项目名称", "乙"],
            INDICATOR_HEADER,
            ONE_ROW,
            *CLOSING_ROWS,
        )
    )
    assert [t.project_name for t in tables] == ["甲", "乙"]


def test_the_department_narrative_is_read_section_by_section() -> None:
    result = interpret(
        SourceDocument(
            name="t",
            format="text",
            blocks=[
                Paragraph(
                    "第一部分\n部门整体绩效目标\n一、总体绩效目标\n1、监督工作\n（一）开展检查。\n二、保障措施\n加强监管。\n第二部分"
                )
            ],
        )
    )
    (plan,) = result.document.department_plans
    assert [(s.heading, s.text) for s in plan.sections] == [
        ("一、总体绩效目标", "1、监督工作 （一）开展检查。"),
        ("二、保障措施", "加强监管。"),
    ]


@pytest.mark.parametrize(
    "blocks",
    [[Paragraph("天地玄黄")], [grid(["甲", "乙"], ["丙", "丁"])], []],
    ids=["prose", "unlabelled-grid", "nothing"],
)
def test_nothing_recognisable_is_an_interpret_error(blocks: list[Grid | Paragraph]) -> None:
    with pytest.raises(InterpretError, match="no performance target table"):
        interpret(SourceDocument(name="t.docx", format="docx", blocks=blocks))


def test_a_title_with_nothing_after_it_is_reported_and_left_out() -> None:
    result = interpret(
        SourceDocument(
            name="t",
            format="docx",
            blocks=[
                grid(["项目名称", "甲"], INDICATOR_HEADER, ONE_ROW, *CLOSING_ROWS),
                Paragraph("2.乙项目绩效目标表"),
            ],
        )
    )
    assert [t.project_name for t in result.document.tables] == ["甲"]
    assert result.warnings == [
        "table [1] (2.乙项目绩效目标表) is incomplete and left out: no indicator table (一级指标/二级指标/三级指标 …) follows"
    ]


def test_a_title_over_a_group_of_tables_is_a_heading_not_an_incomplete_table() -> None:
    result = interpret(
        SourceDocument(
            name="t",
            format="pdf",
            blocks=[
                Paragraph("2.其他一级项目绩效目标表"),
                Paragraph("29"),
                Paragraph("某经费绩效目标表"),
                grid(["项目名称", "某经费"], INDICATOR_HEADER, ONE_ROW, *CLOSING_ROWS),
            ],
        )
    )
    assert [t.title for t in result.document.tables] == ["某经费绩效目标表"]
    assert result.warnings == []


def test_a_block_label_beside_the_indicator_header_is_not_a_column() -> None:
    (table,) = read(
        grid(
            ["项目名称", "某经费"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值权重（90）"],
            ["", "成本指标", "经济成本指标", "项目成本控制", "≤118.01万元", "20"],
            ["", "满意度指标", "服务对象满意度指标", "满意率", "≥95%", "10"],
        )
    )
    first = table.indicators[0]
    assert (first.level1, first.level2, first.name, first.value, first.weight) == (
        "成本指标",
        "经济成本指标",
        "项目成本控制",
        "≤118.01万元",
        "20",
    )


def test_a_row_held_by_one_cell_and_a_grid_of_another_shape_end_the_indicators() -> None:
    indicators = grid([*INDICATOR_HEADER, "备注"], [*ONE_ROW, ""], *([*row, ""] for row in CLOSING_ROWS))
    total = indicators.rows[-1][0].row + 1
    indicators.rows.append([Cell("总分", total, 0, colspan=5)])
    (table,) = read(
        grid(["项目名称", "某经费"]),
        indicators,
        grid(["分值", "得分"], ["20", "17.90"]),
    )
    assert [i.name for i in table.indicators] == ["培训人次", "便利度", "满意度"]


@pytest.mark.parametrize(
    ("refs", "expected"),
    [
        (["line 12", None, "line 58"], "lines 12-58"),
        (["line 7"], "line 7"),
        (["lines 3-5", "line 9"], "lines 3-9"),
        (["page 1 table 1 r0c0", "page 2 table 1 r3c4"], "page 1 table 1 r0c0 – page 2 table 1 r3c4"),
        (["page 1 line 1", "page 1 table 1 r2c0 – page 1 table 1 r2c5"], "page 1 line 1 – page 1 table 1 r2c5"),
        ([None, None], None),
    ],
)
def test_refs_of_a_run_name_its_ends(refs: list[str | None], expected: str | None) -> None:
    assert ref_span(refs) == expected


def test_indicators_without_a_level_or_a_value_are_reported() -> None:
    result = interpret(
        SourceDocument(
            name="t",
            format="docx",
            blocks=[
                grid(
                    ["项目名称", "某经费"],
                    INDICATOR_HEADER,
                    ["", "", "无归属", "5项"],
                    ONE_ROW,
                    ["", "", "无值", ""],
                    *CLOSING_ROWS,
                )
            ],
        )
    )
    assert result.warnings == [
        "table [0]: 1 indicator(s) without 一级指标, first '无归属'",
        "table [0]: 1 indicator(s) without a target value, first '无值'",
    ]


@pytest.mark.parametrize(
    ("printed", "seq", "title", "kind"),
    [
        ("[bookmark: _Toc_1]3.综合业务费绩效目标表", 3, "综合业务费绩效目标表", "project_target"),
        ("表14 部门专项业务经费绩效目标表", None, "部门专项业务经费绩效目标表", "project_target"),
        ("附表2：部门整体支出绩效目标表", None, "部门整体支出绩效目标表", "department_target"),
        ("信访干部培训专项项目绩效自评表", None, "信访干部培训专项项目绩效自评表", "self_evaluation"),
        ("部门预算财政支出绩效目标批复表", None, "部门预算财政支出绩效目标批复表", "project_target"),
    ],
)
def test_titles_give_number_text_and_kind(printed: str, seq: int | None, title: str, kind: str) -> None:
    found = read_title(printed)
    assert found is not None and (found.seq, found.text, found.kind) == (seq, title, kind)


@pytest.mark.parametrize(
    "printed", ["年度目标：完成绩效目标表", "部门整体绩效目标", "二、分项绩效目标", "预算项目绩效目标"]
)
def test_labels_and_headings_are_not_titles(printed: str) -> None:
    assert read_title(printed) is None
