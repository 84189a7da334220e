"""Storing tables: new versions, optimistic-locked content saves, findings. Views and the API both call these."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from jixiao.model import FindingRecord
from jixiao.model import TargetTable as CoreTable
from jixiao.web.organisations.choices import OrganisationKind
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets import convert
from jixiao.web.targets import models as m
from jixiao.web.targets.checks import run_rules, unit_findings
from jixiao.web.targets.choices import TableStatus
from jixiao.web.targets.fields import DERIVED_FROM
from jixiao.web.targets.signals import version_created

__all__ = [
    "EditConflict",
    "check_content",
    "create_version",
    "find_project",
    "match_rows",
    "resolve_unit",
    "save_content",
    "store_findings",
]


class EditConflict(Exception):
    """Someone saved the table after the editor loaded it: nothing was written."""

    def __init__(self, table: m.TargetTable, expected: int) -> None:
        super().__init__(f"table {table.pk} is at lock version {table.lock_version}, the edit started from {expected}")
        self.table = table
        self.expected = expected


@dataclass
class RowInput:
    """One indicator row from an edit: ``id`` None for a new row; the position is the list order."""

    values: dict[str, Any]
    id: int | None = None


def match_rows(
    existing: Sequence[m.Indicator], incoming: Sequence[dict[str, Any]], identities: Sequence[uuid.UUID | None] = ()
) -> list[int | None]:
    """The stored row each incoming row continues (its primary key), or None for a new row.

    By identity where the caller names it, then by level-1, level-2 and name, then by position among the rows
    still unclaimed (an indicator renamed in place keeps its comments and history; one inserted is new).
    """
    claimed: set[int] = set()
    result: list[int | None] = [None] * len(incoming)
    by_uid = {row.uid: row for row in existing}
    for j, identity in enumerate(identities[: len(incoming)]):
        row = by_uid.get(identity) if identity is not None else None
        if row is not None and row.pk not in claimed:
            result[j] = row.pk
            claimed.add(row.pk)
    by_key: dict[tuple[Any, ...], list[m.Indicator]] = {}
    for row in existing:
        by_key.setdefault((row.level1, row.level2, row.name), []).append(row)
    for j, values in enumerate(incoming):
        if result[j] is None:
            for row in by_key.get((values.get("level1"), values.get("level2"), values.get("name")), []):
                if row.pk not in claimed:
                    result[j] = row.pk
                    claimed.add(row.pk)
                    break
    for j in range(len(incoming)):
        if result[j] is None and j < len(existing) and existing[j].pk not in claimed:
            result[j] = existing[j].pk
            claimed.add(existing[j].pk)
    return result


def find_project(unit: Organisation, year: int, code: str | None, name: str | None) -> m.Project | None:
    """The project a table belongs to: same unit and year, and the same code (or, without a code, the same name)."""
    projects = m.Project.objects.filter(unit=unit, year=year)
    if code:
        return projects.filter(code=code).first()
    return projects.filter(code="", name=name or "").first()


def resolve_unit(
    table: CoreTable, candidates: Sequence[Organisation], fallback: Organisation | None
) -> Organisation | None:
    """The unit a table names (code first, then name, then implementing unit) among ``candidates``, else ``fallback``."""
    units = [o for o in candidates if o.kind == OrganisationKind.UNIT]
    if table.unit_code:
        for unit in units:
            if unit.code == table.unit_code:
                return unit
    for name in (table.unit_name, table.implementing_unit):
        if name:
            for unit in units:
                if unit.name == name:
                    return unit
    return fallback


def store_findings(table: m.TargetTable, records: Sequence[FindingRecord], rows: Sequence[m.Indicator]) -> None:
    """Replace the table's stored findings and its severity counts."""
    table.findings.all().delete()
    by_position = {i: row for i, row in enumerate(rows)}
    m.Finding.objects.bulk_create(
        m.Finding(
            table=table,
            indicator=by_position.get(r.indicator) if r.indicator is not None else None,
            indicator_position=r.indicator,
            code=r.code,
            name=r.name,
            severity=r.severity,
            message=r.message,
            message_en=r.message_en,
            suggestion=r.suggestion,
            field=r.field,
        )
        for r in records
    )
    counts = {s: sum(1 for r in records if r.severity == s) for s in ("error", "warning", "info")}
    m.TargetTable.objects.filter(pk=table.pk).update(
        error_count=counts["error"], warning_count=counts["warning"], info_count=counts["info"]
    )
    table.error_count, table.warning_count, table.info_count = counts["error"], counts["warning"], counts["info"]


