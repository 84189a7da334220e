"""Field-level precision, recall and F1 of a reading against a gold reading.

Both documents are flattened to leaf paths such as ``tables[0].indicators[3].value``; tables, indicators
and other lists are matched by position. Only the version-1 fields count: ``source``, ``schema`` and
the project's additions (``source_ref``, ``parts``, ``deadline``, ``findings``) are ignored, a field
empty on both sides (``None``, ``""``, ``[]``) is not counted, and the gold's ``_ambiguous`` paths are
skipped. The parsed value fields (``op``, ``number``, ``unit``) are scored apart, as *parse*; the
self-evaluation and monitoring fields (``spec/self-evaluation.md``: execution lines, actuals, points and
scores, grade …) as *evaluation*; every other field is *structure*.

Values are compared as text folded by NFKC, so a full-width ``，`` or ``（`` that a text layer maps to
ASCII is the same character, and a year read as the number 2024 equals a gold ``"2024"``. Spacing between a
Han character and a Latin letter or digit is folded too (``2026 年`` equals ``2026年``): in Chinese typesetting
that gap is set by the typesetter (Word's and LibreOffice's autospace, justification), and whether an
extractor prints it as a space depends on the tool's word-space rule, not on what the document says
(W3C's *Requirements for Chinese Text Layout*, mixed text composition).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from unicodedata import normalize

__all__ = ["Comparison", "Mismatch", "Score", "compare", "flatten"]

IGNORED_KEYS = frozenset({"schema", "source", "source_ref", "parts", "deadline", "findings"})
PARSE_FIELDS = frozenset({"op", "number", "unit"})
# A leaf is scored as evaluation when any key on its path is one of these.
EVALUATION_FIELDS = frozenset(
    {
        "execution", "execution_note", "fund_management", "level1_max_scores", "goals_achieved",
        "total_max_score", "total_score", "grade", "conclusion", "problems", "improvements",
        "actual", "actual_number", "actual_unit", "max_score", "score", "deviation", "executed", "rate",
        "progress", "forecast", "on_track", "measures",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mismatch:
    path: str
    gold: Any
    ours: Any


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"


@dataclass
class Comparison:
    structure: Score
    parse: Score
    evaluation: Score = field(default_factory=Score)

    @property
    def mismatches(self) -> list[Mismatch]:
        return self.structure.mismatches + self.parse.mismatches + self.evaluation.mismatches


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Leaf paths and values of the version-1 fields, e.g. ``("tables[0].funds.total", "5.00")``."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in IGNORED_KEYS or key.startswith("_"):
                continue
            yield from flatten(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(data, list) and data:
        for index, value in enumerate(data):
            yield from flatten(value, f"{prefix}[{index}]")
    else:
        yield prefix, data


# spaces between a Han character (or kana) and an ASCII letter or digit, either way round
_MIXED_SCRIPT_SPACE = re.compile(
    r"(?<=[\u3040-\u30ff\u3400-\u9fff])[ \u3000]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])[ \u3000]+(?=[\u3040-\u30ff\u3400-\u9fff])"
)


def _folded(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | str):
        return _MIXED_SCRIPT_SPACE.sub("", normalize("NFKC", str(value)))
    return value


def _keys(path: str) -> list[str]:
    return [part.split("[", 1)[0] for part in path.split(".")]


def compare(gold: dict[str, Any], ours: dict[str, Any]) -> Comparison:
    """Score ``ours`` against ``gold`` (both jixiao/1 documents as plain data)."""
    ambiguous = set(gold.get("_ambiguous") or [])
    gold_leaves = dict(flatten(gold))
    our_leaves = dict(flatten(ours))
    result = Comparison(structure=Score(), parse=Score())
    for path in sorted(gold_leaves.keys() | our_leaves.keys()):
        if path in ambiguous:
            continue
        expected, got = gold_leaves.get(path), our_leaves.get(path)
        if _empty(expected) and _empty(got):
            continue
        keys = _keys(path)
        if EVALUATION_FIELDS.intersection(keys):
            score = result.evaluation
        elif keys[-1] in PARSE_FIELDS:
            score = result.parse
        else:
            score = result.structure
        if not _empty(expected) and _folded(expected) == _folded(got):
            score.true_positives += 1
            continue
        if not _empty(expected):
            score.false_negatives += 1
        if not _empty(got):
            score.false_positives += 1
        score.mismatches.append(Mismatch(path, expected, got))
    return result
