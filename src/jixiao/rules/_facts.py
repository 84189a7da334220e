"""Facts computed once per document, table and indicator before the rules run.

Every per-indicator rule reads these precomputed attributes instead of re-deriving them, which keeps the
per-indicator cost to a few attribute tests (``bench/check_bench.py`` needs >= 100,000 indicators/s).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.model import Document, Indicator, TargetTable
from jixiao.rules import _text as T
from jixiao.rules.profiles import Profile

_DIGIT = re.compile(r"\d")

__all__ = ["DocumentFacts", "IndicatorFacts", "TableFacts", "decimal_or_none"]


def decimal_or_none(text: str | None) -> Decimal | None:
    if text is None:
        return None
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _float(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


class IndicatorFacts:
    """What the rules need to know about one indicator row."""

    __slots__ = (
        "cost",
        "desc",
        "desc_key",
        "has_digit",
        "ind",
        "index",
        "level1",
        "level1_known",
        "level1_raw",
        "level2",
        "level2_known",
        "level2_raw",
        "money_yuan",
        "name",
        "name_key",
        "num",
        "op",
        "per",
        "percent",
        "unit",
        "value",
    )

    def __init__(self, index: int, ind: Indicator, profile: Profile) -> None:
        self.index = index
        self.ind = ind
        raw1 = (ind.level1 or "").strip()
        raw2 = (ind.level2 or "").strip()
        self.level1_raw = raw1
        self.level2_raw = raw2
        level1 = profile.level1_synonyms.get(raw1, raw1)
        level2 = profile.level2_synonyms.get(raw2, raw2)
        self.level1 = level1
        self.level2 = level2
        self.level1_known = level1 in profile.level2
        allowed = profile.level2.get(level1)
        self.level2_known = allowed is not None and level2 in allowed
        name = ind.name or ""
        self.name = name
        self.name_key = T.key(name)
        self.desc = ind.description
        self.desc_key = T.key(ind.description)
        value = (ind.value or "").strip()
        self.value = value
        self.has_digit = _DIGIT.search(value) is not None
        self.op = ind.op
        num = _float(ind.number)
        self.num = num
        unit = (ind.unit or "").strip()
        self.unit = unit
        self.percent = unit in ("%", "％", "百分比")
        factor, per = T.money_factor(unit)
        if factor is not None and num is not None:
            self.money_yuan: float | None = num * factor
            if per is None and ("人均" in name or "每人" in name):
                per = "人"
        else:
            self.money_yuan = None
        self.per = per
        self.cost = level2 == "成本指标" or level1 == "成本指标" or level2.endswith("成本指标")


class TableFacts:
    """What the rules need to know about one target table."""

    __slots__ = ("budget", "budget_yuan", "index", "indicators", "money_factor", "table", "years")

    def __init__(self, index: int, table: TargetTable, profile: Profile) -> None:
        self.index = index
        self.table = table
        factor = T.MONEY_FACTORS.get((table.money_unit or "").strip())
        self.money_factor = factor
        budget = decimal_or_none(table.funds.total)
        self.budget = budget
        self.budget_yuan = float(budget) * factor if budget is not None and factor is not None else None
        self.indicators = [IndicatorFacts(i, ind, profile) for i, ind in enumerate(table.indicators)]
        years: set[int] = set()
        if table.year:
            years.add(table.year)
        if table.midterm_period:
            span = sorted({int(y) for y in re.findall(r"\d{4}", table.midterm_period)})
            if span:
                years.update(range(span[0], span[-1] + 1))
        for text in (table.title, table.project_name):
            if text:
                years.update(int(y) for y in T.YEAR.findall(text))
                for start, end in T.YEAR_RANGE.findall(text):
                    if int(start) <= int(end) <= int(start) + 10:
                        years.update(range(int(start), int(end) + 1))
        self.years = years


class DocumentFacts:
    __slots__ = ("document", "tables")

    def __init__(self, document: Document, tables: list[TableFacts]) -> None:
        self.document = document
        self.tables = tables
