"""``/api/tables/{pk}/comments``: review comments of a table, and resolving one."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from jixiao.web.reviews.models import ReviewComment
from jixiao.web.reviews.workflow import resolve_comment
from jixiao.web.targets.models import TargetTable
from jixiao.web.targets.permissions import allowed

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
