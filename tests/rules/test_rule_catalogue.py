"""The catalogue itself: metadata, docstrings, generated docs, selection, findings as records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.model import FindingRecord
from jixiao.rules import Finding, Scope, Severity, catalogue_markdown, registry, review, select_rules
from tests.rules._rule_cases import clean_table, document

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
RULES = registry()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata_is_complete(rule: type) -> None:
    assert re.fullmatch(r"R\d\d", rule.code)
    assert re.fullmatch(r"[a-z]+\.[a-z0-9_]+", rule.name), rule.name
    assert isinstance(rule.severity, Severity)
    assert isinstance(rule.scope, Scope)
    assert "all" in rule.groups
    assert rule.source.strip()
    assert type(rule).__name__ != "Rule" and rule.__name__ == f"Rule_{rule.code}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_has_summary_anti_pattern_then_best_practice(rule: type) -> None:
    doc = rule.doc()
    assert rule.summary().endswith(".") or rule.summary().endswith(")"), rule.summary()
    anti, best = doc.find("**Anti-pattern**"), doc.find("**Best practice**")
    assert anti > 0, "docstring lacks **Anti-pattern**"
    assert best > anti, "**Best practice** must follow **Anti-pattern**"


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_catalogue_covers_r01_to_r32_and_the_user_rules() -> None:
    codes = {r.code for r in RULES}
    assert {f"R{n:02d}" for n in range(1, 33)} <= codes
    assert {"R41", "R42", "R43", "R44"} <= codes


def test_docs_rules_md_is_not_stale() -> None:
    assert DOCS.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/rules.md is stale: run `jixiao rules --markdown > docs/rules.md`"
    )


def test_docs_list_every_rule_with_its_source() -> None:
    text = catalogue_markdown()
    for rule in RULES:
        assert f"## {rule.code}" in text
        assert rule.source in text


def test_select_by_code_name_and_group() -> None:
    assert [r.code for r in select_rules(["R06"])] == ["R06"]
    assert [r.code for r in select_rules(["hierarchy.rate_under_quantity"])] == ["R06"]
    weights = {r.code for r in select_rules(["completeness"])}
    assert {"R01", "R13", "R25"} <= weights and "R06" not in weights


def test_exclude_wins_over_select() -> None:
    chosen = {r.code for r in select_rules(["completeness"], exclude=["R25"])}
    assert "R25" not in chosen and "R01" in chosen


def test_unknown_selector_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        select_rules(["R99"])


def test_review_with_exclude_drops_the_rule() -> None:
    table = clean_table()
    table["indicators"][1]["description"] = table["indicators"][1]["name"]
    assert [f.code for f in review(document(table))] == ["R21"]
    assert review(document(table), exclude=["R21"]) == []


def test_finding_to_record_carries_location_and_both_messages() -> None:
    table = clean_table()
    table["indicators"][1]["description"] = table["indicators"][1]["name"]
    (finding,) = review(document(table))
    record = finding.to_record()
    assert isinstance(record, FindingRecord)
    assert (record.code, record.severity, record.table, record.indicator, record.field) == (
        "R21",
        "warning",
        0,
        1,
        "description",
    )
    assert record.message == finding.message and record.message_en == finding.message_en
    assert finding.path == "tables[0].indicators[1].description"
    assert finding.indicator_name == "定点医药机构检查覆盖率" and finding.table_seq == 1


def test_finding_is_immutable() -> None:
    table = clean_table()
    table["indicators"][1]["description"] = table["indicators"][1]["name"]
    (finding,) = review(document(table))
    with pytest.raises(AttributeError):
        finding.code = "R99"  # type: ignore[misc]
    assert isinstance(finding, Finding)


def test_findings_are_ordered_by_table_then_row() -> None:
    first, second = clean_table(), clean_table()
    second["seq"] = 2
    second["project_name"] = "其他项目"
    first["indicators"][5]["value"] = "有效提高"
    second["indicators"][0]["description"] = second["indicators"][0]["name"]
    found = review(document(first, second), exclude=["R14", "R44", "R24"])
    assert [(f.table, f.indicator, f.code) for f in found] == [(0, 5, "R15"), (1, 0, "R21")]


def test_select_accepts_a_single_code_as_a_string() -> None:
    table = clean_table()
    table["indicators"][1]["description"] = table["indicators"][1]["name"]
    assert [f.code for f in review(document(table), select="R21")] == ["R21"]
    assert review(document(table), select="R06") == []


def test_suggested_grade_follows_the_section_9_1_mapping() -> None:
    from jixiao.rules import suggested_grade

    def findings(errors: int, warnings: int, code: str = "R13") -> list[Finding]:
        return [
            Finding(code=code, name="x.y", severity=Severity.ERROR, message="m", message_en="m") for _ in range(errors)
        ] + [Finding(code="R21", name="x.y", severity=Severity.WARNING, message="m", message_en="m")] * warnings

    assert suggested_grade(findings(0, 2)) == "优"
    assert suggested_grade(findings(0, 3)) == "良"
    assert suggested_grade(findings(0, 6)) == "中"
    assert suggested_grade(findings(2, 0)) == "中"
    assert suggested_grade(findings(3, 0)) == "差"
    assert suggested_grade(findings(1, 0, code="R03")) == "差"
