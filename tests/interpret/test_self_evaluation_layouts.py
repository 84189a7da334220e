"""Self-evaluation layouts met in published documents, on hand-made grids: each is read by its labels."""

from __future__ import annotations

from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret import interpret
from jixiao.model import TargetTable
from jixiao.parsing import parse_bytes


def grid(*rows: list[str]) -> Grid:
    return Grid(rows=[[Cell(text, r, c, ref=f"r{r}c{c}") for c, text in enumerate(row)] for r, row in enumerate(rows)])


def read(*blocks: Grid | str) -> list[TargetTable]:
    content = [Paragraph(b) if isinstance(b, str) else b for b in blocks]
    return interpret(SourceDocument(name="t", format="docx", blocks=content)).document.tables


CENTRAL_HEAD = (
    ["项目名称", "某项目"],
    ["主管部门", "某局", "实施单位", "某中心"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "100", "120", "90", "10", "75%", "7.5"],
    ["", "其中：当年财政拨款", "100", "120", "90", "—", "0.0%", "—"],
    ["年度总体目标", "预期目标", "实际完成情况"],
    ["", "1.完成甲；\n2.完成乙。", "甲乙均已完成。"],
)


def test_level1_points_and_labelled_names_are_taken_apart() -> None:
    (table,) = read(
        "某项目绩效目标自评表",
        grid(
            *CENTRAL_HEAD,
            ["一级指标", "二级指标", "指标内容", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标（50分）", "数量指标", "指标1：培训人次", "≥100人次", "120人次", "25", "25", ""],
            ["产出指标（50分）", "质量指标", "指标2：合格率", "≥95%", "90%", "25", "23.68", "个别学员未通过考核"],
            ["效益指标30分", "社会效益指标", "指标3：群众知晓率", "提高", "明显提高", "30", "28", ""],
            ["满意度指标（10）", "服务对象满意度指标", "指标4：满意率", "≥90%", "95%", "10", "10", ""],
            ["总分", "", "", "", "", "100", "94.18", ""],
        ),
    )
    assert table.kind == "self_evaluation" and table.subject == "project"
    assert [i.level1 for i in table.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert table.level1_max_scores == {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}
    assert [i.name for i in table.indicators] == ["培训人次", "合格率", "群众知晓率", "满意率"]
    second = table.indicators[1]
    assert (second.actual, second.actual_number, second.actual_unit) == ("90%", "90", "%")
    assert (second.max_score, second.score, second.weight) == ("25", "23.68", None)
    assert second.deviation == "个别学员未通过考核"
    assert (table.total_max_score, table.total_score) == ("100", "94.18")


def test_the_central_execution_block_becomes_execution_lines() -> None:
    (table,) = read(
        "某项目绩效自评表",
        grid(
            *CENTRAL_HEAD,
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "90", "90"],
        ),
    )
    first, second = table.execution
    assert (first.label, first.initial_budget, first.adjusted_budget, first.executed) == (
        "年度资金总额",
        "100",
        "120",
        "90",
    )
    assert (first.rate, first.max_score, first.score) == ("75", "10", "7.5")
    assert (second.label, second.rate, second.max_score, second.score) == ("其中：当年财政拨款", "0.0", "—", "—")
    assert table.money_unit == "万元"
    assert table.funds.total is None  # the money of a self-evaluation is in execution
    assert table.annual_goals == ["完成甲；", "完成乙。"]
    assert table.goals_achieved == "甲乙均已完成。"


def test_the_province_layout_reads_nature_unit_weight_and_the_closing_rows() -> None:
    (table,) = read(
        "2024年度项目支出绩效自评表",
        grid(
            ["项目名称", "某项目"],
            ["预算执行情况（10分）", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
            ["资金总额", "50", "50", "45", "90%", "9"],
            [
                "绩效指标（90分）",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "指标值",
                "度量单位",
                "完成值",
                "权重",
                "得分",
                "未完成原因分析",
            ],
            ["", "产出指标", "数量指标", "培训场次", "≥", "10", "场", "12", "45", "45", ""],
            ["", "效益指标", "社会效益指标", "投诉次数", "≤", "3", "次", "5", "45", "15", "窗口人手不足"],
            ["评价结论", "良"],
            ["存在问题", "投诉偏多。"],
            ["改进措施", "增加窗口人手。"],
        ),
    )
    (line,) = table.execution
    assert (line.label, line.executed, line.rate, line.max_score, line.score) == ("资金总额", "45", "90", "10", "9")
    first, second = table.indicators
    assert (first.nature, first.op, first.number, first.unit) == ("≥", ">=", "10", "场")
    assert (first.actual, first.actual_number, first.actual_unit) == ("12", "12", "场")
    assert (second.max_score, second.score, second.deviation) == ("45", "15", "窗口人手不足")
    assert (table.conclusion, table.problems, table.improvements) == ("良", "投诉偏多。", "增加窗口人手。")


def test_a_form_published_unscored_keeps_its_empty_cells() -> None:
    (table,) = read(
        "2024年度项目支出绩效自评表",
        grid(
            ["项目名称", "某项目"],
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "指标值",
                "度量单位",
                "完成值",
                "权重",
                "得分",
                "未完成原因分析",
            ],
            ["产出指标", "数量指标", "培训场次", "≥", "10", "场", "", "50", "", ""],
            ["满意度指标", "服务对象满意度指标", "满意率", "≥", "90", "%", "", "50", "", ""],
        ),
    )
    assert [(i.actual, i.actual_number, i.score, i.max_score) for i in table.indicators] == [
        ("", None, "", "50"),
        ("", None, "", "50"),
    ]


def test_a_transfer_payment_table_reads_sources_fund_management_and_actuals() -> None:
    (table,) = read(
        "2024年度中央对地方转移支付区域绩效自评表",
        grid(
            ["转移支付（项目）名称", "某转移支付"],
            ["中央主管部门", "某部", "地方主管部门", "某厅"],
            ["资金使用单位", "某市局"],
            ["资金投入情况（万元）", "", "全年预算数（A）", "全年执行数（B）", "预算执行率（B/A）"],
            ["", "年度资金总额", "100", "80", "80%"],
            ["", "其中：中央财政资金", "60", "50", "83.33%"],
            ["", "地方资金", "40", "30", "75%"],
            ["资金管理情况", "", "情况说明", "存在问题和改进措施"],
            ["", "分配科学性", "资金分配科学", "暂无"],
            ["", "下达及时性", "按时下达", "暂无"],
            ["总体目标完成情况", "总体目标", "全年实际完成情况"],
            ["", "目标1：改造道路10公里。", "改造道路12公里。"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
            ["", "产出指标", "数量指标", "道路改造里程", "≥10公里", "12公里", ""],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", "部分路段施工扰民"],
        ),
    )
    assert table.subject == "transfer_payment"
    assert (table.project_name, table.department, table.implementing_unit) == ("某转移支付", "某部", "某市局")
    assert [(line.label, line.adjusted_budget, line.executed, line.rate) for line in table.execution] == [
        ("年度资金总额", "100", "80", "80"),
        ("其中：中央财政资金", "60", "50", "83.33"),
        ("地方资金", "40", "30", "75"),
    ]
    assert table.money_unit == "万元"
    assert [(f.item, f.description, f.problems) for f in table.fund_management] == [
        ("分配科学性", "资金分配科学", "暂无"),
        ("下达及时性", "按时下达", "暂无"),
    ]
    assert table.annual_goals == ["目标1：改造道路10公里。"]
    assert table.goals_achieved == "改造道路12公里。"
    first, second = table.indicators
    assert (first.actual, first.actual_number, first.actual_unit) == ("12公里", "12", "公里")
    assert second.deviation == "部分路段施工扰民"


def test_a_department_funds_grid_with_circled_columns_and_the_grade() -> None:
    (table,) = read(
        "2024年度部门整体支出绩效自评表",
        grid(
            [
                "预算执行情况（万元）",
                "",
                "年初预算安排金额①",
                "年中调整金额②",
                "小计③=①+②",
                "年度拨付金额④",
                "支出实现率⑤=④/③",
                "结余金额⑥=③-④",
                "资金结余率⑦=⑥/③",
                "分值",
                "得分",
            ],
            ["", "合计", "1000", "100", "1100", "990", "90%", "110", "10%", "10", "9"],
            ["", "财政资金小计", "900", "100", "1000", "900", "90%", "100", "10%", "", ""],
            ["", "①中央", "100", "0", "100", "100", "100%", "0", "0%", "", ""],
            ["", "②省级", "300", "0", "300", "300", "100%", "0", "0%", "", ""],
            ["", "③地方", "500", "100", "600", "500", "83.33%", "100", "16.67%", "", ""],
            ["", "其他资金小计", "100", "0", "100", "90", "90%", "10", "10%", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "完成任务数", "≥10项", "10项", "90", "90"],
            ["总分值、评价总分（S）", "100", "99"],
            ["评价等级", "优（S≧90）"],
        ),
    )
    assert table.subject == "department"
    labels = [line.label for line in table.execution]
    assert labels == ["合计", "财政资金小计", "①中央", "②省级", "③地方", "其他资金小计"]
    third = table.execution[4]
    assert (third.initial_budget, third.adjustment, third.adjusted_budget, third.executed) == (
        "500",
        "100",
        "600",
        "500",
    )
    assert (third.rate, third.balance, third.balance_rate) == ("83.33", "100", "16.67")
    assert (table.execution[0].max_score, table.execution[0].score) == ("10", "9")
    assert (table.total_max_score, table.total_score, table.grade) == ("100", "99", "优（S≧90）")


def test_an_evaluation_reports_score_summary_is_not_an_indicator_table() -> None:
    tables = read(
        "某项目绩效自评表",
        grid(
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "100", "100"],
        ),
        "表2：综合评价得分情况表",
        grid(
            ["一级指标", "分值", "得分", "得分率"],
            ["决策", "20", "17.90", "89.50%"],
            ["合 计", "100", "85.19", "85.19%"],
        ),
    )
    assert len(tables) == 1 and len(tables[0].indicators) == 1


def test_goals_printed_as_row_labels_fill_goals_and_what_was_done() -> None:
    (table,) = read(
        "某项目绩效自评表",
        grid(
            ["项目名称", "某项目"],
            ["年度总体目标", "1.完成甲；\n2.完成乙。"],
            ["全年实际完成情况", "甲已完成，乙完成八成。"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人次", "≥100人次", "80人次", "100", "80"],
        ),
    )
    assert table.annual_goals == ["完成甲；", "完成乙。"]
    assert table.goals_achieved == "甲已完成，乙完成八成。"


def test_totals_and_grade_printed_as_pairs_in_one_row() -> None:
    (table,) = read(
        "某委员会2024年度部门整体支出绩效自评表",
        grid(
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "在园幼儿数", "≥1200人", "1260人", "30", "27.77"],
            ["总分值", "30", "评价总分（S）", "27.77", "评价等级", "优"],
        ),
    )
    assert (table.total_max_score, table.total_score, table.grade) == ("30", "27.77", "优")


def _merged(*rows: list[tuple[str, int, int]]) -> Grid:
    """A grid of (text, column, colspan) cells, each one row high."""
    return Grid(rows=[[Cell(text, r, c, colspan=span) for text, c, span in row] for r, row in enumerate(rows)])


DEPARTMENT_INDICATORS = (
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "在园幼儿数", "≥1200人", "1260人", "90", "90"],
)


