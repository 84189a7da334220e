"""A 绩效运行监控表 is read by its labels: the title gives ``kind: "monitoring"``, the indicator columns give
progress, forecast, on_track, deviation and measures, the execution header fills ``execution``, whatever
month the table is dated (1-7月, 1—6月, 1至9月) and whichever of the published wordings it uses."""

from __future__ import annotations

import pytest

from jixiao.interpret import labels
from jixiao.interpret.segment import read_title
from jixiao.model import TargetTable
from jixiao.parsing import parse_bytes

NOT_READ = "printed but not read"

TABLE = """{title}
项目名称\t医保经办能力提升
主管部门\t某县医疗保障局\t实施单位\t某县医疗保障事务中心
项目资金（万元）\t\t年初预算数\t{budget}\t{executed}\t{rate}
\t年度资金总额\t30.00\t28.00\t16.24\t58.00%
\t其中：财政拨款\t30.00\t28.00\t16.24\t58.00%
年度总体目标\t提升医保经办能力，群众办事更便捷。
一级指标\t二级指标\t三级指标\t年度指标值\t{progress}\t{forecast}\t{on_track}\t{deviation}\t{measures}
产出指标\t数量指标\t培训人次\t≥50人次\t32人次\t55人次\t确定能\t\t
效益指标\t社会效益指标\t政策知晓率\t≥95%\t88%\t≥95%\t有可能\t宣传覆盖面不足\t下半年进社区宣讲
满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t91%\t≥90%\t确定能\t\t
"""
CENTRAL = {
    "title": "医保经办能力提升项目支出绩效目标执行监控表",
    "budget": "调整后预算数",
    "executed": "1-7月执行数",
    "rate": "执行率",
    "progress": "1-7月执行情况",
    "forecast": "全年预计完成情况",
    "on_track": "完成目标可能性",
    "deviation": "偏差原因分析",
    "measures": "纠偏措施",
}


def _read(**wording: str) -> tuple[TargetTable, list[str]]:
    reading = parse_bytes(TABLE.format(**{**CENTRAL, **wording}).encode("utf-8"), "monitoring.txt")
    assert len(reading.document.tables) == 1, reading.warnings
    return reading.document.tables[0], [w for w in reading.warnings if NOT_READ in w]


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("1-7月执行情况", "1-N月执行情况"),
        ("1—6月完成情况", "1-N月完成情况"),
        ("1至9月执行数", "1-N月执行数"),
        ("1 - 8 月份执行数", "1-N月执行数"),
        ("6月底", "6月底"),  # a spending-plan point, not a period heading a label
        ("1-6月", "1-6月"),
    ],
)
def test_a_monitoring_period_opening_a_label_is_one_key(printed: str, key: str) -> None:
    assert labels.label_key(printed) == key


@pytest.mark.parametrize(
    "title",
    ["项目支出绩效目标执行监控表", "医保经办能力提升绩效运行监控表（1-7月）", "2024年度项目绩效运行监控表"],
)
def test_a_title_ending_in_jiankongbiao_is_a_monitoring_table(title: str) -> None:
    read = read_title(title)
    assert read is not None and read.kind == "monitoring"


def test_the_central_monitoring_form_is_read_whole() -> None:
    table, unread = _read()
    assert (table.kind, table.subject, table.title) == ("monitoring", "project", CENTRAL["title"])
    assert (table.department, table.implementing_unit, table.money_unit) == (
        "某县医疗保障局",
        "某县医疗保障事务中心",
        "万元",
    )
    assert [(e.label, e.initial_budget, e.adjusted_budget, e.executed, e.rate) for e in table.execution] == [
        ("年度资金总额", "30.00", "28.00", "16.24", "58.00"),
        ("其中：财政拨款", "30.00", "28.00", "16.24", "58.00"),
    ]
    knowledge = table.indicators[1]
    assert (knowledge.name, knowledge.value, knowledge.op, knowledge.number) == ("政策知晓率", "≥95%", ">=", "95")
    assert (knowledge.progress, knowledge.forecast, knowledge.on_track) == ("88%", "≥95%", "有可能")
    assert (knowledge.deviation, knowledge.measures) == ("宣传覆盖面不足", "下半年进社区宣讲")
    assert [i.on_track for i in table.indicators] == ["确定能", "有可能", "确定能"]
    assert unread == []


@pytest.mark.parametrize(
    "wording",
    [
        {"progress": "当前完成值", "forecast": "全年预计完成值", "on_track": "完成可能性"},
        {"progress": "1—6月完成情况", "deviation": "偏差原因", "measures": "改进措施"},
        {"progress": "1至9月执行情况", "deviation": "原因分析", "measures": "纠偏整改措施"},
        {"budget": "全年预算数", "executed": "执行数", "rate": "预算执行率"},
        {"executed": "1—6月执行数", "on_track": "完成目标可能性分析", "forecast": "预计全年完成情况"},
    ],
)
def test_published_wordings_of_the_columns_read_alike(wording: dict[str, str]) -> None:
    table, unread = _read(**wording)
    knowledge = table.indicators[1]
    assert (knowledge.progress, knowledge.forecast, knowledge.on_track) == ("88%", "≥95%", "有可能")
    assert (knowledge.deviation, knowledge.measures) == ("宣传覆盖面不足", "下半年进社区宣讲")
    assert [e.executed for e in table.execution] == ["16.24", "16.24"]
    assert table.execution[0].adjusted_budget == "28.00"
    assert unread == []


def test_its_columns_make_a_table_without_a_title_a_monitoring_table() -> None:
    table, _ = _read(title="")
    assert table.kind == "monitoring"
    assert table.indicators[0].progress == "32人次"


def test_a_target_table_stays_a_target_table() -> None:
    text = (
        "1.医保经办能力提升项目绩效目标表\n项目名称\t医保经办能力提升\t主管部门\t某县医疗保障局\n"
        "项目总额\t30.00\t其中：财政资金\t30.00\n年度目标\t提升医保经办能力。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥50人次\n"
        "效益指标\t社会效益指标\t政策知晓率\t≥95%\n满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\n"
    )
    table = parse_bytes(text.encode("utf-8"), "target.txt").document.tables[0]
    assert table.kind == "project_target"
    assert (table.indicators[0].progress, table.indicators[0].measures) == (None, None)
