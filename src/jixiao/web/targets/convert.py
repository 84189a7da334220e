"""Between the core's jixiao/1 ``TargetTable`` (pydantic) and the relational rows, losslessly.

Both directions walk :mod:`jixiao.web.targets.fields`, so every field of the model is carried.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from jixiao.model import Document, Indicator, Source, SpendingPoint, TargetTable
from jixiao.web.targets import models as m
from jixiao.web.targets.fields import INDICATOR_SPECS, TABLE_SPECS, FieldSpec

__all__ = ["core_indicator", "document_for", "header_values", "indicator_values", "to_core_table"]


def _stored(spec: FieldSpec, value: Any) -> Any:
    if spec.storage == "json" and value is not None:
        return spec.validate(value)
    return value


def _dumped(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json")  # type: ignore[no-any-return,unused-ignore]


def header_values(table: TargetTable) -> dict[str, Any]:
    """Model column values for a core table's header, funds, goals and evaluation fields."""
    data = _dumped(table)
    values: dict[str, Any] = {}
    for spec in TABLE_SPECS:
        value = data["funds"][spec.core_name] if spec.path.startswith("funds.") else data[spec.path]
        values[spec.column] = value
    if values["kind"] is None:
        values["kind"] = "project_target"
    return values


def indicator_values(indicator: Indicator) -> dict[str, Any]:
    """Model column values for one core indicator."""
    data = _dumped(indicator)
    return {spec.column: data[spec.path] for spec in INDICATOR_SPECS}


def to_core_table(
    table: m.TargetTable,
    indicators: Iterable[m.Indicator] | None = None,
    spending: Iterable[m.SpendingPoint] | None = None,
) -> TargetTable:
    """The stored version as a core table (pass prefetched rows to avoid queries)."""
    data: dict[str, Any] = {"funds": {}}
    for spec in TABLE_SPECS:
        value = _stored(spec, getattr(table, spec.column))
        if spec.path.startswith("funds."):
            data["funds"][spec.core_name] = value
        else:
            data[spec.path] = value
    rows = list(indicators) if indicators is not None else list(table.indicators.all())
    points = list(spending) if spending is not None else list(table.spending_points.all())
    data["spending_plan"] = [SpendingPoint(label=p.label, percent=p.percent) for p in points]
    data["indicators"] = [core_indicator(row) for row in rows]
    if data.get("annual_goals") is None:
        data["annual_goals"] = []
    return TargetTable.model_validate(data)


def core_indicator(row: m.Indicator) -> Indicator:
    """One stored indicator row as the core's indicator."""
    return Indicator.model_validate({spec.path: _stored(spec, getattr(row, spec.column)) for spec in INDICATOR_SPECS})


def document_for(tables: Sequence[m.TargetTable], *, name: str = "jixiao-export.json") -> Document:
    """A jixiao/1 document holding the given stored versions, in order."""
    source_format = tables[0].source_format if len(tables) == 1 and tables[0].source_format else "text"
    return Document(
        source=Source(
            name=tables[0].source_name if len(tables) == 1 and tables[0].source_name else name, format=source_format
        ),  # type: ignore[arg-type,unused-ignore]
        tables=[to_core_table(t) for t in tables],
    )
