"""Department-wide tables, task grids, form labels and titles, blank templates: read by their labels."""

from __future__ import annotations

from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret import Interpretation, interpret
from jixiao.model import TargetTable

INDICATOR_HEADER = ["一级指标", "二级指标", "指标内容", "指标值"]
ROWS = [
    ["产出指标", "数量指标", "培训人次", "≥50人次"],
    ["效益指标", "社会效益指标", "便利度", "显著提升"],
    ["满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
]


def grid(*rows: list[str]) -> Grid:
    return Grid(rows=[[Cell(text, r, c, ref=f"r{r}c{c}") for c, text in enumerate(row)] for r, row in enumerate(rows)])


def merged(rows: list[list[tuple[str, int]]]) -> Grid:
    """A grid from (text, colspan) cells, each row's cells placed left to right."""
    cells: list[list[Cell]] = []
    for r, row in enumerate(rows):
        col, line = 0, []
        for text, span in row:
            line.append(Cell(text, r, col, colspan=span, ref=f"r{r}c{col}"))
            col += span
        cells.append(line)
    return Grid(rows=cells)


def reading(*blocks: Grid | str) -> Interpretation:
    content = [Paragraph(b) if isinstance(b, str) else b for b in blocks]
    return interpret(SourceDocument(name="t", format="docx", blocks=content))


def read(*blocks: Grid | str) -> list[TargetTable]:
    return reading(*blocks).document.tables


def test_a_department_table_reads_its_unit_code_goal_and_the_content_column_as_names() -> None:
    (table,) = read(
        "部门整体支出绩效目标表",
        "（2026年度）",
        grid(
            ["部门名称", "某市人民政府办公室", "部门预算编码", "103"],
            ["年度预算安排（万元）", "资金总额", "8200.95"],
            ["年度预算安排（万元）", "其他资金", "0.00"],
            ["当年整体绩效目标", "保障政府高效运行。"],
            INDICATOR_HEADER,
            *ROWS,
        ),
    )
    assert table.kind == "department_target"
    assert (table.unit_name, table.unit_code, table.year, table.money_unit) == (
        "某市人民政府办公室",
        "103",
        2026,
        "万元",
    )
    assert (table.funds.total, table.funds.other) == ("8200.95", "0.00")
    assert table.annual_goals == ["保障政府高效运行。"]
    assert [i.name for i in table.indicators] == ["培训人次", "便利度", "满意度"]


def test_a_task_grid_with_a_two_row_amount_header_fills_tasks_and_its_total_the_funds() -> None:
    task_grid = merged(
        [
            [("部门（单位）名称", 1), ("某医疗保障局", 5)],
            [("年度主要任务", 1), ("任务名称", 1), ("主要内容", 1), ("预算金额（万元）", 3)],
            [("年度主要任务", 1), ("任务名称", 1), ("主要内容", 1), ("总额", 1), ("财政拨款", 1), ("其他资金", 1)],
            [("年 度 主要 任 务", 1), ("任务1", 1), ("机关运行保障", 1), ("2,311.19", 1), ("2311.19", 1), ("", 1)],
            [("年度主要任务", 1), ("任务2", 1), ("系统运行维护", 1), ("98.85", 1), ("98.85", 1), ("", 1)],
            [("年度主要任务", 1), ("金额合计", 2), ("2410.04", 1), ("2410.04", 1), ("", 1)],
            [("年度总体目标", 1), ("推进医保改革。", 5)],
        ]
    )
    (table,) = read("表15", "2022年部门整体支出绩效目标表", task_grid, grid(INDICATOR_HEADER, *ROWS))
    assert (table.form_label, table.title, table.seq, table.year) == (
        "表15",
        "2022年部门整体支出绩效目标表",
        None,
        2022,
    )
    assert (table.unit_name, table.money_unit) == ("某医疗保障局", "万元")
    assert [(t.name, t.content) for t in table.tasks] == [("任务1", "机关运行保障"), ("任务2", "系统运行维护")]
    budget = table.tasks[0].budget
    assert budget is not None and (budget.total, budget.fiscal, budget.other) == ("2311.19", "2311.19", "")
    assert (table.funds.total, table.funds.fiscal) == ("2410.04", "2410.04")
    assert table.annual_goals == ["推进医保改革。"]


def test_a_task_grid_with_one_amount_column_and_expected_results_reads_status() -> None:
    (table,) = read(
        "某局2026年部门整体预算绩效目标申报表",
        grid(
            ["部门名称", "某生态环境局"],
            ["预算整体情况", "基本支出", "58,118.59", "财政拨款", "92,008.68"],
            ["总体绩效目标", "改善生态环境质量。"],
            ["年度重点工作任务", "名称", "主要实施内容", "拟投入的资金（万元）", "期望达到的目标（概述）"],
            ["年度重点工作任务", "大气污染防治", "监督管理全市大气污染防治。", "2,327.67", "PM2.5浓度下降。"],
            ["其他需完成的任务（可选填）", "", "", "", ""],
            INDICATOR_HEADER,
            *ROWS,
        ),
    )
    assert (table.year, table.unit_name, table.money_unit, table.funds.fiscal) == (
        2026,
        "某生态环境局",
        "万元",
        "92008.68",
    )
    assert table.annual_goals == ["改善生态环境质量。"]
    (task,) = table.tasks
    assert (task.name, task.content, task.status) == ("大气污染防治", "监督管理全市大气污染防治。", "PM2.5浓度下降。")
    assert task.budget is not None and task.budget.total == "2327.67"


def test_a_project_named_only_in_its_title_gets_its_name_and_the_funds_heading_its_money_unit() -> None:
    (table,) = read(
        "市行政中心保安服务项目绩效目标表",
        grid(
            ["专项资金情况（万元）", "资金总额：", "4200.00"],
            ["专项资金情况（万元）", "财政拨款：", "0.00"],
            ["专项资金情况（万元）", "上年结转：", "100.00"],
            ["项目实施期目标", "保障安全。"],
            INDICATOR_HEADER,
            *ROWS,
        ),
    )
    assert (table.project_name, table.money_unit, table.year) == ("市行政中心保安服务", "万元", None)
    assert (table.funds.total, table.funds.fiscal, table.funds.carryover) == ("4200.00", "0.00", "100.00")


def test_a_wrapped_money_unit_in_a_bracket_and_the_unit_name_before_a_money_unit_line() -> None:
    (table,) = read(
        "某项目绩效目标表",
        grid(
            ["单位名称", "某局 金额单位：万元"],
            ["项目名称", "某项目"],
            ["资金金额（万\n元）", "年度预算资金总额：", "12"],
            INDICATOR_HEADER,
            *ROWS,
        ),
    )
    assert (table.unit_name, table.money_unit, table.funds.total) == ("某局", "万元", "12")


def test_a_form_label_before_the_title_is_kept_apart_from_title_and_number() -> None:
    tables = read(
        "表十一",
        "2026年市级重点专项资金绩效目标表（一级项目）",
        grid(["项目名称", "某专项"], INDICATOR_HEADER, *ROWS),
        "预算12表 2026年某项目绩效目标表",
        grid(["项目名称", "某项目"], INDICATOR_HEADER, *ROWS),
    )
    assert [(t.form_label, t.seq, t.title, t.year) for t in tables] == [
        ("表十一", None, "2026年市级重点专项资金绩效目标表（一级项目）", 2026),
        ("预算12表", None, "2026年某项目绩效目标表", 2026),
    ]


def test_a_year_inside_a_project_name_is_not_the_table_year() -> None:
    (table,) = read("关于下达2023年补助资金的通知绩效目标表", grid(["项目名称", "某项目"], INDICATOR_HEADER, *ROWS))
    assert table.year is None


def test_an_empty_value_cell_never_takes_the_next_label_as_its_value() -> None:
    (table,) = read(
        "某项目绩效目标表",
        grid(["项目名称", "某项目", "", ""], ["主管部门", "", "实施期限", ""], INDICATOR_HEADER, *ROWS),
    )
    assert table.department == ""
    assert table.midterm_period == ""


def test_a_blank_template_is_left_out_with_a_warning() -> None:
    blank = [
        ["产出指标", "数量指标", "指标1：", ""],
        ["产出指标", "数量指标", "……", ""],
        ["满意度指标", "服务对象满意度指标", "指标1：", ""],
    ]
    result = reading(
        "某项目绩效目标表",
        grid(["项目名称", "某项目"], INDICATOR_HEADER, *ROWS),
        "表16",
        "2022年专项资金总体绩效目标表",
        grid(["项目名称", ""], ["总体目标", "目标1：\n目标2：\n……"], INDICATOR_HEADER, *blank),
    )
    assert [t.project_name for t in result.document.tables] == ["某项目"]
    (warning,) = result.warnings
    assert warning.startswith("table [1] (2022年专项资金总体绩效目标表) is left out: it is a blank template form")


def test_a_remark_and_a_basis_column_are_read_as_printed() -> None:
    header = ["一级指标", "二级指标", "三级指标", "指标值", "指标值说明", "备注"]
    (table,) = read(
        "某项目绩效目标表",
        grid(
            ["项目名称", "某项目"], header, [*ROWS[0], "按往年测算", "含线上"], [*ROWS[1], "", ""], [*ROWS[2], "", ""]
        ),
    )
    assert (table.indicators[0].basis, table.indicators[0].remark) == ("按往年测算", "含线上")


def test_a_measure_unit_column_fills_the_unit_of_a_value_that_prints_its_comparator() -> None:
    header = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"]
    (table,) = read(
        "某项目绩效目标表",
        grid(["项目名称", "某项目"], header, [*ROWS[0][:3], "≥95", "%"], [*ROWS[1], ""], [*ROWS[2], ""]),
    )
    assert (table.indicators[0].op, table.indicators[0].number, table.indicators[0].unit) == (">=", "95", "%")


def test_a_performance_column_printing_the_three_levels_run_together_is_split_by_the_vocabulary() -> None:
    (table,) = read(
        "某医疗保障局部门整体绩效目标表",
        grid(
            ["部门名称", "某医疗保障局"],
            ["绩效指标", "活动", "指标性质", "指标值", "度量单位"],
            ["产出指标数量指标参保人参保意愿调查样本", "参保扩面", "≥", "2000", "份"],
            ["产出指标质量指标调查报告合格率", "参保扩面", "≥", "95", "%"],
            ["效益指标社会效益指标参保率", "参保扩面", "≥", "95", "%"],
            ["满意度指标服务对象满意度指标参保人满意度", "参保扩面", "≥", "90", "%"],
        ),
    )
    assert [(i.level1, i.level2, i.name) for i in table.indicators][:2] == [
        ("产出指标", "数量指标", "参保人参保意愿调查样本"),
        ("产出指标", "质量指标", "调查报告合格率"),
    ]
    first = table.indicators[0]
    assert (first.nature, first.op, first.number, first.unit) == ("≥", ">=", "2000", "份")
    assert table.indicators[3].level2 == "服务对象满意度指标"


def test_a_score_summary_below_the_indicators_is_not_read_as_indicators_and_is_named() -> None:
    summary = [
        ["一级指标", "分值", "得分", "得分率"],
        ["决策", "20", "18", "90%"],
        ["过程", "20", "19", "95%"],
        ["产出", "40", "38", "95%"],
        ["效益", "20", "18", "90%"],
        ["合计", "100", "93", "93%"],
    ]
    result = reading("某项目绩效目标表", grid(["项目名称", "某项目"], INDICATOR_HEADER, *ROWS), grid(*summary))
    (table,) = result.document.tables
    assert [i.name for i in table.indicators] == ["培训人次", "便利度", "满意度"]
    assert result.warnings == [
        "table [0] (某项目绩效目标表): a score summary (一级指标 | 分值 | 得分) below its indicators is not read as indicators"
    ]


def test_a_blank_template_is_left_out_the_same_way_from_text() -> None:
    from jixiao.parsing import parse_bytes

    text = "\n".join(
        [
            "1.某项目绩效目标表",
            "项目名称\t某项目",
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t培训人次\t≥50人次",
            "效益指标\t社会效益指标\t便利度\t显著提升",
            "满意度指标\t服务对象满意度指标\t满意度\t≥90%",
            "",
            "2.专项资金总体绩效目标表",
            "项目名称\t",
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t指标1：\t",
            "产出指标\t数量指标\t……\t",
        ]
    )
    reading = parse_bytes(text.encode(), "t.txt")
    assert [t.project_name for t in reading.document.tables] == ["某项目"]
    assert reading.warnings == [
        "table [1] (2.专项资金总体绩效目标表) is left out: it is a blank template form"
        " (placeholder names such as 指标1： or ……, no values)"
    ]


def test_carryover_under_the_mid_term_heading_is_the_mid_term_carryover() -> None:
    (table,) = read(
        "某项目绩效目标表",
        grid(
            ["项目名称", "某项目", "", ""],
            ["项目资金（万元）", "中期资金总额", "300", "年度资金总额", "100"],
            ["项目资金（万元）", "其中：财政拨款", "250", "其中：财政拨款", "80"],
            ["项目资金（万元）", "上年结转", "50", "上年结转", "20"],
            INDICATOR_HEADER,
            *ROWS,
        ),
    )
    funds = table.funds
    assert (funds.midterm_total, funds.midterm_fiscal, funds.midterm_carryover) == ("300", "250", "50")
    assert (funds.total, funds.fiscal, funds.carryover) == ("100", "80", "20")


def test_a_self_evaluation_task_grid_reads_executed_amounts_points_rate_and_score_by_label() -> None:
    task_grid = merged(
        [
            [("部门（单位）名称", 1), ("某委员会", 10)],
            [
                ("年度主要任务", 1),
                ("任务名称", 1),
                ("主要内容", 1),
                ("预算数", 3),
                ("执行数", 3),
                ("分值", 1),
                ("执行率", 1),
                ("得分", 1),
            ],
            [("年度主要任务", 1), ("任务名称", 1), ("主要内容", 1)]
            + [(label, 1) for label in ("总额", "财政拨款", "其他资金") * 2]
            + [("分值", 1), ("执行率", 1), ("得分", 1)],
            [("年度主要任务", 1), ("学前教育", 1), ("保证直属单位支出。", 1)]
            + [
                (n, 1) for n in ("1292.55", "1182.59", "109.96", "1263.33", "1182.59", "80.74", "0.58", "97.74", "0.58")
            ],
        ]
    )
    tables = read("2024年部门整体支出绩效自评表", task_grid, grid(INDICATOR_HEADER, *ROWS))
    (task,) = tables[0].tasks
    assert task.budget is not None and (task.budget.total, task.budget.other) == ("1292.55", "109.96")
    assert task.executed is not None and (task.executed.total, task.executed.other) == ("1263.33", "80.74")
    assert (task.max_score, task.rate, task.score) == ("0.58", "97.74", "0.58")
