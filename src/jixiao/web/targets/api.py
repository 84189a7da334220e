"""``/api/tables``: list, get, create and update tables as jixiao/1 JSON; findings; workflow transitions."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jixiao.model import Document
from jixiao.model import TargetTable as CoreTable
from jixiao.web.organisations.models import Organisation
from jixiao.web.reviews.workflow import CommentInput, WorkflowError, apply
from jixiao.web.targets import convert
from jixiao.web.targets.choices import TableStatus
from jixiao.web.targets.filtersets import TargetTableFilterSet
from jixiao.web.targets.importing import ImportFailed, recheck_created
from jixiao.web.targets.models import Finding, Indicator, TargetTable
from jixiao.web.targets.permissions import allowed, can_create_in
from jixiao.web.targets.services import EditConflict, RowInput, create_version, match_rows, resolve_unit, save_content

__all__ = ["router"]

router = Router(tags=["tables"])

_TABLES = TargetTable.objects.select_related("unit", "project")


class TableSummary(Schema):
    id: int
    project_id: int
    project_code: str
    project_name: str
    unit: str
    unit_code: str
    year: int
    version: int
    is_current: bool
    status: str
    lock_version: int
    errors: int
    warnings: int


class TableOut(Schema):
    id: int
    version: int
    status: str
    lock_version: int
    document: Document = Field(description="A jixiao/1 document holding this one table")
    indicator_ids: list[uuid.UUID] = Field(
        description="The identity of each indicator, in order; the same indicator keeps it across edits and versions"
    )


class CreateIn(Schema):
    year: int
    unit: int | None = Field(None, description="Unit id for tables that do not name one of yours")
    document: Document = Field(description="A jixiao/1 document; each table becomes a draft")


class UpdateIn(Schema):
    lock_version: int = Field(description="The lock_version the edit started from (optimistic locking)")
    table: CoreTable = Field(description="One jixiao/1 table (an element of a document's tables)")
    indicator_ids: list[uuid.UUID | None] = Field(
        default_factory=list,
        description="For each indicator of `table`, the identity it continues (from GET), or null for a new one; "
        "without it, indicators are matched by level-1, level-2 and name, then by position",
    )
    reason: str = ""


class TableFilters(Schema):
    """The list's filters; the same FilterSet serves the list page."""

    q: str | None = Field(None, description="Words to find in the project code or name, unit, title or purpose")
    year: int | None = None
    unit: int | None = Field(None, description="Unit id")
    status: TableStatus | None = None
    has_errors: bool | None = None
    current: bool = Field(True, description="Only the current version of each project")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class FindingOut(Schema):
    code: str
    name: str
    severity: str
    message: str
    message_en: str | None
    suggestion: str | None
    indicator: int | None
    field: str | None


class CommentIn(Schema):
    text: str
    indicator: int | None = Field(None, description="Position of the indicator in the table (0-based)")
    indicator_id: uuid.UUID | None = Field(None, description="Or the indicator's identity (`indicator_ids` of GET)")


TransitionAction = Literal["submit", "return", "approve", "publish", "adjust"]


class TransitionIn(Schema):
    action: TransitionAction
    remark: str = ""
    comments: list[CommentIn] = Field(default_factory=list)


class Problem(Schema):
    detail: str


def _summary(t: TargetTable) -> TableSummary:
    return TableSummary(
        id=t.pk, project_id=t.project_id, project_code=t.project.code, project_name=t.project.name, unit=t.unit.name,
        unit_code=t.unit.code, year=t.year, version=t.version, is_current=t.is_current, status=t.status,
        lock_version=t.lock_version, errors=t.error_count, warnings=t.warning_count,
    )  # fmt: skip


def _visible(request: HttpRequest, pk: int) -> TargetTable:
    return get_object_or_404(_TABLES.restrict(request.user, "view"), pk=pk)


def _out(table: TargetTable) -> TableOut:
    rows = list(Indicator.objects.filter(table=table).order_by("position"))
    document = convert.document_for([table])
    document.tables = [convert.to_core_table(table, rows)]
    return TableOut(
        id=table.pk,
        version=table.version,
        status=table.status,
        lock_version=table.lock_version,
        document=document,
        indicator_ids=[row.uid for row in rows],
    )


