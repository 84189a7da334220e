"""The clean table satisfies every rule: no finding of any severity."""

from __future__ import annotations

from jixiao.rules import review
from tests.rules._rule_cases import clean_table, document


def test_clean_table_yields_no_finding_of_any_severity() -> None:
    findings = review(document(clean_table()))
    assert findings == [], [f"{f.code} {f.severity} {f.path}: {f.message}" for f in findings]


def test_clean_table_twice_with_different_projects_is_still_clean_when_targets_differ() -> None:
    other = clean_table()
    other.update(project_name="2024年医保政策宣传经费", annual_goals=["完成10场医保政策宣讲，医保政策知晓率≥95%。"])
    other["indicators"] = [dict(row) for row in other["indicators"]]
    other["indicators"][0].update(name="政策宣讲场次", value="≥10场", op=">=", number="10", unit="场")
    other["indicators"][4].update(name="单场宣讲成本", value="≤30000元/场", op="<=", number="30000", unit="元/场")
    other["indicators"][5].update(name="医保政策知晓率")
    assert review(document(clean_table(), other)) == []