@transaction.atomic
def create_version(
    *,
    core: CoreTable,
    unit: Organisation,
    year: int,
    user: Any,
    source_name: str = "",
    source_format: str = "text",
    reason: str = "",
    adjusted_from: m.TargetTable | None = None,
    project: m.Project | None = None,
    identities: Sequence[uuid.UUID] = (),
) -> m.TargetTable:
    """Store ``core`` as a new draft: a new project, or the next version of the project it duplicates.

    ``identities`` are the indicators' identities when the rows continue those of another version (调整).
    """
    project = project or find_project(unit, year, core.project_code, core.project_name)
    if project is None:
        project = m.Project(
            code=core.project_code or "", name=core.project_name or core.title or "", unit=unit, year=year
        )
        project._change_reason = reason or "created"  # type: ignore[attr-defined,unused-ignore]
        project.save()
        version = 1
    else:
        version = (project.tables.aggregate(v=Max("version"))["v"] or 0) + 1
        for old in project.tables.filter(is_current=True):
            old.is_current = False
            old.lock_version += 1
            old._change_reason = f"superseded by version {version}"  # type: ignore[attr-defined,unused-ignore]
            old.save(update_fields=["is_current", "lock_version", "updated"])
    table = m.TargetTable(
        project=project,
        unit=unit,
        year=year,
        version=version,
        status=TableStatus.DRAFT,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        source_name=source_name[:255],
        source_format=source_format,
        adjusted_from=adjusted_from,
        **convert.header_values(core),
    )
    table._change_reason = reason or f"version {version} created"  # type: ignore[attr-defined,unused-ignore]
    table.save()
    _name_project(table, reason)
    m.SpendingPoint.objects.bulk_create(
        m.SpendingPoint(table=table, position=i, label=p.label, percent=p.percent)
        for i, p in enumerate(core.spending_plan)
    )
    rows = [
        m.Indicator(table=table, position=i, **convert.indicator_values(ind)) for i, ind in enumerate(core.indicators)
    ]
    for row, identity in zip(rows, identities, strict=False):
        row.uid = identity
    rows = bulk_create_with_history(
        rows, m.Indicator, default_user=_user_or_none(user), default_change_reason=reason or "created"
    )
    rows = list(table.indicators.order_by("position"))  # primary keys on every database
    store_findings(table, _findings(core, table, source_name or "table", source_format), rows)
    version_created.send(m.TargetTable, table=table, user=user, reason=reason, adjusted=adjusted_from is not None)
    return table


