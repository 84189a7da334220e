"""Funds: which amount a label names, mid-term or annual by the column it sits under."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.interpret import labels
from jixiao.model import Funds

__all__ = ["FundsReader"]


@dataclass
class FundsReader:
    values: dict[str, str] = field(default_factory=dict)
    periods: list[tuple[int, str]] = field(default_factory=list)  # (column, midterm|annual) of 中期/年度资金总额
    value_units: list[str] = field(default_factory=list)  # money units printed inside amounts (170万元)

    def set(self, name: str, amount: str, col: int) -> None:
        if name == "midterm_total":
            self.periods.append((col, "midterm"))
        elif name == "total":
            self.periods.append((col, "annual"))
        elif self._period(col) == "midterm":
            name = labels.MIDTERM_FUNDS.get(name, name)
        self.values.setdefault(name, amount)

    def _period(self, col: int) -> str:
        before = [(c, period) for c, period in self.periods if c <= col]
        if not before:
            return "annual"
        return max(before)[1]

    def build(self) -> Funds:
        return Funds(**self.values)
