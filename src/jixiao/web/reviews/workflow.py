"""The workflow with its real levels.

填报 (draft) → 送审 → 单位审核 (unit approver) → 主管部门审核 (where a department stands above the unit) →
财政审核 (finance reviewer) → 审核通过 → 批复 (published). Every level may return the table to the filer with
comments; the unit and department levels pass it on (``forward``, or ``approve``, which at those levels means
the same), the finance level approves. The filer withdraws (撤回) a submission the unit approver has not
opened yet. 调整 (adjust) copies an approved or published table into a new draft version and needs a reason.

A finding of severity error blocks 送审 until the filer explains it (说明), and blocks the finance approval
until a reviewer waives it (or the filer fixes it). Every step checks the one permission policy, writes a
:class:`Transition` (who, when, from, to, remark) and a history row with the remark as change reason.
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
from jixiao.web.organisations.choices import OrganisationKind
from jixiao.web.reviews.choices import Action
from jixiao.web.reviews.models import FindingNote, Opening, ReviewComment, Transition
from jixiao.web.targets.choices import TableStatus
from jixiao.web.targets.models import Finding, Indicator, TargetTable
from jixiao.web.targets.permissions import LEVEL_ACTION, allowed
from jixiao.web.targets.services import copy_for_adjustment

__all__ = [
    "TRANSITIONS",
    "CommentInput",
    "WorkflowError",
    "apply",
    "explain_finding",
    "log_transition",
    "mark_opened",
    "next_level",
    "note_for",
    "open_errors",
    "waive_finding",
    "was_opened",
]


class WorkflowError(Exception):
    """A step that is not allowed now (wrong status, no right, missing comment); ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Step:
    permission: str | None  # action name in the permission policy; None: the review level the table waits at
    to_status: str | None  # None: decided by the step (the next level, or a new version)


