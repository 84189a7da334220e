"""The workflow: draft → submitted → returned | approved → published; 调整 makes a new version.

Every step checks the one permission policy, writes a :class:`Transition` (who, when, from, to, remark) and a
history row with the remark as change reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao.web.core.middleware import current_request_id
from jixiao.web.reviews.choices import Action
from jixiao.web.reviews.models import ReviewComment, Transition
from jixiao.web.targets.choices import TableStatus
from jixiao.web.targets.models import Indicator, TargetTable
from jixiao.web.targets.permissions import allowed
from jixiao.web.targets.services import copy_for_adjustment

__all__ = ["TRANSITIONS", "CommentInput", "WorkflowError", "apply", "log_transition"]


class WorkflowError(Exception):
    """A step that is not allowed now (wrong status, no right, missing comment); ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Step:
    permission: str  # action name in the permission policy
    to_status: str | None  # None: the step makes a new version instead


TRANSITIONS: dict[str, Step] = {
    Action.SUBMIT: Step("submit", TableStatus.SUBMITTED),
    Action.RETURN: Step("review", TableStatus.RETURNED),
    Action.APPROVE: Step("review", TableStatus.APPROVED),
    Action.PUBLISH: Step("publish", TableStatus.PUBLISHED),
    Action.ADJUST: Step("adjust", None),
}


@dataclass(frozen=True)
class CommentInput:
    text: str
    indicator_id: int | None = None


def log_transition(
    table: TargetTable, action: str, from_status: str, to_status: str, user: Any, remark: str = ""
) -> Transition:
    return Transition.objects.create(
        table=table,
        action=action,
        from_status=from_status,
        to_status=to_status,
        user=user if getattr(user, "is_authenticated", False) else None,
        remark=remark,
        request_id=current_request_id.get() or "",
    )


def apply(
    table: TargetTable, action: str, user: Any, *, remark: str = "", comments: Sequence[CommentInput] = ()
) -> TargetTable:
    """Perform one step; returns the table (for 调整, the new draft version)."""
    step = TRANSITIONS.get(action)
    if step is None:
        raise WorkflowError(_("Unknown action."), 400)
    with transaction.atomic():
        locked = TargetTable.objects.select_for_update().select_related("unit").get(pk=table.pk)
        if not allowed(user, step.permission, locked):
            raise WorkflowError(_("You may not do this to this table in its present state."), 403)
        if action == Action.SUBMIT and locked.error_count and getattr(settings, "JIXIAO_BLOCK_SUBMIT_ON_ERRORS", True):
            raise WorkflowError(_("The table still has errors; fix them before submitting."), 409)
        if action == Action.RETURN and not (remark.strip() or any(c.text.strip() for c in comments)):
            raise WorkflowError(_("A returned table needs a reason or at least one comment."), 400)
        if action == Action.ADJUST:
            return copy_for_adjustment(locked, user=user, reason=remark)
        indicators = {i.pk: i for i in Indicator.objects.filter(table=locked)}
        for comment in comments:
            if not comment.text.strip():
                continue
            indicator = indicators.get(comment.indicator_id) if comment.indicator_id is not None else None
            if comment.indicator_id is not None and indicator is None:
                raise WorkflowError(_("The comment names an indicator of another table."), 400)
            ReviewComment.objects.create(
                table=locked,
                indicator=indicator,
                indicator_name=(indicator.name or "") if indicator else "",
                author=user,
                text=comment.text.strip(),
            )
        from_status = locked.status
        assert step.to_status is not None
        locked.status = step.to_status
        locked.lock_version += 1  # an editor who loaded the table before this step must not save over it
        locked._change_reason = remark  # the step itself is the status change
        locked.save(update_fields=["status", "lock_version", "updated"])
        log_transition(locked, action, from_status, step.to_status, user, remark)
        return locked


def resolve_comment(comment: ReviewComment, user: Any, resolution: str) -> ReviewComment:
    comment.resolved = True
    comment.resolution = resolution
    comment.resolved_by = user
    comment.resolved_at = timezone.now()
    comment._change_reason = "resolved"  # type: ignore[attr-defined]
    comment.save()
    return comment
