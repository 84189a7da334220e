"""The facts the rules read are the same however they are reached.

``TableFacts.weighted`` is read from the rows' shape bits when the table's row facts are built and from the rows
themselves when they are not (self-evaluation tables); both must say whether any row carries a weight.
"""

from __future__ import annotations

import pytest

from jixiao.rules import load_profile
from jixiao.rules._facts import FactsCache, Shape, TableFacts
from tests.rules._rule_cases import _table, document


@pytest.mark.parametrize("weights", [(None, None), ("10", None), (None, "5"), ("", "  "), ("0", None)])
def test_weighted_is_the_same_with_and_without_row_facts(weights: tuple[str | None, str | None]) -> None:
    doc = document(_table({}))
    table = doc.tables[0]
    for ind in table.indicators:
        ind.weight = ind.weight_this_year = None
    table.indicators[-1].weight, table.indicators[-1].weight_this_year = weights
    cache = FactsCache(load_profile("national-2020"))
    with_facts = TableFacts(0, table, cache)
    without = TableFacts(0, table, cache, indicators=False)
    expected = any(weights)
    assert with_facts.weighted is expected
    assert without.weighted is expected
    assert bool(with_facts.indicators[-1].shape & Shape.WEIGHT) is expected