@router.get("", response={200: list[TableSummary], 400: Problem}, summary="List the tables you may see")
def list_tables(request: HttpRequest, filters: Query[TableFilters]) -> Status[Any]:
    tables = _TABLES.restrict(request.user, "view")
    if filters.current:
        tables = tables.filter(is_current=True)
    data = {k: v for k, v in filters.dict().items() if k in TargetTableFilterSet.base_filters and v is not None}
    filterset = TargetTableFilterSet(data=data, queryset=tables)
    if not filterset.is_valid():
        raise HttpError(400, "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items()))
    page = filterset.qs.order_by("-updated", "-pk")[filters.offset : filters.offset + filters.limit]
    return Status(200, [_summary(t) for t in page])


@router.get("/{int:pk}", response=TableOut, by_alias=True, summary="One table as a jixiao/1 document")
def get_table(request: HttpRequest, pk: int) -> TableOut:
    return _out(_visible(request, pk))


@router.post(
    "", response={201: list[TableSummary], 400: Problem, 403: Problem}, summary="Create drafts from a jixiao/1 document"
)
def create_tables(request: HttpRequest, payload: CreateIn) -> Status[Any]:
    document = payload.document
    units = [o for o in Organisation.objects.filter(kind="unit") if can_create_in(request.user, o)]
    if not units:
        raise HttpError(403, "you may not create tables")
    fallback = next((u for u in units if u.pk == payload.unit), None)
    targets = []
    for table in document.tables:
        unit = resolve_unit(table, units, fallback)
        if unit is None:
            raise HttpError(403, f"not your unit: {table.unit_code or ''} {table.unit_name or ''}".strip())
        targets.append((table, unit))
    with transaction.atomic():
        created = [
            create_version(
                core=t,
                unit=u,
                year=t.year or payload.year,
                user=request.user,
                source_name=document.source.name,
                source_format=document.source.format,
                reason="created through the API",
            )
            for t, u in targets
        ]
        try:
            recheck_created(created, request.user)
        except ImportFailed as exc:
            raise HttpError(403, str(exc)) from exc
    return Status(201, [_summary(TargetTable.objects.select_related("unit", "project").get(pk=t.pk)) for t in created])


@router.put(
    "/{int:pk}",
    response={200: TableOut, 400: Problem, 403: Problem, 409: TableOut},
    by_alias=True,
    summary="Replace a table's content",
)
def update_table(request: HttpRequest, pk: int, payload: UpdateIn) -> Status[Any]:
    table = _visible(request, pk)
    if not allowed(request.user, "change", table):
        raise HttpError(403, "you may not edit this table in its present state")
    core = payload.table
    header = convert.header_values(core)
    values = [convert.indicator_values(ind) for ind in core.indicators]
    existing = list(Indicator.objects.filter(table=table).order_by("position"))
    ids = match_rows(existing, values, payload.indicator_ids)
    rows = [RowInput(values=v, id=pk) for v, pk in zip(values, ids, strict=True)]
    try:
        saved = save_content(table, header=header, rows=rows, user=request.user, expected_lock=payload.lock_version,
                             reason=payload.reason or "updated through the API")  # fmt: skip
    except EditConflict as conflict:
        return Status(409, _out(conflict.table))
    return Status(200, _out(saved))


@router.get("/{int:pk}/findings", response=list[FindingOut], summary="The stored findings of a table version")
def findings(request: HttpRequest, pk: int) -> list[FindingOut]:
    table = _visible(request, pk)
    return [
        FindingOut(code=f.code, name=f.name, severity=f.severity, message=f.message, message_en=f.message_en,
                   suggestion=f.suggestion, indicator=f.indicator_position, field=f.field)
        for f in Finding.objects.filter(table=table)
    ]  # fmt: skip


@router.post(
    "/{int:pk}/transitions",
    response={200: TableOut, 400: Problem, 403: Problem, 409: Problem},
    by_alias=True,
    summary="A workflow step",
)
def transition(request: HttpRequest, pk: int, payload: TransitionIn) -> Status[Any]:
    table = _visible(request, pk)
    rows = list(Indicator.objects.filter(table=table).order_by("position").values_list("pk", "uid"))
    positions = {i: pk for i, (pk, _uid) in enumerate(rows)}
    identities = {uid: pk for pk, uid in rows}
    comments = []
    for c in payload.comments:
        if c.indicator_id is not None:
            if c.indicator_id not in identities:
                raise HttpError(400, f"no indicator {c.indicator_id} in this table")
            comments.append(CommentInput(c.text, identities[c.indicator_id]))
            continue
        if c.indicator is not None and c.indicator not in positions:
            raise HttpError(400, f"no indicator at position {c.indicator}")
        comments.append(CommentInput(c.text, positions[c.indicator] if c.indicator is not None else None))
    try:
        result = apply(table, payload.action, request.user, remark=payload.remark, comments=comments)
    except WorkflowError as exc:
        raise HttpError(exc.status, exc.message) from exc
    return Status(200, _out(result))