TRANSITIONS: dict[str, Step] = {
    Action.SUBMIT: Step("submit", TableStatus.UNIT_REVIEW),
    Action.WITHDRAW: Step("withdraw", TableStatus.DRAFT),
    Action.FORWARD: Step(None, None),
    Action.RETURN: Step(None, TableStatus.RETURNED),
    Action.APPROVE: Step(None, None),
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


def next_level(table: TargetTable, status: str) -> str:
    """The status after passing on from ``status``: the department level only where the tree has a department."""
    if status == TableStatus.UNIT_REVIEW:
        has_department = any(o.kind == OrganisationKind.DEPARTMENT for o in table.unit.ancestors()[:-1])
        return TableStatus.DEPARTMENT_REVIEW if has_department else TableStatus.SUBMITTED
    if status == TableStatus.DEPARTMENT_REVIEW:
        return TableStatus.SUBMITTED
    return TableStatus.APPROVED


def permission_for(action: str, table: TargetTable) -> str | None:
    """The policy action guarding ``action`` on ``table`` now (the level's for review steps), None if none applies."""
    step = TRANSITIONS.get(action)
    if step is None:
        return None
    if step.permission is not None:
        return step.permission
    return LEVEL_ACTION.get(table.status)


def _last_step(table: TargetTable) -> Transition | None:
    steps = Transition.objects.filter(table=table).exclude(action__in=(Action.EXPLAIN, Action.WAIVE))
    return steps.order_by("-at", "-pk").first()


def mark_opened(table: TargetTable, user: Any) -> None:
    """Record that a reviewer of the level the table waits at opened it (withdrawal is no longer possible)."""
    level = LEVEL_ACTION.get(table.status)
    if level is None or not allowed(user, level, table):
        return
    step = _last_step(table)
    if step is not None:
        Opening.objects.get_or_create(table=table, transition=step, user=user)


def was_opened(table: TargetTable) -> bool:
    step = _last_step(table)
    return step is not None and Opening.objects.filter(transition=step).exists()


def _key(finding: Finding) -> tuple[str, Any, str]:
    return (finding.code, finding.indicator.uid if finding.indicator else None, finding.field or "")


def note_for(table: TargetTable, finding: Finding) -> FindingNote | None:
    code, uid, field = _key(finding)
    return FindingNote.objects.filter(table=table, code=code, indicator_uid=uid, field=field).first()


def open_errors(table: TargetTable, *, need_waiver: bool) -> list[Finding]:
    """The error findings still in the way: without a 说明 (送审), or without a waiver (the finance approval)."""
    notes = {(n.code, n.indicator_uid, n.field): n for n in FindingNote.objects.filter(table=table)}
    blocking = []
    for finding in Finding.objects.filter(table=table, severity="error").select_related("indicator"):
        note = notes.get(_key(finding))
        if note is None or (need_waiver and not note.waived):
            blocking.append(finding)
    return blocking


def explain_finding(table: TargetTable, finding: Finding, user: Any, explanation: str) -> FindingNote:
    """The filer's 说明 on an error finding (while the table can be edited); a changed 说明 needs a new waiver."""
    if not allowed(user, "change", table):  # first: one who may not explain learns nothing more
        raise WorkflowError(_("You may not do this to this table in its present state."), 403)
    if not explanation.strip():
        raise WorkflowError(_("Write the explanation."), 400)
    code, uid, field = _key(finding)
    with transaction.atomic():
        note, _created = FindingNote.objects.get_or_create(
            table=table, code=code, indicator_uid=uid, field=field,
            defaults={"explanation": explanation.strip(), "explained_by": user},
        )  # fmt: skip
        if not _created:  # a changed 说明 needs a new waiver
            note.explanation, note.explained_by = explanation.strip(), user
            note.waived, note.waived_by, note.waived_at = False, None, None
            note._change_reason = "explained again"  # type: ignore[attr-defined]
            note.save()
        log_transition(table, Action.EXPLAIN, table.status, table.status, user, f"{code}: {explanation.strip()}")
    return note


def waive_finding(table: TargetTable, note: FindingNote, user: Any, remark: str = "") -> FindingNote:
    """A reviewer of the level the table waits at accepts the filer's 说明: the error no longer blocks approval."""
    level = LEVEL_ACTION.get(table.status)
    if level is None or not allowed(user, level, table):
        raise WorkflowError(_("You may not do this to this table in its present state."), 403)
    with transaction.atomic():
        note.waived, note.waived_by, note.waived_at = True, user, timezone.now()
        note._change_reason = remark or "waived"  # type: ignore[attr-defined]
        note.save()
        log_transition(table, Action.WAIVE, table.status, table.status, user, f"{note.code}: {remark}".rstrip(": "))
    return note


def apply(
    table: TargetTable, action: str, user: Any, *, remark: str = "", comments: Sequence[CommentInput] = ()
) -> TargetTable:
    """Perform one step; returns the table (for 调整, the new draft version)."""
    if action not in TRANSITIONS:
        raise WorkflowError(_("Unknown action."), 400)
    with transaction.atomic():
        locked = TargetTable.objects.select_for_update().select_related("unit").get(pk=table.pk)
        permission = permission_for(action, locked)
        if permission is None or not allowed(user, permission, locked):
            raise WorkflowError(_("You may not do this to this table in its present state."), 403)
        final_level = locked.status == TableStatus.SUBMITTED
        if action == Action.FORWARD and final_level:
            raise WorkflowError(_("The finance level approves; there is no level above it."), 409)
        if action == Action.APPROVE and not final_level:
            action = Action.FORWARD  # at the unit and department levels, approving passes the table on
        blocking_submit = getattr(settings, "JIXIAO_BLOCK_SUBMIT_ON_ERRORS", True)
        if action == Action.SUBMIT and blocking_submit and open_errors(locked, need_waiver=False):
            raise WorkflowError(_("The table still has errors: fix them or explain them before submitting."), 409)
        if action == Action.APPROVE and open_errors(locked, need_waiver=True):
            raise WorkflowError(_("Errors remain that nobody has waived: waive the explained ones or return."), 409)
        if action == Action.WITHDRAW and was_opened(locked):
            raise WorkflowError(_("The unit approver has already opened the submission; it can no longer be withdrawn."), 409)  # fmt: skip
        if action == Action.RETURN and not (remark.strip() or any(c.text.strip() for c in comments)):
            raise WorkflowError(_("A returned table needs a reason or at least one comment."), 400)
        if action == Action.ADJUST:
            if not remark.strip():
                raise WorkflowError(_("An adjustment needs a reason."), 400)
            return copy_for_adjustment(locked, user=user, reason=remark.strip())
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
        to_status = TRANSITIONS[action].to_status or next_level(locked, from_status)
        locked.status = to_status
        locked.lock_version += 1  # an editor who loaded the table before this step must not save over it
        locked._change_reason = remark  # the step itself is the status change
        locked.save(update_fields=["status", "lock_version", "updated"])
        log_transition(locked, action, from_status, to_status, user, remark)
        return locked


def resolve_comment(comment: ReviewComment, user: Any, resolution: str) -> ReviewComment:
    comment.resolved = True
    comment.resolution = resolution
    comment.resolved_by = user
    comment.resolved_at = timezone.now()
    comment._change_reason = "resolved"  # type: ignore[attr-defined]
    comment.save()
    return comment
