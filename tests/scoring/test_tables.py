"""Whole tables: totals, grades, the 自评预警, and only self-evaluation tables scored."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Document, Source, TargetTable
from jixiao.scoring import grade_label, load_scoring_profile, score_document
from tests.scoring._data import gold_010


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