def test_a_department_task_grid_reads_budget_and_execution_split_and_its_total_as_execution() -> None:
    tasks = _merged(
        [("部门（单位）名称", 0, 1), ("某某委员会", 1, 11)],
        [("年度主要任务", 0, 1), ("任务名称", 1, 1), ("主要内容", 2, 1), ("完成情况", 3, 1), ("全年预算数（万元）", 4, 3),
         ("全年执行数（万元）", 7, 3), ("分值", 10, 1), ("执行率", 11, 1), ("得分", 12, 1)],
        [("年度主要任务", 0, 1), ("总额", 4, 1), ("财政拨款", 5, 1), ("其他资金", 6, 1), ("总额", 7, 1), ("财政拨款", 8, 1),
         ("其他资金", 9, 1)],
        [("年度主要任务", 0, 1), ("学前教育", 1, 1), ("保证学前教育支出。", 2, 1), ("基本完成", 3, 1), ("1292.55", 4, 1),
         ("1182.59", 5, 1), ("109.96", 6, 1), ("1263.33", 7, 1), ("1182.59", 8, 1), ("80.74", 9, 1), ("0.58", 10, 1),
         ("97.74%", 11, 1), ("0.58", 12, 1)],
        [("年度主要任务", 0, 1), ("金额合计", 1, 3), ("1292.55", 4, 3), ("1263.33", 7, 3), ("10", 10, 1), ("97.74%", 11, 1),
         ("9.77", 12, 1)],
    )  # fmt: skip
    (table,) = read("某某委员会2024年度部门整体支出绩效自评表", tasks, grid(*DEPARTMENT_INDICATORS))
    (task,) = table.tasks
    assert (task.name, task.content, task.status) == ("学前教育", "保证学前教育支出。", "基本完成")
    assert task.budget is not None and (task.budget.total, task.budget.fiscal, task.budget.other) == (
        "1292.55",
        "1182.59",
        "109.96",
    )
    assert task.executed is not None and (task.executed.total, task.executed.other) == ("1263.33", "80.74")
    assert (task.max_score, task.rate, task.score) == ("0.58", "97.74", "0.58")
    (total,) = table.execution
    assert (total.label, total.adjusted_budget, total.executed) == ("金额合计", "1292.55", "1263.33")
    assert (total.max_score, total.rate, total.score) == ("10", "97.74", "9.77")
    assert table.funds.total is None


