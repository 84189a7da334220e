"""Spending-plan parsing shared by the spending rules."""

from __future__ import annotations

import re

from jixiao.rules._facts import TableFacts

_MONTH = re.compile(r"(\d{1,2})\s*月")


def points(tbl: TableFacts) -> list[tuple[int, str, float | None, int | None]]:
    """(position, label, percent or None, month or None) for each spending-plan column."""
    out: list[tuple[int, str, float | None, int | None]] = []
    for i, p in enumerate(tbl.table.spending_plan):
        text = (p.percent or "").strip().rstrip("%％")
        try:
            pct: float | None = float(text) if text else None
        except ValueError:
            pct = None
        m = _MONTH.search(p.label)
        out.append((i, p.label, pct, int(m.group(1)) if m else None))
    return out


def fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")
