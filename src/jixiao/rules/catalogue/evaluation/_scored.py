"""The base of the self-evaluation rules: they read self-evaluation tables only, and share one scoring of
each table (:func:`jixiao.scoring.score_table`), computed once per table per review."""

from __future__ import annotations

from operator import itemgetter
from typing import ClassVar

from jixiao.model import Indicator
from jixiao.rules._facts import IndicatorFacts, TableFacts
from jixiao.rules.base import SELF_EVALUATION_KINDS, Rule, Scope
from jixiao.rules.profiles import Profile
from jixiao.scoring import ScoringProfile, TableScore, load_scoring_profile, score_table

__all__ = ["EvaluationRule"]

# The last table scored: (its TableFacts, the scoring profile, the result). TableFacts are made afresh by every
# review, and the rules of one table run one after the other, so one slot serves them all and never goes
# stale (the slot holds the TableFacts, so its identity cannot be reused while it is there).
_LAST: list[TableFacts | ScoringProfile | TableScore | None] = [None, None, None]


class _Row(tuple[int, Indicator]):
    """Where a finding sits: the row's index and the row (what :meth:`Rule.finding` reads of a row's facts).

    The self-evaluation rules read the rows themselves, so the engine builds no IndicatorFacts for these
    tables (``reads_indicator_facts = False``): this stands in for them. A pair made in C (no ``__init__``
    frame: one is made per finding on a row)."""

    __slots__ = ()

    index = property(itemgetter(0))
    ind = property(itemgetter(1))


_new_row = tuple.__new__


class EvaluationRule(Rule):
    """A rule over a self-evaluation table and its scoring (no ``code``: not registered itself)."""

    scope: ClassVar[Scope] = Scope.TABLE
    table_kinds: ClassVar[frozenset[str]] = SELF_EVALUATION_KINDS
    reads_indicator_facts: ClassVar[bool] = False

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self.scoring = load_scoring_profile(profile.scoring_profile)

    def scored(self, tbl: TableFacts) -> TableScore:
        """The table scored under the profile's scoring profile (shared by every rule of the review)."""
        last = _LAST  # read fourteen times per table: one list, no tuple to unpack
        if last[0] is tbl and last[1] is self.scoring:
            return last[2]  # type: ignore[return-value]
        result = score_table(tbl.index, tbl.table, self.scoring)
        last[:] = (tbl, self.scoring, result)
        return result

    @staticmethod
    def row(tbl: TableFacts, index: int) -> IndicatorFacts:
        """The place of row ``index`` for :meth:`Rule.finding` (``ind=``)."""
        return _new_row(_Row, (index, tbl.table.indicators[index]))  # type: ignore[return-value]  # (cast: a call)
