"""Differences between two versions of a table: every field of the model, indicator rows aligned by identity.

Rows are paired by their identity (``Indicator.uid``, kept by 调整 and by every edit), then, for rows still
unpaired, by level-1, level-2 and name; whatever stays unpaired was added or removed. So an inserted row is
one added row, never a cascade of "changed" rows below it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from jixiao.web.targets import models as m
from jixiao.web.targets.fields import INDICATOR_SPECS, TABLE_SPECS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = ["CHANGE_LABELS", "TableDiff", "align_rows", "diff_tables", "shown"]

CHANGE_LABELS: dict[str, StrOrPromise] = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}


@dataclass
class TableDiff:
    header: list[tuple[str, Any, Any]]  # (field label, old, new)
    rows: list[tuple[int, str, list[tuple[str, Any, Any]]]]  # (position, change label, [(field, old, new)])

    @property
    def empty(self) -> bool:
        return not self.header and not self.rows


def shown(value: Any) -> str:
    """A stored value as text for people: JSON for lists and objects, never a Python repr."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def align_rows(old: list[m.Indicator], new: list[m.Indicator]) -> list[tuple[m.Indicator | None, m.Indicator | None]]:
    """Pairs (old row, new row) by identity, then by levels and name; unpaired rows pair with None."""
    pairs: dict[int, m.Indicator | None] = {}  # new row index → old row
    used: set[int] = set()
    old_by_uid = {row.uid: i for i, row in enumerate(old)}
    for j, row in enumerate(new):
        i = old_by_uid.get(row.uid)
        if i is not None and i not in used:
            pairs[j] = old[i]
            used.add(i)
    by_key: dict[tuple[Any, ...], list[int]] = {}
    for i, row in enumerate(old):
        if i not in used:
            by_key.setdefault((row.level1, row.level2, row.name), []).append(i)
    for j, row in enumerate(new):
        if j in pairs:
            continue
        candidates = by_key.get((row.level1, row.level2, row.name))
        if candidates:
            i = candidates.pop(0)
            pairs[j] = old[i]
            used.add(i)
    old_index = {id(row): i for i, row in enumerate(old)}
    removed = [i for i in range(len(old)) if i not in used]
    result: list[tuple[m.Indicator | None, m.Indicator | None]] = []
    for j, row in enumerate(new):
        partner = pairs.get(j)
        if partner is not None:  # removed rows that stood above this one come first, where they were
            while removed and removed[0] < old_index[id(partner)]:
                result.append((old[removed.pop(0)], None))
        result.append((partner, row))
    result += [(old[i], None) for i in removed]
    return result


def diff_tables(old: m.TargetTable, new: m.TargetTable) -> TableDiff:
    header = []
    for spec in TABLE_SPECS:
        a, b = getattr(old, spec.column), getattr(new, spec.column)
        if a != b:
            header.append((str(spec.label), shown(a), shown(b)))
    old_plan = [(p.label, p.percent) for p in old.spending_points.all()]
    new_plan = [(p.label, p.percent) for p in new.spending_points.all()]
    if old_plan != new_plan:
        header.append((str(_("spending plan")), shown(old_plan), shown(new_plan)))
    old_rows = list(old.indicators.order_by("position"))
    new_rows = list(new.indicators.order_by("position"))
    rows = []
    for a, b in align_rows(old_rows, new_rows):
        changes = [
            (
                str(spec.label),
                shown(getattr(a, spec.column) if a else None),
                shown(getattr(b, spec.column) if b else None),
            )
            for spec in INDICATOR_SPECS
            if (getattr(a, spec.column) if a else None) != (getattr(b, spec.column) if b else None)
        ]
        if changes:
            kind = "added" if a is None else "removed" if b is None else "changed"
            position = (b.position if b is not None else a.position if a is not None else 0) + 1
            rows.append((position, str(CHANGE_LABELS[kind]), changes))
    return TableDiff(header, rows)
