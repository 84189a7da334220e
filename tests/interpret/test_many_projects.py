"""One long table holding many projects: each project's run of rows becomes a table of its own."""

from __future__ import annotations

from pathlib import Path

from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret import interpret
from jixiao.model import TargetTable
from jixiao.parsing import parse_file

REAL_WORLD = Path(__file__).parents[1] / "data" / "real-world"

HEADER = ["单位编码", "单位（项目）名称", "资金总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
# (project name, total, goal, its indicator rows); the unit's own row comes first and holds no indicator
PROJECTS = [
    ("长沙市某局", "417.41", "", []),
    (
        "信访业务工作专项",
        "138.11",
        "1.做好接待工作。\n2.推动信访事项办理。",
        [
            ["成本指标", "经济成本指标", "支出不超过项目预算", "≤138.11万元"],
            ["产出指标", "数量指标", "接待来访群众", "≥2000人次"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
        ],
    ),
    (
        "人民来访接待中心业务专项",
        "102.80",
        "保障接待中心运转。",
        [
            ["产出指标", "质量指标", "设施设备正常运行率", "≥95%"],
            ["效益指标", "社会效益指标", "群众安全有序信访", "有效保障"],
            ["满意度指标", "服务对象满意度指标", "来访群众满意度", "≥90%"],
        ],
    ),
]


def _merged_grid(*, name_on_every_row: bool) -> Grid:
    """The table as a PDF or sheet prints it: the project's own cells merged down its indicator rows (or,
    ``name_on_every_row`` false, printed on its first row only, as a text export leaves them)."""
    rows: list[list[Cell]] = [[Cell(text, 0, c, ref=f"r0c{c}") for c, text in enumerate(HEADER)]]
    for name, total, goal, indicators in PROJECTS:
        r = len(rows)
        height = max(1, len(indicators))
        own = ["126001", name, total, goal]
        for i, indicator in enumerate(indicators or [["", "", "", ""]]):
            row: list[Cell] = []
            if i == 0 or not name_on_every_row:
                span = height if name_on_every_row else 1
                texts = own if i == 0 else ["", "", "", ""]
                row += [Cell(text, r + i, c, rowspan=span, ref=f"r{r + i}c{c}") for c, text in enumerate(texts)]
            row += [Cell(text, r + i, 4 + c, ref=f"r{r + i}c{4 + c}") for c, text in enumerate(indicator)]
            rows.append(row)
    return Grid(rows=rows, ref="page 22 table 1")


def _read(grid: Grid) -> list[TargetTable]:
    blocks = [Paragraph("2026年项目支出绩效目标表"), Paragraph("部门名称：长沙市某局 单位：万元"), grid]
    return interpret(SourceDocument(name="t.pdf", format="pdf", blocks=blocks)).document.tables


def test_each_project_of_a_long_table_is_a_table_with_its_own_name_funds_goal_and_indicators() -> None:
    tables = _read(_merged_grid(name_on_every_row=True))
    assert [t.project_name for t in tables] == ["信访业务工作专项", "人民来访接待中心业务专项"]
    first, second = tables
    assert (first.funds.total, second.funds.total) == ("138.11", "102.80")
    assert first.annual_goals == ["做好接待工作。", "推动信访事项办理。"]
    assert second.annual_goals == ["保障接待中心运转。"]
    assert [i.name for i in first.indicators] == ["支出不超过项目预算", "接待来访群众", "群众满意度"]
    assert [i.name for i in second.indicators] == ["设施设备正常运行率", "群众安全有序信访", "来访群众满意度"]
    assert all(t.unit_code == "126001" and t.money_unit == "万元" for t in tables)
    assert all(t.title == "2026年项目支出绩效目标表" for t in tables)
    # levels start afresh with each project
    assert [(i.level1, i.level2) for i in second.indicators][:2] == [
        ("产出指标", "质量指标"),
        ("效益指标", "社会效益指标"),
    ]
    assert first.source_ref is not None and first.source_ref != second.source_ref


def test_a_project_named_on_its_first_row_only_keeps_the_rows_below() -> None:
    tables = _read(_merged_grid(name_on_every_row=False))
    assert [(t.project_name, len(t.indicators)) for t in tables] == [
        ("信访业务工作专项", 3),
        ("人民来访接待中心业务专项", 3),
    ]


def test_a_table_of_one_project_is_read_as_before() -> None:
    plain = Grid(
        rows=[
            [Cell(text, r, c) for c, text in enumerate(row)]
            for r, row in enumerate(
                [
                    ["一级指标", "二级指标", "三级指标", "指标值"],
                    ["产出指标", "数量指标", "培训人次", "≥50人次"],
                    ["效益指标", "社会效益指标", "便利度", "显著提升"],
                    ["满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
                ]
            )
        ]
    )
    blocks = [Paragraph("绩效目标表"), Paragraph("项目名称：培训项目"), plain]
    (table,) = interpret(SourceDocument(name="t", format="docx", blocks=blocks)).document.tables
    assert table.project_name == "培训项目" and len(table.indicators) == 3


def test_a_long_table_of_projects_right_under_another_table_starts_a_table_of_its_own() -> None:
    before = Grid(
        rows=[
            [Cell(text, r, c) for c, text in enumerate(row)]
            for r, row in enumerate(
                [
                    ["指标名称", "指标性质", "指标值", "计量单位"],
                    ["重要商品储备数量", "≥", "7500", "吨"],
                ]
            )
        ]
    )
    many = Grid(
        rows=[
            [Cell(text, r, c) for c, text in enumerate(row)]
            for r, row in enumerate(
                [
                    [
                        "序号",
                        "项目名称",
                        "当年财政拨款预算金额",
                        "当年绩效目标",
                        "指标名称",
                        "指标性质",
                        "指标值",
                        "计量单位",
                    ],
                    ["1", "市商务发展一般性项目", "8,071.45", "保障运转", "培训人数", "≥", "1066", "人次"],
                    ["1", "市商务发展一般性项目", "8,071.45", "保障运转", "年度预算执行率", "=", "100", "%"],
                ]
            )
        ]
    )
    blocks = [Paragraph("绩效目标表"), before, many]
    tables = interpret(SourceDocument(name="t", format="pdf", blocks=blocks)).document.tables
    assert [len(t.indicators) for t in tables] == [1, 2]
    project = tables[1]
    assert project.project_name == "市商务发展一般性项目" and project.funds.fiscal == "8071.45"
    assert [(i.name, i.op, i.number, i.unit) for i in project.indicators] == [
        ("培训人数", ">=", "1066", "人次"),
        ("年度预算执行率", "=", "100", "%"),
    ]


def test_the_changsha_budget_reads_one_table_per_project_and_the_departments_own() -> None:
    tables = parse_file(REAL_WORLD / "007_changsha_xfj_2026_budget.pdf").document.tables
    projects = [(t.project_name, t.funds.total, len(t.indicators)) for t in tables if t.kind == "project_target"]
    assert projects == [
        ("基层及其他信访业务工作经费专项", "35.78", 16),
        ("人民来访接待中心及特护期运行专项", "10.22", 16),
        ("人民来访接待中心业务专项", "102.80", 23),
        ("信访业务工作专项", "138.11", 21),
    ]
    (department,) = [t for t in tables if t.kind == "department_target"]
    assert department.unit_name == "长沙市信访局" and department.funds.total == "1935.36"
    assert department.annual_goals and len(department.indicators) == 25


def test_a_funds_header_over_two_rows_fills_each_projects_funds() -> None:
    from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
    from jixiao.interpret import interpret

    def cell(text: str, r: int, c: int, rows: int = 1, cols: int = 1) -> Cell:
        return Cell(text, r, c, rowspan=rows, colspan=cols, ref=f"r{r}c{c}")

    header = [
        cell("项目名称", 0, 0, rows=2),
        cell("资金情况（万元）", 0, 1, cols=3),
        cell("一级指标", 0, 4, rows=2),
        cell("二级指标", 0, 5, rows=2),
        cell("三级指标", 0, 6, rows=2),
        cell("指标值", 0, 7, rows=2),
    ]
    second = [cell("项目总额", 1, 1), cell("其中：财政资金", 1, 2), cell("其他资金", 1, 3)]
    body = [
        [cell("甲项目", 2, 0, rows=2), cell("30", 2, 1, rows=2), cell("25", 2, 2, rows=2), cell("5", 2, 3, rows=2)]
        + [cell(t, 2, 4 + i) for i, t in enumerate(["产出指标", "数量指标", "培训人次", "≥50人次"])],
        [cell(t, 3, 4 + i) for i, t in enumerate(["满意度指标", "服务对象满意度指标", "满意度", "≥90%"])],
        [cell("乙项目", 4, 0, rows=2), cell("12", 4, 1, rows=2), cell("12", 4, 2, rows=2), cell("", 4, 3, rows=2)]
        + [cell(t, 4, 4 + i) for i, t in enumerate(["产出指标", "质量指标", "合格率", "≥80%"])],
        [cell(t, 5, 4 + i) for i, t in enumerate(["满意度指标", "服务对象满意度指标", "满意度", "≥90%"])],
    ]
    source = SourceDocument(
        name="t", format="docx", blocks=[Paragraph("项目支出绩效目标表"), Grid(rows=[header, second, *body])]
    )
    tables = interpret(source).document.tables
    assert [(t.project_name, t.funds.total, t.funds.fiscal, t.funds.other) for t in tables] == [
        ("甲项目", "30", "25", "5"),
        ("乙项目", "12", "12", None),
    ]
    assert [len(t.indicators) for t in tables] == [2, 2]
