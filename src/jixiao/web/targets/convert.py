"""Between the core's jixiao/1 ``TargetTable`` (pydantic) and the relational rows, losslessly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from jixiao.model import Deadline, Document, Funds, Indicator, Source, SpendingPoint, TargetTable, ValuePart
from jixiao.web.targets import models as m

__all__ = ["document_for", "header_values", "indicator_values", "to_core_table"]

_CORE_HEADER = {"printed_year": "year"}  # model column → jixiao/1 name where they differ
_CORE_INDICATOR = {"history_value": "history"}


def header_values(table: TargetTable) -> dict[str, Any]:
    """Model column values for a core table's header, funds and goals."""
    values: dict[str, Any] = {}
    for field in m.HEADER_FIELDS:
        values[field] = getattr(table, _CORE_HEADER.get(field, field))
    if values["kind"] is None:
        values["kind"] = "project_target"
    for field in m.FUNDS_FIELDS:
        values[f"funds_{field}"] = getattr(table.funds, field)
    values["annual_goals"] = list(table.annual_goals)
    return values


def indicator_values(indicator: Indicator) -> dict[str, Any]:
    values: dict[str, Any] = {
        field: getattr(indicator, _CORE_INDICATOR.get(field, field)) for field in m.INDICATOR_FIELDS
    }
    values["parts"] = [p.model_dump(mode="json") for p in indicator.parts]
    values["deadline"] = indicator.deadline.model_dump(mode="json") if indicator.deadline else None
    return values


def to_core_table(
    table: m.TargetTable,
    indicators: Iterable[m.Indicator] | None = None,
    spending: Iterable[m.SpendingPoint] | None = None,
) -> TargetTable:
    """The stored version as a core table (pass prefetched rows to avoid queries)."""
    header = {_CORE_HEADER.get(f, f): getattr(table, f) for f in m.HEADER_FIELDS}
    funds = Funds(**{f: getattr(table, f"funds_{f}") for f in m.FUNDS_FIELDS})
    rows = list(indicators) if indicators is not None else list(table.indicators.all())
    points = list(spending) if spending is not None else list(table.spending_points.all())
    return TargetTable(
        **header,
        funds=funds,
        annual_goals=list(table.annual_goals or []),
        spending_plan=[SpendingPoint(label=p.label, percent=p.percent) for p in points],
        indicators=[_core_indicator(row) for row in rows],
    )


def _core_indicator(row: m.Indicator) -> Indicator:
    return Indicator(
        **{_CORE_INDICATOR.get(f, f): getattr(row, f) for f in m.INDICATOR_FIELDS},
        parts=[ValuePart(**p) for p in (row.parts or [])],
        deadline=Deadline(**row.deadline) if row.deadline else None,
    )


def document_for(tables: Sequence[m.TargetTable], *, name: str = "jixiao-export.json") -> Document:
    """A jixiao/1 document holding the given stored versions, in order."""
    source_format = tables[0].source_format if len(tables) == 1 and tables[0].source_format else "text"
    return Document(
        source=Source(
            name=tables[0].source_name if len(tables) == 1 and tables[0].source_name else name, format=source_format
        ),  # type: ignore[arg-type]
        tables=[to_core_table(t) for t in tables],
    )
