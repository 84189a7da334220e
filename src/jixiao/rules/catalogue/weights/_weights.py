"""Weight parsing shared by the weight rules."""

from __future__ import annotations

from jixiao.rules._facts import TableFacts


def number(text: str | None) -> float | None:
    if text is None:
        return None
    text = text.strip().rstrip("%％")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def execution_weight(tbl: TableFacts) -> float:
    value = number(tbl.table.budget_execution_weight)
    return 0.0 if value is None else value


def fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")