def test_a_task_grid_under_a_heading_row_of_its_own() -> None:
    tasks = _merged(
        [("年度主要任务", 0, 12)],
        [("任务名称", 0, 1), ("主要内容", 1, 1), ("完成情况", 2, 1), ("全年预算数（万元）", 3, 3), ("全年执行数（万元）", 6, 3),
         ("分值", 9, 1), ("执行率", 10, 1), ("得分", 11, 1)],
        [("总额", 3, 1), ("财政拨款", 4, 1), ("其他资金", 5, 1), ("总额", 6, 1), ("财政拨款", 7, 1), ("其他资金", 8, 1)],
        [("学前教育", 0, 1), ("保证学前教育支出。", 1, 1), ("基本完成", 2, 1), ("1292.55", 3, 1), ("1182.59", 4, 1),
         ("109.96", 5, 1), ("1263.33", 6, 1), ("1182.59", 7, 1), ("80.74", 8, 1), ("0.58", 9, 1), ("97.74%", 10, 1),
         ("0.58", 11, 1)],
        [("金额合计", 0, 3), ("1292.55", 3, 3), ("1263.33", 6, 3), ("10", 9, 1), ("97.74%", 10, 1), ("9.77", 11, 1)],
        [("项目（万元）", 0, 2), ("年初预算安排金额①", 2, 1), ("年中调整金额②", 3, 1), ("小计③=①+②", 4, 1),
         ("年度拨付金额④", 5, 1), ("支出实现率⑤", 6, 1), ("分值", 7, 1), ("得分", 8, 1)],
        [("合计", 0, 2), ("1200.00", 2, 1), ("92.55", 3, 1), ("1292.55", 4, 1), ("1263.33", 5, 1), ("97.74%", 6, 1),
         ("--", 7, 1), ("--", 8, 1)],
    )  # fmt: skip
    (table,) = read("某某委员会2024年度部门整体支出绩效自评表", tasks, grid(*DEPARTMENT_INDICATORS))
    assert [task.name for task in table.tasks] == ["学前教育"]
    assert [line.label for line in table.execution] == ["金额合计", "合计"]
    assert (table.execution[1].adjustment, table.execution[1].executed) == ("92.55", "1263.33")


