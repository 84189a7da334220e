"""``/api/tables``: list, get, create and update tables as jixiao/1 JSON; findings; workflow transitions."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ValidationError

from jixiao.model import Document
from jixiao.model import TargetTable as CoreTable
from jixiao.web.organisations.models import Organisation
from jixiao.web.reviews.workflow import CommentInput, WorkflowError, apply
from jixiao.web.targets import convert
from jixiao.web.targets.importing import ImportFailed, recheck_created
from jixiao.web.targets.models import Finding, Indicator, TargetTable
from jixiao.web.targets.permissions import allowed, can_create_in
from jixiao.web.targets.services import EditConflict, RowInput, create_version, resolve_unit, save_content

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
    document: dict[str, Any] = Field(description="A jixiao/1 document holding this one table")


class CreateIn(Schema):
    year: int
    unit: int | None = Field(None, description="Unit id for tables that do not name one of yours")
    document: dict[str, Any] = Field(description="A jixiao/1 document; each table becomes a draft")


class UpdateIn(Schema):
    lock_version: int = Field(description="The lock_version the edit started from (optimistic locking)")
    table: dict[str, Any] = Field(description="One jixiao/1 table (an element of a document's tables)")
    reason: str = ""


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


class TransitionIn(Schema):
    action: str = Field(description="submit | return | approve | publish | adjust")
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
        document=document.to_dict(),
    )


@router.get("", response=list[TableSummary], summary="List the tables you may see")
def list_tables(
    request: HttpRequest, year: int | None = None, status: str | None = None, unit: int | None = None,
    current: bool = True, q: str | None = None, limit: int = 50, offset: int = 0,
) -> list[TableSummary]:  # fmt: skip
    tables = _TABLES.restrict(request.user, "view")
    if current:
        tables = tables.filter(is_current=True)
    if year is not None:
        tables = tables.filter(year=year)
    if status:
        tables = tables.filter(status=status)
    if unit is not None:
        tables = tables.filter(unit_id=unit)
    if q:
        tables = tables.filter(project__name__icontains=q)
    limit = max(1, min(limit, 500))
    return [_summary(t) for t in tables.order_by("-updated", "-pk")[offset : offset + limit]]


@router.get("/{int:pk}", response=TableOut, summary="One table as a jixiao/1 document")
def get_table(request: HttpRequest, pk: int) -> TableOut:
    return _out(_visible(request, pk))


@router.post(
    "", response={201: list[TableSummary], 400: Problem, 403: Problem}, summary="Create drafts from a jixiao/1 document"
)
def create_tables(request: HttpRequest, payload: CreateIn) -> Status[Any]:
    try:
        document = Document.from_dict(payload.document)
    except ValidationError as exc:
        raise HttpError(400, f"not a jixiao/1 document: {exc.error_count()} problems") from exc
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
    summary="Replace a table's content",
)
def update_table(request: HttpRequest, pk: int, payload: UpdateIn) -> Status[Any]:
    table = _visible(request, pk)
    if not allowed(request.user, "change", table):
        raise HttpError(403, "you may not edit this table in its present state")
    try:
        core = CoreTable.model_validate(payload.table)
    except ValidationError as exc:
        raise HttpError(400, f"not a jixiao/1 table: {exc.error_count()} problems") from exc
    header = {k: v for k, v in convert.header_values(core).items() if k not in {"kind"}}
    existing = list(Indicator.objects.filter(table=table).order_by("position").values_list("pk", flat=True))
    rows = [
        RowInput(values=convert.indicator_values(ind), id=existing[i] if i < len(existing) else None)
        for i, ind in enumerate(core.indicators)
    ]
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
    summary="A workflow step",
)
def transition(request: HttpRequest, pk: int, payload: TransitionIn) -> Status[Any]:
    table = _visible(request, pk)
    positions = dict(enumerate(Indicator.objects.filter(table=table).order_by("position").values_list("pk", flat=True)))
    comments = []
    for c in payload.comments:
        if c.indicator is not None and c.indicator not in positions:
            raise HttpError(400, f"no indicator at position {c.indicator}")
        comments.append(CommentInput(c.text, positions[c.indicator] if c.indicator is not None else None))
    try:
        result = apply(table, payload.action, request.user, remark=payload.remark, comments=comments)
    except WorkflowError as exc:
        raise HttpError(exc.status, exc.message) from exc
    return Status(200, _out(result))
