"""The self-evaluation rules on the gold 010 tables, and the split between target and self-evaluation rules:
neither kind of rule fires on the other kind of table."""

from __future__ import annotations

from pathlib import Path

from jixiao.parsing import parse_file
from jixiao.rules import registry, review
from jixiao.rules.base import SELF_EVALUATION_KINDS, TARGET_KINDS
from tests.rules._rule_cases import clean_table, document
from tests.rules._selfeval_table import clean_self_evaluation
from tests.scoring._data import gold_010

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SELF_EVALUATION_CODES = {r.code for r in registry() if r.table_kinds == SELF_EVALUATION_KINDS}


def test_self_evaluation_rules_form_their_group() -> None:
    assert {"R36", "R37", "R38", "R39", "R40", *(f"R{n}" for n in range(45, 54))} == SELF_EVALUATION_CODES
    assert all("selfeval" in r.groups for r in registry() if r.code in SELF_EVALUATION_CODES)
    assert all(r.table_kinds == TARGET_KINDS for r in registry() if r.code not in SELF_EVALUATION_CODES)


def test_clean_self_evaluation_table_yields_no_finding_under_any_profile() -> None:
    for profile in ("national-2020", "central-2021"):
        findings = review(document(clean_self_evaluation()), profile=profile)
        assert findings == [], [f"{f.code} {f.path}: {f.message}" for f in findings]


def test_target_rules_do_not_fire_on_self_evaluation_tables() -> None:
    codes = {f.code for f in review(gold_010())}
    assert codes and codes <= SELF_EVALUATION_CODES


def test_self_evaluation_rules_do_not_fire_on_target_tables() -> None:
    docs = [parse_file(path).document for path in sorted(SEEDS.glob("*.txt"))]
    assert docs
    for doc in [*docs, document(clean_table())]:
        assert not {f.code for f in review(doc)} & SELF_EVALUATION_CODES


def test_gold_010_sub_row_rates_printed_zero_are_reported() -> None:
    found = [(f.table, f.field) for f in review(gold_010(), select=["R37"])]
    assert found == [
        (0, "execution[1].rate"),
        (0, "execution[2].rate"),
        (1, "execution[1].rate"),
        (1, "execution[2].rate"),
        (2, "execution[1].rate"),
        (3, "execution[1].rate"),
        (3, "execution[2].rate"),
    ]


def test_gold_010_complaint_bound_met_yet_nine_of_ten_is_reported() -> None:
    (finding,) = review(gold_010(), select=["R47"])
    assert finding.table == 2 and finding.indicator_name == "来访群众针对接待环境的投诉次数"
    assert "≤4次" in finding.message and "9" in finding.message and "met" in finding.message_en


def test_gold_010_totals_grades_and_sub_rows_hold() -> None:
    assert review(gold_010(), select=["R38", "R45", "R49", "R50", "R36"]) == []


def test_gold_010_differences_from_the_formula_are_info() -> None:
    found = {(f.indicator_name, f.severity.value) for f in review(gold_010(), select=["R39"])}
    assert ("设备完好率", "info") in found and ("使用部门满意率", "info") in found
    assert ("微信发稿量（篇）", "info") in found


def test_scoring_profile_of_the_rule_profile_is_used(tmp_path: Path) -> None:
    profile = tmp_path / "strict.toml"
    profile.write_text('extends = "national-2020"\nname = "strict"\n[scoring]\nprofile = "ningde"\n', encoding="utf-8")
    table = clean_self_evaluation()
    table["execution"][0].update(executed="171.03", rate="95.00", score="9.5")
    table["total_score"] = "98.37"
    national = review(document(table), select=["R39"])
    ningde = review(document(table), profile=profile, select=["R39"])
    assert national == [] and [f.field for f in ningde] == ["execution[0].score"]


def test_scoring_profile_file_is_found_beside_the_rule_profile(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        'extends = "national"\nname = "mine"\n[execution]\nfull_at = 95\n', encoding="utf-8"
    )
    profile = tmp_path / "rules.toml"
    profile.write_text('extends = "national-2020"\n[scoring]\nprofile = "mine.toml"\n', encoding="utf-8")
    table = clean_self_evaluation()
    table["execution"][0].update(executed="171.03", rate="95.00", score="9.5")
    table["total_score"] = "98.37"
    (finding,) = review(document(table), profile=profile, select=["R39"])
    assert "mine" in finding.message and finding.field == "execution[0].score"
