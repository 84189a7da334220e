"""Every rule's cases kept as data (``cases/RNN.toml``), run by one parametrized test (as sqlfluff does)."""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.rules import Finding, registry, review
from tests.rules._rule_cases import Case, load_cases

CASES = load_cases()


def _matches(finding: Finding, expected: dict[str, Any]) -> bool:
    wanted = {"table": 0, **expected}
    return all(getattr(finding, key) == value for key, value in wanted.items())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case) -> None:
    findings = review(case.document(), profile=case.profile, select=[case.rule])
    shown = [f"{f.severity} t{f.table} i{f.indicator} {f.field}: {f.message}" for f in findings]
    assert len(findings) == len(case.expect), shown
    unmatched = list(findings)
    for expected in case.expect:
        hit = next((f for f in unmatched if _matches(f, expected)), None)
        assert hit is not None, f"expected {expected}, got {shown}"
        unmatched.remove(hit)
    assert all(f.code == case.rule for f in findings)


@pytest.mark.parametrize("rule", registry(), ids=lambda r: r.code)
def test_every_rule_has_a_failing_and_a_passing_case(rule: type) -> None:
    names = [c.name for c in CASES if c.rule == rule.code]
    assert any(n.startswith("fail_") for n in names), f"{rule.code} has no fail_ case"
    assert any(n.startswith("pass_") for n in names), f"{rule.code} has no pass_ case"
    fails = [c for c in CASES if c.rule == rule.code and c.name.startswith("fail_")]
    assert all(c.expect for c in fails), "a fail_ case must expect at least one finding"
    passes = [c for c in CASES if c.rule == rule.code and c.name.startswith("pass_")]
    assert all(not c.expect for c in passes), "a pass_ case expects no finding"
