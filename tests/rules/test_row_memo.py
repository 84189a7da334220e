"""The engine's per-row-text memo (``Rule.row_local``) never changes a finding.

Row-local rules run once per distinct row text and their findings are re-placed on identical rows. These
tests compare every review with one that runs every check on every row (``row_memo=False``), on the rule
cases, on all their tables in one document (identical rows in other tables, at other positions, under
other budgets and years), and on the seed files, twice (the second pass reads the memo).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.model import Document
from jixiao.parsing import parse_file
from jixiao.rules import load_profile, registry, select_rules
from jixiao.rules._engine import _Plan, _run
from jixiao.rules.base import Rule, Scope
from tests.rules._rule_cases import _table, document, load_cases

CASES = load_cases()
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
PROFILES = sorted({c.profile for c in CASES})


def _dicts(plan: _Plan, doc: Document) -> list[dict[str, object]]:
    return [f.to_dict() for f in _run(doc, plan)]


def _assert_same(profile: str, docs: list[Document]) -> None:
    prof = load_profile(profile)
    memo = _Plan(prof, select_rules(), row_memo=True)
    plain = _Plan(prof, select_rules(), row_memo=False)
    expected = [_dicts(plain, doc) for doc in docs]
    for _ in range(2):  # cold memo, then warm
        assert [_dicts(memo, doc) for doc in docs] == expected
    assert memo.rows  # the memo was used


@pytest.mark.parametrize("profile", PROFILES)
def test_memo_changes_nothing_on_the_rule_cases(profile: str) -> None:
    cases = [c for c in CASES if c.profile == profile]
    _assert_same(profile, [c.document() for c in cases])


@pytest.mark.parametrize("profile", PROFILES)
def test_memo_changes_nothing_when_rows_repeat_across_tables(profile: str) -> None:
    tables = [_table(c.spec) for c in CASES]
    for number, table in enumerate(tables):
        table["seq"] = number + 1
    _assert_same(profile, [document(*tables), document(*reversed(tables))])


def test_memo_changes_nothing_on_the_seeds() -> None:
    docs = [parse_file(path).document for path in sorted(SEEDS.glob("*.txt"))]
    assert docs
    for profile in PROFILES:
        _assert_same(profile, docs)


def test_only_indicator_rules_are_row_local() -> None:
    for rule in registry():
        if rule.row_local:
            assert rule.scope is Scope.INDICATOR, rule.code
    assert not Rule.row_local  # off unless a rule says so


def test_row_key_names_the_row_text() -> None:
    from jixiao.rules._facts import TableFacts

    cache = _Plan(load_profile("national-2020"), select_rules()).cache
    doc = document(_table({}), _table({"rows": {"0": {"nature": "≥"}}, "table": {"seq": 2}}))
    first, second = (TableFacts(i, t, cache) for i, t in enumerate(doc.tables))
    assert first.indicators[1].row_key == second.indicators[1].row_key  # same text, another table
    assert first.indicators[0].row_key != second.indicators[0].row_key  # 指标性质 differs
    assert first.indicators[0].row_key != first.indicators[1].row_key  # another text


def test_a_memo_that_rarely_hits_pauses_then_looks_again_and_changes_nothing() -> None:
    """Rows that are all new (every name worded anew) pause the memo; after the pause it is used again."""
    prof = load_profile(PROFILES[0])
    memo = _Plan(prof, select_rules(), row_memo=True)
    plain = _Plan(prof, select_rules(), row_memo=False)
    base = [c.document() for c in CASES if c.profile == PROFILES[0]]
    docs, number = [], 0
    for _ in range(3):  # the rule cases again and again, every indicator name new
        for doc in base:
            copy = doc.model_copy(deep=True)
            for table in copy.tables:
                for ind in table.indicators:
                    number += 1
                    ind.name = f"第{number}号{ind.name or ''}"
            docs.append(copy)
    kind_plan = memo.for_kind("project_target")
    kind_plan.MEMO_WINDOW, kind_plan.MEMO_PAUSE = 16, 64  # small, so that a few documents show both turns
    states = []
    for doc in docs:
        assert _dicts(memo, doc) == _dicts(plain, doc)
        states.append(kind_plan.memo_active)
    assert False in states, "the memo never paused on rows that are all new"
    paused = states.index(False)
    assert True in states[paused:], "the memo never looked again after its pause"
