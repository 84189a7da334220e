"""The daily reminders: every report that is due soon or overdue reminds whoever holds its next step (the
unit's filers and approvers while it is to fill or returned, the bureau's reviewers once submitted), by e-mail
through Django's e-mail backend and by an in-app note, once per step and day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from jixiao.web.organisations.choices import Role
from jixiao.web.organisations.models import Membership
from jixiao.web.yearly.models import Reminder, Report, ReportStatus
from jixiao.web.yearly.services import due_state

__all__ = ["send_reminders"]

_NEXT_STEP = {
    ReportStatus.DRAFT: (Role.FILER, Role.APPROVER),
    ReportStatus.RETURNED: (Role.FILER, Role.APPROVER),
    ReportStatus.UNIT_REVIEW: (Role.APPROVER,),
    ReportStatus.SUBMITTED: (Role.REVIEWER,),
}


def _holders(report: Report, roles: tuple[str, ...]) -> list[Any]:
    """Users holding one of ``roles`` on the report's unit or an organisation above it."""
    paths = [report.unit.path[: i + 1] for i, ch in enumerate(report.unit.path) if ch == "/" and i > 0]
    members = Membership.objects.filter(role__in=roles, organisation__path__in=paths).select_related("user")
    return sorted({m.user for m in members if m.user.is_active}, key=lambda u: u.pk)


def _text(report: Report, state: str, days_left: int) -> str:
    name = report.content.get("project_name") or report.content.get("title") or str(report.pk)
    if state == "overdue":
        return f"【已逾期 {-days_left} 天】{report.task.title}：{name}（截止 {report.task.deadline:%Y-%m-%d}）"
    return f"【还剩 {days_left} 天】{report.task.title}：{name}（截止 {report.task.deadline:%Y-%m-%d}）"


def send_reminders(today: dt.date) -> int:
    """Send today's reminders; returns how many were sent (0 on a second run the same day)."""
    sent = 0
    reports = Report.objects.filter(Q(status__in=list(_NEXT_STEP)), task__start__lte=today).select_related(
        "task", "unit"
    )
    for report in reports:
        due = due_state(report, today)
        waiting_review = report.status == ReportStatus.SUBMITTED and today >= report.task.deadline
        if due.state not in {"due_soon", "overdue"} and not waiting_review:
            continue
        text = _text(report, "overdue" if due.days_left < 0 else "due_soon", due.days_left)
        for user in _holders(report, _NEXT_STEP[ReportStatus(report.status)]):
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        report=report, user=user, step=report.status, day=today, text=text
                    )
            except IntegrityError:
                continue  # reminded already today for this step
            if user.email:
                send_mail(text, text, getattr(settings, "DEFAULT_FROM_EMAIL", None), [user.email])
                Reminder.objects.filter(pk=reminder.pk).update(emailed=True)
            sent += 1
    return sent
