"""Whole tables: totals, grades, the 自评预警, and only self-evaluation tables scored."""

from __future__ import annotations

import gc
from decimal import Decimal

import pytest

from jixiao.model import Document, Source, TargetTable
from jixiao.scoring import TableScore, grade_label, load_scoring_profile, score_document, score_table
from tests.scoring._data import gold_010, row


def test_gold_010_totals_add_up_as_printed_and_are_recomputed() -> None:
    tables = score_document(gold_010())
    assert [t.printed_total for t in tables] == [Decimal(98), Decimal("94.7"), Decimal(98), Decimal("90.5")]
    assert [t.printed_sum for t in tables] == [t.printed_total for t in tables]
    assert not any(t.total_differs for t in tables)
    assert tables[3].computed_total == Decimal("93.08")  # 设备完好率, 稳定运行, 满意率 recomputed
    assert tables[2].computed_total == Decimal(99)  # the complaint row at full points
    assert all(t.computed_grade == "优" for t in tables)


def test_warning_signal_is_red_where_indicators_outrun_the_spending() -> None:
    tables = score_document(gold_010())
    assert [t.red for t in tables] == [False, True, False, True]
    assert tables[3].warning_ratio is not None and round(tables[3].warning_ratio, 4) == Decimal("0.3266")
    assert tables[3].yellow and tables[0].yellow is None
    zh, en = tables[3].explain_warning()
    assert "84.2 ÷ 90 − 6.3 ÷ 10" in zh and "above 5%" in en


def test_grades_follow_the_profile_bands() -> None:
    national, lower = load_scoring_profile("national"), load_scoring_profile("grades-80")
    assert [national.grade(Decimal(v)) for v in ("90", "89.99", "80", "60", "59.9")] == ["优", "良", "良", "中", "差"]
    assert lower.grade(Decimal(85)) == "优" and lower.grade(Decimal(65)) == "中"


def test_grade_label_reads_the_printed_grade() -> None:
    national = load_scoring_profile("national")
    assert grade_label("优（S≧90）", national) == "优"
    assert grade_label("良（80≦S＜90）", national) == "良"
    assert grade_label("一等", national) is None


def test_target_tables_are_not_scored() -> None:
    doc = Document(source=Source(name="x.json", format="text"), tables=[TargetTable(kind="project_target")])
    assert score_document(doc) == []


def test_to_dict_carries_figures_as_strings_and_both_explanations() -> None:
    data = score_document(gold_010())[3].to_dict()
    row = next(r for r in data["rows"] if r["name"] == "设备完好率")
    assert (row["printed"], row["computed"], row["differs"]) == ("7.1", "8.85", True)
    assert "85 ÷ 96" in row["explanation"] and "85 ÷ 96" in row["explanation_en"]
    assert data["execution"]["computed"] == "6.3" and data["computed_total"] == "93.08"


def test_scores_are_memoised_by_content_and_a_changed_table_is_rescored() -> None:
    doc = gold_010()
    first = score_document(doc)[3]
    assert score_document(doc)[3] is first  # the same content: the same result
    doc.tables[3].indicators[3].score = "8.85"
    again = score_document(doc)[3]
    assert again is not first
    assert again.rows[3].printed == Decimal("8.85") and not again.rows[3].differs
    assert again.printed_sum == first.printed_sum + Decimal("1.75")


def test_a_changed_fund_line_is_rescored_too() -> None:
    doc = gold_010()
    first = score_document(doc)[0]
    assert first.execution is not None and first.execution.computed == Decimal(10)
    doc.tables[0].execution[0].executed = "90.015"  # half of 180.03 spent
    again = score_document(doc)[0]
    assert again is not first and again.execution is not None
    assert again.execution.rate == Decimal(50) and again.execution.computed == Decimal(5)


def test_scoring_many_distinct_tables_keeps_few_results_alive() -> None:
    """The memo stays small: results held across hundreds of tables are what the cyclic GC promotes and
    rescans in full collections."""
    for serial in range(40):
        doc = gold_010()
        for table in doc.tables:
            table.title = f"{table.title}（第{serial}份）"
        score_document(doc)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, TableScore) and o.title and o.title.endswith("份）")]
    assert 0 < len(alive) <= 16


