"""A rule's ``applies_to`` only rules out rows the rule would find nothing on, and findings are sound values.

The engine never calls an indicator rule on a row whose kind (一级/二级指标 and :class:`Shape` bits) its
``applies_to`` rules out: these tests run every indicator rule on every row anyway, over the rule cases, the
seeds and the samples, and check that the rows ruled out get no finding. They also check what
:meth:`Rule.finding` and :func:`relocated` build (slots filled through a blank) is an ordinary, frozen,
picklable Finding.
"""

from __future__ import annotations

import dataclasses
import pickle
from importlib import resources
from pathlib import Path

import pytest

from jixiao.model import Document
from jixiao.parsing import parse_file
from jixiao.rules import Finding, Severity, load_profile, review
from jixiao.rules._facts import FactsCache, TableFacts
from jixiao.rules.base import TARGET_KINDS, Rule, Scope, registry, relocated
from tests.rules._rule_cases import load_cases

CASES = load_cases()
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
PROFILES = sorted({c.profile for c in CASES})


def _documents() -> list[Document]:
    docs = [c.document() for c in CASES]
    docs += [parse_file(path).document for path in sorted(SEEDS.glob("*.txt"))]
    samples = resources.files("jixiao") / "samples"
    docs += [parse_file(Path(str(p))).document for p in samples.iterdir() if p.name.endswith(".txt")]
    return docs


@pytest.mark.parametrize("profile", PROFILES)
def test_rows_a_rule_does_not_apply_to_get_no_finding_from_it(profile: str) -> None:
    prof = load_profile(profile)
    rules: list[Rule] = [cls(prof) for cls in registry() if cls.scope is Scope.INDICATOR and prof.enabled(cls.code)]
    cache = FactsCache(prof)
    ruled_out = 0
    for doc in _documents():
        for t_index, table in enumerate(doc.tables):
            if table.kind not in TARGET_KINDS:
                continue
            tbl = TableFacts(t_index, table, cache, document=doc)
            for ind in tbl.indicators:
                for rule in rules:
                    if table.kind in rule.table_kinds and not rule.applies_to(ind.level1, ind.level2, ind.shape):
                        ruled_out += 1
                        assert not rule.check_indicator(ind, tbl), (rule.code, ind.ind.name, ind.ind.value)
    assert ruled_out  # the kinds do rule rows out


def test_findings_are_frozen_picklable_and_compare_by_value() -> None:
    doc = next(c.document() for c in CASES if c.expect)
    findings = review(doc, profile=next(c.profile for c in CASES if c.expect))
    assert findings
    for found in findings:
        assert type(found) is Finding
        assert pickle.loads(pickle.dumps(found)) == found
        assert dataclasses.replace(found) == found and hash(dataclasses.replace(found)) == hash(found)
        with pytest.raises(dataclasses.FrozenInstanceError):
            found.message = "changed"  # type: ignore[misc]


def test_a_relocated_finding_is_a_finding_on_the_other_row() -> None:
    prof = load_profile("national-2020")
    doc = next(c.document() for c in CASES if c.profile == "national-2020")
    table = doc.tables[0]
    tbl = TableFacts(0, table, FactsCache(prof), document=doc)
    rule = next(cls for cls in registry() if cls.code == "R21")(prof)
    first, other = tbl.indicators[0], tbl.indicators[-1]
    template = rule.finding(tbl, "消息", "message", ind=first, field="description", severity=Severity.INFO)
    moved = relocated(template, tbl, other)
    assert type(moved) is Finding
    assert moved == dataclasses.replace(template, indicator=other.index, indicator_name=other.ind.name)
    assert moved.severity is Severity.INFO
    assert template.indicator == first.index and template.code == "R21"