def _findings(core: CoreTable, table: m.TargetTable, source_name: str, source_format: str) -> list[FindingRecord]:
    """The core rules' findings, and whether the unit printed is the organisation's the table is filed under."""
    found = run_rules(core, source_name=source_name, source_format=source_format)
    return found + unit_findings(core, table.unit)


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def save_content(
    table: m.TargetTable,
    *,
    header: dict[str, Any],
    rows: Sequence[RowInput],
    user: Any,
    expected_lock: int,
    reason: str = "",
) -> m.TargetTable:
    """Write an edit if nobody saved in between (else :class:`EditConflict`), then re-run the rules."""
    locked = m.TargetTable.objects.select_for_update().select_related("unit").get(pk=table.pk)
    if locked.lock_version != expected_lock:
        raise EditConflict(locked, expected_lock)
    from jixiao.web.targets.permissions import allowed

    if not allowed(user, "change", locked):  # checked again under the lock: the status may have moved meanwhile
        raise EditConflict(locked, expected_lock)
    for field, value in header.items():
        if not _same(getattr(locked, field), value):
            setattr(locked, field, value)
    locked.lock_version += 1
    locked._change_reason = reason or "edited"  # type: ignore[attr-defined,unused-ignore]
    locked.save()

    existing = {row.pk: row for row in locked.indicators.all()}
    kept: set[int] = set()
    for position, row_input in enumerate(rows):
        row = existing.get(row_input.id) if row_input.id is not None else None
        values = dict(row_input.values)
        if row is None:
            row = m.Indicator(table=locked)
        else:
            kept.add(row.pk)
            values = _changed_values(row, values)
        if not (row.pk is None or row.position != position or values):
            continue
        for field, value in values.items():
            setattr(row, field, value)
        row.position = position
        row._change_reason = reason or "edited"  # type: ignore[attr-defined,unused-ignore]
        row.save()
    for pk, row in existing.items():
        if pk not in kept:
            row._change_reason = reason or "row removed"  # type: ignore[attr-defined,unused-ignore]
            row.delete()

    _name_project(locked, reason)
    ordered = list(locked.indicators.order_by("position"))
    core = convert.to_core_table(locked, ordered)
    store_findings(locked, _findings(core, locked, locked.source_name or "table", locked.source_format), ordered)
    return locked


def _same(stored: Any, edited: Any) -> bool:
    """Equal, or both empty: an edit leaves the spec's null (absent) and "" (printed empty) as they were."""
    empty: tuple[Any, ...] = (None, "", [], {})
    return bool(stored == edited or (stored in empty and edited in empty))


def _changed_values(row: m.Indicator, values: dict[str, Any]) -> dict[str, Any]:
    """The values that change ``row``; a derived field follows its source only when the source changed."""
    changed = {k: v for k, v in values.items() if not _same(getattr(row, k), v)}
    for source, derived in DERIVED_FROM.items():
        if source not in changed:
            for field in derived:
                changed.pop(field, None)
    return changed


def _name_project(table: m.TargetTable, reason: str) -> None:
    """The current version names its project: the list, search, dashboard and file names read the project."""
    if not table.is_current:
        return
    project = table.project
    name = table.project_name or table.title or project.name
    code = table.project_code or ""
    if (project.name, project.code) != (name, code):
        project.name, project.code = name[:500], code[:64]
        project._change_reason = reason or "renamed"  # type: ignore[attr-defined,unused-ignore]
        project.save()


def check_content(table: m.TargetTable, *, header: dict[str, Any], rows: Sequence[RowInput]) -> list[FindingRecord]:
    """The findings an edit would have, computed without writing anything (for checking while the user types)."""
    draft = m.TargetTable.objects.select_related("unit").get(pk=table.pk)
    for field, value in header.items():
        if not _same(getattr(draft, field), value):
            setattr(draft, field, value)
    existing = {row.pk: row for row in draft.indicators.all()}
    unsaved = []
    for position, row_input in enumerate(rows):
        row = existing.get(row_input.id) if row_input.id is not None else None
        values = _changed_values(row, dict(row_input.values)) if row is not None else dict(row_input.values)
        row = row or m.Indicator(table=draft)
        for field, value in values.items():
            setattr(row, field, value)
        row.position = position
        unsaved.append(row)
    core = convert.to_core_table(draft, unsaved)
    return _findings(core, draft, draft.source_name or "table", draft.source_format)


def copy_for_adjustment(table: m.TargetTable, *, user: Any, reason: str) -> m.TargetTable:
    """调整: the approved content as a new draft version of the same project (the approved one stays readable)."""
    core = convert.to_core_table(table)
    return create_version(
        core=core,
        unit=table.unit,
        year=table.year,
        user=user,
        source_name=table.source_name,
        source_format=table.source_format,
        reason=reason or f"adjustment of version {table.version}",
        adjusted_from=table,
        project=table.project,
        identities=[row.uid for row in table.indicators.order_by("position")],
    )
