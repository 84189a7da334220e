"""The review side of the API: a table's comments (and resolving one); its error findings with the filer's 说明
and the reviewer's waiver (``/api/tables/{pk}/findings/notes``), as the pages have them, with the same checks."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from jixiao.web.reviews.models import FindingNote, ReviewComment
from jixiao.web.reviews.workflow import WorkflowError, explain_finding, note_for, resolve_comment, waive_finding
from jixiao.web.targets.api import Problem
from jixiao.web.targets.models import Finding, TargetTable
from jixiao.web.targets.permissions import LEVEL_ACTION, allowed

__all__ = ["router"]

router = Router(tags=["reviews"])


class CommentOut(Schema):
    id: int
    indicator: int | None  # position of the indicator in the table, if the comment is on one
    indicator_id: uuid.UUID | None  # its identity, the same across edits and versions
    indicator_name: str
    author: str | None
    text: str
    created: datetime
    resolved: bool
    resolution: str
    resolved_by: str | None


class ResolveIn(Schema):
    resolution: str = ""


def _out(c: ReviewComment) -> CommentOut:
    return CommentOut(
        id=c.pk, indicator=c.indicator.position if c.indicator else None, indicator_name=c.indicator_name,
        indicator_id=c.indicator.uid if c.indicator else None,
        author=c.author.username if c.author else None, text=c.text, created=c.created, resolved=c.resolved,
        resolution=c.resolution, resolved_by=c.resolved_by.username if c.resolved_by else None,
    )  # fmt: skip


@router.get("/tables/{int:pk}/comments", response=list[CommentOut], summary="Review comments of a table")
def list_comments(request: HttpRequest, pk: int) -> list[CommentOut]:
    table = get_object_or_404(TargetTable.objects.restrict(request.user, "view"), pk=pk)
    comments = ReviewComment.objects.filter(table=table).select_related("indicator", "author", "resolved_by")
    return [_out(c) for c in comments]


@router.post("/comments/{int:pk}/resolve", response=CommentOut, summary="Mark a comment resolved")
def resolve(request: HttpRequest, pk: int, payload: ResolveIn) -> CommentOut:
    comment = get_object_or_404(
        ReviewComment.objects.restrict(request.user, "view").select_related("table__unit", "indicator", "author"), pk=pk
    )
    if not (allowed(request.user, "change", comment.table) or allowed(request.user, "review", comment.table)):
        raise HttpError(403, "you may not resolve comments of this table in its present state")
    return _out(resolve_comment(comment, request.user, payload.resolution.strip()))


class ErrorFindingOut(Schema):
    """An error finding of a table version, with the filer's 说明 and a reviewer's waiver if given."""

    id: int = Field(description="The finding's id in this version (findings are recomputed on every save)")
    code: str
    message: str
    message_en: str | None
    indicator: int | None = Field(description="Position of the indicator in the table, if the finding is on one")
    indicator_id: uuid.UUID | None = Field(description="The indicator's identity, the same across edits and versions")
    field: str | None
    explanation: str | None = Field(description="The filer's 说明; an explained error no longer blocks 送审")
    explained_by: str | None
    waived: bool = Field(description="A reviewer accepted the 说明: the error no longer blocks the finance approval")
    waived_by: str | None
    waived_at: datetime | None


class ExplainIn(Schema):
    explanation: str = Field(description="Why the error stands (a changed 说明 needs a new waiver)")


class WaiveIn(Schema):
    remark: str = Field("", description="Recorded in the history and the workflow log")


def _finding_out(finding: Finding, note: FindingNote | None) -> ErrorFindingOut:
    return ErrorFindingOut(
        id=finding.pk, code=finding.code, message=finding.message, message_en=finding.message_en,
        indicator=finding.indicator_position, indicator_id=finding.indicator.uid if finding.indicator else None,
        field=finding.field, explanation=note.explanation if note else None,
        explained_by=note.explained_by.username if note and note.explained_by else None,
        waived=bool(note and note.waived), waived_by=note.waived_by.username if note and note.waived_by else None,
        waived_at=note.waived_at if note else None,
    )  # fmt: skip


def _error_finding(request: HttpRequest, pk: int, finding: int) -> tuple[TargetTable, Finding]:
    """The visible table (else 404, as everywhere) and one of its error findings."""
    table = get_object_or_404(TargetTable.objects.restrict(request.user, "view").select_related("unit"), pk=pk)
    found = get_object_or_404(Finding.objects.select_related("indicator"), table=table, pk=finding, severity="error")
    return table, found


@router.get(
    "/tables/{int:pk}/findings/notes",
    response=list[ErrorFindingOut],
    summary="The error findings of a table with their 说明 and waiver",
)
def list_finding_notes(request: HttpRequest, pk: int) -> list[ErrorFindingOut]:
    table = get_object_or_404(TargetTable.objects.restrict(request.user, "view"), pk=pk)
    notes = {
        (n.code, n.indicator_uid, n.field): n
        for n in FindingNote.objects.filter(table=table).select_related("explained_by", "waived_by")
    }
    errors = Finding.objects.filter(table=table, severity="error").select_related("indicator")
    return [
        _finding_out(f, notes.get((f.code, f.indicator.uid if f.indicator else None, f.field or ""))) for f in errors
    ]


@router.post(
    "/tables/{int:pk}/findings/{int:finding}/explanation",
    response={200: ErrorFindingOut, 400: Problem, 403: Problem, 404: Problem},
    summary="The filer's 说明 on an error finding (while the table can be edited)",
)
def explain(request: HttpRequest, pk: int, finding: int, payload: ExplainIn) -> ErrorFindingOut:
    table, found = _error_finding(request, pk, finding)
    try:
        note = explain_finding(table, found, request.user, payload.explanation)
    except WorkflowError as exc:
        raise HttpError(exc.status, exc.message) from exc
    return _finding_out(found, note)


@router.post(
    "/tables/{int:pk}/findings/{int:finding}/waiver",
    response={200: ErrorFindingOut, 403: Problem, 404: Problem, 409: Problem},
    summary="A reviewer of the level the table waits at waives an explained error (recorded in the history)",
)
def waive(request: HttpRequest, pk: int, finding: int, payload: WaiveIn) -> ErrorFindingOut:
    table, found = _error_finding(request, pk, finding)
    level = LEVEL_ACTION.get(table.status)
    if level is None or not allowed(request.user, level, table):
        # checked before the 说明 so that a user who may not waive learns nothing more (as the page: 403)
        raise HttpError(403, str(_("You may not do this to this table in its present state.")))
    note = note_for(table, found)
    if note is None:
        raise HttpError(409, str(_("Only an explained error can be waived.")))
    try:
        note = waive_finding(table, note, request.user, payload.remark.strip())
    except WorkflowError as exc:
        raise HttpError(exc.status, exc.message) from exc
    return _finding_out(found, note)
