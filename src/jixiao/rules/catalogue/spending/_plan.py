"""Spending-plan helpers shared by the spending rules."""

from __future__ import annotations

from jixiao.rules._facts import TableFacts


def points(tbl: TableFacts) -> list[tuple[int, str, float | None, int | None]]:
    """(position, label, percent or None, month or None) for each spending-plan column."""
    return tbl.spending() if tbl.table.spending_plan else []


def fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")
