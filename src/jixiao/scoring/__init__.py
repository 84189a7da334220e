"""Scoring self-evaluation tables (绩效自评): every row and the total recomputed from target, actual, points
and direction under a profile, and compared with what the table prints.

>>> from jixiao.scoring import score_document
>>> for table in score_document(document, "national"):                    # doctest: +SKIP
...     for row in table.rows:
...         print(row.name, row.printed, row.computed, row.explain()[0])

Framework-free: pure functions over :mod:`jixiao.model`, Decimal arithmetic. Profiles are TOML data
(``profiles/national.toml`` and regional variants; a user's file with ``extends``). Every computed figure
explains itself, in Chinese and English (``explain()``).
"""

from __future__ import annotations

from jixiao.scoring.execution import ExecutionScore, line_rate, score_execution
from jixiao.scoring.profiles import (
    DEFAULT_SCORING_PROFILE,
    ScoringProfile,
    builtin_scoring_profiles,
    load_scoring_profile,
)
from jixiao.scoring.rows import RowScore, direction_of, score_row, wording_band
from jixiao.scoring.tables import TableScore, grade_label, score_document, score_table

__all__ = [
    "DEFAULT_SCORING_PROFILE",
    "ExecutionScore",
    "RowScore",
    "ScoringProfile",
    "TableScore",
    "builtin_scoring_profiles",
    "direction_of",
    "grade_label",
    "line_rate",
    "load_scoring_profile",
    "score_document",
    "score_execution",
    "score_row",
    "score_table",
    "wording_band",
]