def _department(execution_points: str | None) -> Document:
    """A 部门整体支出绩效自评表: one task, its 金额合计 line, two indicators (as the writers' fixture prints it)."""
    return Document.from_dict(
        {
            "source": {"name": "department.json", "format": "text"},
            "tables": [
                {
                    "kind": "self_evaluation",
                    "subject": "department",
                    "tasks": [
                        {
                            "name": "学前教育",
                            "budget": {"total": "1292.55"},
                            "executed": {"total": "1263.33"},
                            "max_score": "10",
                            "rate": "97.74",
                            "score": "9.77",
                        }
                    ],
                    "execution": [
                        {
                            "label": "金额合计",
                            "adjusted_budget": "1292.55",
                            "executed": "1263.33",
                            "rate": "97.74",
                            "max_score": execution_points,
                            "score": "9.77" if execution_points else None,
                        }
                    ],
                    "indicators": [
                        {"name": "在园幼儿数", "op": ">=", "number": "1200", "unit": "人", "actual": "1260人",
                         "actual_number": "1260", "max_score": "10", "score": "10"},
                        {"name": "新增学位数", "op": ">=", "number": "100", "unit": "个", "actual": "80个",
                         "actual_number": "80", "max_score": "10", "score": "8", "deviation": "改扩建延期"},
                    ],
                    "total_max_score": "30",
                    "total_score": "27.77",
                    "grade": "差",
                }
            ],
        }
    )  # fmt: skip


def test_department_tasks_are_counted_once_in_the_total() -> None:
    with_line = score_document(_department("10"))[0]  # the 金额合计 line carries the tasks' points and score
    without_line = score_document(_department(None))[0]  # only the task grid prints them
    for scored in (with_line, without_line):
        assert scored.printed_sum == Decimal("27.77") and not scored.total_differs
        assert scored.total_points == Decimal(30)
    assert with_line.task_printed == Decimal("9.77")


def test_grades_are_shares_of_the_printed_full_marks() -> None:
    scored = score_document(_department("10"))[0]  # 27.77 of 30
    assert scored.grade_of_printed_total == "优" and scored.computed_grade == "优"


def test_an_execution_block_without_points_is_not_added_to_the_total() -> None:
    doc = gold_010()
    for line in doc.tables[0].execution:
        line.max_score = line.score = None
    doc.tables[0].total_max_score, doc.tables[0].total_score = "90", "88"
    scored = score_document(doc)[0]
    assert scored.printed_sum == Decimal(88) and scored.total_points == Decimal(90)
    assert scored.computed_total == Decimal(88) and scored.execution is not None
    assert scored.execution.computed == Decimal(10)  # computed and explained all the same


def test_an_unscored_form_has_no_computed_total_or_grade() -> None:
    doc = gold_010()
    table = doc.tables[0]
    for ind in table.indicators:
        ind.max_score = ind.score = ind.actual = ""
    for line in table.execution:
        line.max_score = line.score = None
    table.total_max_score = table.total_score = None
    scored = score_document(doc)[0]
    assert scored.computed_total is None and scored.computed_grade is None and scored.printed_sum is None


def test_the_memo_tells_apart_tables_that_differ_only_in_a_line_figure() -> None:
    """Every figure scoring reads of a fund line is part of the memo key: a table that differs from one scored
    just before only in its 结余 (or 年中调整, 结余率) gets its own figures, not the other's."""
    profile = load_scoring_profile("national")

    def table(balance: str) -> TargetTable:
        return TargetTable.model_validate(
            {
                "kind": "self_evaluation",
                "execution": [
                    {"label": "年度资金总额", "adjusted_budget": "100", "executed": "90", "balance": balance},
                ],
            }
        )

    first, second = score_table(0, table("10"), profile), score_table(0, table("12"), profile)
    assert (first.lines[0].balance, second.lines[0].balance) == (Decimal(10), Decimal(12))


@pytest.mark.parametrize(
    ("scores", "points"),
    [
        (["7.5", "8", "9.25"], ["10", "10", "10"]),  # every row priced: the sums are shared with the totals
        (["0.0", "8", "9.25"], ["10", "10", "10"]),  # a sum at 0 restarts from ZERO: made apart
        (["7.5", "8", "9.25"], ["10", "0.0", "10"]),  # 0 points: made apart
        (["7.5", None, "9.25"], ["10", "10", "10"]),  # a row without a score
        (["7.5", "8", "9.25"], ["10", "", "10"]),  # a row without points
    ],
)
def test_indicator_sums_are_the_priced_rows_added_in_order(scores: list[str | None], points: list[str]) -> None:
    rows = [row("≥10", "9", p, s, name=f"r{i}") for i, (s, p) in enumerate(zip(scores, points, strict=True))]
    table = TargetTable(kind="self_evaluation", indicators=rows)
    scored = score_table(0, table, load_scoring_profile("national"))
    expected_points = expected_printed = Decimal(0)
    for s, p in zip(scores, points, strict=True):
        if s is not None and p:
            expected_points += Decimal(p)
            expected_printed += Decimal(s)
    # str(): the same figures, down to their exponent (7.50 and 7.5 are equal but print apart)
    assert str(scored.indicator_points) == str(expected_points)
    assert str(scored.indicator_printed) == str(expected_printed)
