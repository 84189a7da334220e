"""财政审核's 核查分数: in its normal check of a submitted self-evaluation the bureau may set its own score and a
comment per row (and for budget execution); the checked total counts the unit's score wherever the bureau
entered none. Stored on the report (so in its history) and shown to the unit."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from jixiao.scoring.numbers import ZERO, fmt
from jixiao.web.yearly.models import Report
from jixiao.web.yearly.services import FillError, scores

__all__ = ["EXECUTION", "checked_score", "read_check", "row_checks"]

EXECUTION = "execution"
COMMENT_LENGTH = 500


def checked_score(data: Mapping[str, str], key: str, points: Decimal, where: str) -> Decimal | None:
    """The bureau's score posted under ``key``, checked against the row's points (None: left blank)."""
    text = data.get(key, "").strip()
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise FillError(_("%(where)s: not a number: %(text)s") % {"where": where, "text": text}) from exc
    if not value.is_finite() or not ZERO <= value <= points:
        raise FillError(
            _("%(where)s: the checked score must lie between 0 and %(points)s")
            % {"where": where, "points": fmt(points)}
        )
    return value


def _entry(data: Mapping[str, str], key: str, points: Decimal, where: str) -> tuple[dict[str, str], Decimal | None]:
    """The bureau's score and comment for one row (``check-<key>-score`` / ``-comment``)."""
    comment = data.get(f"check-{key}-comment", "").strip()[:COMMENT_LENGTH]
    entry: dict[str, str] = {"comment": comment} if comment else {}
    value = checked_score(data, f"check-{key}-score", points, where)
    if value is not None:
        entry["score"] = fmt(value)
    return entry, value


def read_check(report: Report, data: Mapping[str, str]) -> dict[str, Any]:
    """The 核查分数 and comments posted as ``check-<i>-score`` / ``check-<i>-comment`` (``check-execution-…`` for
    budget execution) with the checked total; an empty dict when nothing was entered."""
    table = report.core()
    computed = scores(table)
    rows: dict[str, dict[str, str]] = {}
    total = ZERO
    for i, (ind, row) in enumerate(zip(table.indicators, computed.rows, strict=True)):
        entry, value = _entry(data, str(i), row.points if row.points is not None else ZERO, ind.name or str(i + 1))
        if entry:
            rows[str(i)] = entry
        total += value if value is not None else Decimal(ind.score) if ind.score else ZERO
    execution: dict[str, str] = {}
    if table.execution:
        line = table.execution[0]
        points = computed.execution.points if computed.execution is not None else ZERO
        execution, value = _entry(data, EXECUTION, points, line.label or _("Budget execution"))
        total += value if value is not None else Decimal(line.score) if line.score else ZERO
    if not rows and not execution:
        return {}
    return {"rows": rows, EXECUTION: execution, "total": fmt(total)}


def row_checks(report: Report, count: int) -> list[dict[str, str]]:
    """The stored check of each of ``count`` rows (an empty dict where the bureau entered nothing)."""
    stored = (report.checked or {}).get("rows", {})
    return [stored.get(str(i), {}) for i in range(count)]