def test_other_names_of_the_columns_and_a_unit_in_an_amount_heading() -> None:
    (table,) = read(
        "某项目绩效自评表",
        grid(
            ["预算执行情况", "", "预算数（万元）", "执行数", "预算执行率", "分值", "得分"],
            ["", "合计", "3359.62万", "3000万", "89.30%", "10", "8.93"],
            ["年度总体目标", "年初设定目标", "全年实际完成情况"],
            ["", "完成甲。", "甲已完成。"],
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
                "实际完成指标值",
                "指标分值",
                "实际得分",
                "原因分析及改进措施",
            ],
            ["产出指标", "数量指标", "培训人次", "≥100人次", "100人次", "90", "90", ""],
        ),
    )
    (line,) = table.execution
    assert (line.adjusted_budget, line.executed, line.rate, line.max_score) == ("3359.62", "3000", "89.30", "10")
    assert table.money_unit == "万元" and table.funds.total is None
    assert (table.annual_goals, table.goals_achieved) == (["完成甲。"], "甲已完成。")
    (indicator,) = table.indicators
    assert (indicator.actual_number, indicator.max_score, indicator.score, indicator.weight) == (
        "100",
        "90",
        "90",
        None,
    )


def test_an_execution_column_of_unknown_name_is_named_in_a_warning() -> None:
    blocks = [
        Paragraph("某项目绩效自评表"),
        grid(
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "备注"],
            ["", "年度资金总额", "10", "10", "10", "100%", "无"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人次", "≥100人次", "100人次", "90", "90"],
        ),
    ]
    reading = interpret(SourceDocument(name="t", format="docx", blocks=blocks))
    assert any("'备注' is not read" in warning for warning in reading.warnings)
    assert reading.document.tables[0].execution[0].rate == "100"


