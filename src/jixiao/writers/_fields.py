"""The fields a layout may print, derived from :mod:`jixiao.model` (never restated by hand).

A table field is a dotted path through the table's nested models: ``funds.total``, ``execution.rate``,
``tasks.budget.fiscal``; a list of models (``execution``, ``tasks`` …) is walked into its item model, a list
of plain values (``annual_goals``) is one field. Indicators are listed apart (:data:`INDICATOR_FIELDS`).
Fields that no printed form holds (:data:`NOT_PRINTED`) are left out: where a document came from, and what
the interpreter derives again from the printed text.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator

from pydantic import BaseModel

from jixiao.model import Indicator, TargetTable

__all__ = [
    "ALL_FIELDS",
    "DOCUMENT_FIELDS",
    "INDICATOR_FIELDS",
    "NOT_PRINTED",
    "ROW_TABLE_FIELDS",
    "TABLE_FIELDS",
    "expand",
    "model_fields",
]

#: Model fields that are not part of a printed table, and why.
NOT_PRINTED: dict[str, str] = {
    "source_ref": "where the reading came from, not a printed cell",
    "parts": "re-derived from the printed value",
    "deadline": "re-derived from the printed value",
    "indicators": "listed field by field in INDICATOR_FIELDS",
}

#: Document-level fields a layout may print besides its tables.
DOCUMENT_FIELDS: tuple[str, ...] = ("department_plans",)


def _item_model(annotation: object) -> type[BaseModel] | None:
    """The model a field holds, through ``X | None`` and ``list[X]``; ``None`` for plain values."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            found = _item_model(arg)
            if found is not None:
                return found
    return None


def model_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every printed field of ``model`` as a dotted path, in the model's order."""
    for name, info in model.model_fields.items():
        if name in NOT_PRINTED:
            continue
        inner = _item_model(info.annotation)
        if inner is None:
            yield prefix + name
        else:
            yield from model_fields(inner, f"{prefix}{name}.")


#: Every table field of ``jixiao/1`` (nested ones as dotted paths).
TABLE_FIELDS: tuple[str, ...] = tuple(model_fields(TargetTable))

#: Every indicator field of ``jixiao/1`` (the parsed ``op``/``number``/``unit`` come from the printed cells).
INDICATOR_FIELDS: tuple[str, ...] = tuple(model_fields(Indicator))


def _one_value_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    for name, info in model.model_fields.items():
        if name in NOT_PRINTED or typing.get_origin(info.annotation) in (list, dict):
            continue
        args = typing.get_args(info.annotation)
        if any(typing.get_origin(a) in (list, dict) for a in args):
            continue
        inner = _item_model(info.annotation)
        if inner is None:
            yield prefix + name
        else:
            yield from _one_value_fields(inner, f"{prefix}{name}.")


#: The table fields that hold one value per table (no list of rows, no mapping), plus ``annual_goals``:
#: the columns of the analysts' flat form.
ROW_TABLE_FIELDS: tuple[str, ...] = tuple(
    f for f in TABLE_FIELDS if f in set(_one_value_fields(TargetTable)) or f == "annual_goals"
)

ALL_FIELDS: tuple[str, ...] = (*DOCUMENT_FIELDS, *TABLE_FIELDS, *INDICATOR_FIELDS)


def expand(names: str) -> frozenset[str]:
    """Field names separated by spaces; ``funds.*`` stands for every field under ``funds``.

    ``ValueError`` names a field the model does not have, so a layout cannot declare a field by mistake.
    """
    out: set[str] = set()
    for name in names.split():
        if name.endswith(".*"):
            found = {f for f in ALL_FIELDS if f.startswith(name[:-1])}
        else:
            found = {name} if name in ALL_FIELDS else set()
        if not found:
            raise ValueError(f"no field {name!r} in jixiao.model")
        out |= found
    return frozenset(out)
