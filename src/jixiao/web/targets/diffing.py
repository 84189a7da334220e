"""Differences between two versions of a table: header fields and indicator rows (matched by position)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao.web.targets import models as m

__all__ = ["TableDiff", "diff_tables"]

_HEADER = (*m.HEADER_FIELDS, *(f"funds_{f}" for f in m.FUNDS_FIELDS), "annual_goals")
_ROW = ("level1", "level2", "name", "description", "value", "weight")


@dataclass
class TableDiff:
    header: list[tuple[str, Any, Any]]  # (field label, old, new)
    rows: list[tuple[int, str, list[tuple[str, Any, Any]]]]  # (position, change kind, [(field, old, new)])

    @property
    def empty(self) -> bool:
        return not self.header and not self.rows


def diff_tables(old: m.TargetTable, new: m.TargetTable) -> TableDiff:
    header = []
    for name in _HEADER:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            header.append((str(m.TargetTable._meta.get_field(name).verbose_name), a, b))
    old_rows = list(old.indicators.order_by("position"))
    new_rows = list(new.indicators.order_by("position"))
    rows = []
    for i in range(max(len(old_rows), len(new_rows))):
        a = old_rows[i] if i < len(old_rows) else None
        b = new_rows[i] if i < len(new_rows) else None
        changes = [
            (
                str(m.Indicator._meta.get_field(f).verbose_name),
                getattr(a, f) if a else None,
                getattr(b, f) if b else None,
            )
            for f in _ROW
            if (getattr(a, f) if a else None) != (getattr(b, f) if b else None)
        ]
        if changes:
            rows.append((i + 1, "added" if a is None else "removed" if b is None else "changed", changes))
    return TableDiff(header, rows)
