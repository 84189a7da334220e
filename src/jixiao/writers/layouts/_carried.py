"""A document reduced to what a layout carries, so that a written-and-read-back document compares exactly."""

from __future__ import annotations

from typing import Any

from jixiao.writers._fields import INDICATOR_FIELDS, TABLE_FIELDS
from jixiao.writers._layout import Layout

__all__ = ["carried"]


def carried(data: dict[str, Any], layout: Layout, *, reference: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``jixiao/1`` document (as plain data) reduced to the fields ``layout`` carries.

    Every other field becomes null (a list of values: empty), so that two documents compare equal exactly
    when they agree on what the layout prints. Each table is reduced by the layout that prints it
    (:func:`~jixiao.writers.layouts.layout_for`: a self-evaluation table by a self-evaluation layout). Keys
    starting with ``_`` (the gold's ``_ambiguous``) are kept. A Chongqing-style row (its comparator in 指标性质,
    its unit in 度量单位) keeps ``op``/``number``/``unit`` only in a layout that prints those columns:
    elsewhere its printed value (``95``) no longer says them. Which rows are Chongqing-style, and which
    layout prints each table, is read from ``reference`` (the document that was written) when given, so
    that the reading of a written document is reduced exactly like the original.
    """
    from jixiao.writers.layouts import _layout_for_sort

    out = dict(data)
    if "department_plans" not in layout.carries:
        out["department_plans"] = []
    else:  # headings and text; no layout prints the plan's own unit and year in a form read back
        out["department_plans"] = [
            {**plan, "unit_name": None, "year": None} for plan in data.get("department_plans", [])
        ]
    tables = []
    ref_tables = (reference if reference is not None else data).get("tables", [])
    for t_index, table in enumerate(data.get("tables", [])):
        ref = ref_tables[t_index] if t_index < len(ref_tables) else table
        ref_inds = ref.get("indicators", [])
        own = _layout_for_sort(ref.get("kind", "project_target"), ref.get("subject"), layout)
        t = dict(table)
        for key in TABLE_FIELDS:
            if key not in own.carries:
                t = _nulled(t, key.split("."))
        t["indicators"] = [
            _carried_indicator(ind, own, ref_inds[i] if i < len(ref_inds) else ind)
            for i, ind in enumerate(table.get("indicators", []))
        ]
        tables.append(t)
    out["tables"] = tables
    return out


def _nulled(data: dict[str, Any], path: list[str]) -> dict[str, Any]:
    """``data`` with the field at ``path`` null (``[]`` for a list of values), through nested models and lists."""
    key, rest = path[0], path[1:]
    value = data.get(key)
    out = dict(data)
    if not rest:
        out[key] = [] if isinstance(value, list) else None
    elif isinstance(value, list):
        out[key] = [_nulled(item, rest) if isinstance(item, dict) else item for item in value]
    elif isinstance(value, dict):
        out[key] = _nulled(value, rest)
    return out


def _carried_indicator(indicator: dict[str, Any], layout: Layout, reference: dict[str, Any]) -> dict[str, Any]:
    out = {k: (v if k not in INDICATOR_FIELDS or k in layout.carries else None) for k, v in indicator.items()}
    if reference.get("nature") is not None and "nature" not in layout.carries:
        out.update(op=None, number=None, unit=None)
    return out