def test_what_was_done_reads_the_same_whether_its_line_breaks_survived_or_not() -> None:
    def achieved(text: str) -> str | None:
        (table,) = read(
            "某项目绩效自评表",
            grid(
                ["年度总体目标", "预期目标", "实际完成情况"],
                ["", "完成甲乙。", text],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["产出指标", "数量指标", "培训人次", "≥100人次", "100人次", "90", "90"],
            ),
        )
        return table.goals_achieved

    assert achieved("1.甲已完成。2.乙已完成。") == achieved("1.甲已完成。\n2.乙已完成。") == "1.甲已完成。 2.乙已完成。"


def test_totals_and_grade_printed_as_a_row_of_labels_over_a_row_of_values() -> None:
    (table,) = read(
        "某委员会2024年度部门整体支出绩效自评表",
        grid(
            *DEPARTMENT_INDICATORS,
            ["总分值", "评价总分（S）", "评价等级"],
            ["100", "95", "优"],
        ),
    )
    assert (table.total_max_score, table.total_score, table.grade) == ("100", "95", "优")
    assert len(table.indicators) == 1


def test_a_central_form_published_unfilled_keeps_its_empty_fund_lines() -> None:
    (table,) = read(
        "某项目绩效自评表",
        grid(
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额：", "", "", "", "10", "", ""],
            ["", "其中：当年财政拨款", "", "", "", "—", "", "—"],
            ["", "上年结转资金", "", "", "", "", "", ""],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["", "完成甲。", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人次", "≥100人次", "", "90", ""],
        ),
    )
    assert [(line.label, line.executed, line.max_score) for line in table.execution] == [
        ("年度资金总额：", "", "10"),
        ("其中：当年财政拨款", "", "—"),
        ("上年结转资金", "", ""),
    ]
    assert table.funds.total is None and table.annual_goals == ["完成甲。"]


def test_a_department_table_as_tab_separated_text_reads_its_task_grid() -> None:
    text = "\n".join(
        [
            "某某委员会2024年度部门整体支出绩效自评表",
            "部门（单位）名称\t某某委员会",
            "年度主要任务",
            "任务名称\t主要内容\t完成情况\t全年预算数（万元）\t\t\t全年执行数（万元）\t\t\t分值\t执行率\t得分",
            "\t\t\t总额\t财政拨款\t其他资金\t总额\t财政拨款\t其他资金",
            "学前教育\t保证学前教育支出。\t基本完成\t1292.55\t1182.59\t109.96\t1263.33\t1182.59\t80.74\t0.58\t97.74%\t0.58",
            "金额合计\t\t\t1292.55\t\t\t1263.33\t\t\t10\t97.74%\t9.77",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
            "产出指标\t数量指标\t在园幼儿数\t≥1200人\t1260人\t90\t90",
        ]
    )
    (table,) = parse_bytes(text.encode("utf-8"), "department.txt").document.tables
    (task,) = table.tasks
    assert task.budget is not None and task.executed is not None
    assert (task.budget.total, task.executed.total, task.executed.other) == ("1292.55", "1263.33", "80.74")
    assert [(line.label, line.adjusted_budget, line.executed, line.score) for line in table.execution] == [
        ("金额合计", "1292.55", "1263.33", "9.77")
    ]
