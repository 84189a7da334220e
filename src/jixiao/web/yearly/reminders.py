"""The daily reminders: every report that is due soon or overdue reminds whoever holds its next step (the
unit's filers and approvers while it is to fill or returned, the department's reviewers at 主管部门审核, the
bureau's reviewers once submitted), by e-mail through Django's e-mail backend and by an in-app note, once per
step and day.

Two phases, as a background job runs them: :func:`plan` reads who is due what; :func:`record` writes the notes
(inside the job's transaction) and sends the e-mails once that transaction has committed, so a job that fails
sends nothing and a retry sends each reminder once."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from jixiao.web.organisations.choices import Role
from jixiao.web.organisations.models import Membership
from jixiao.web.yearly.models import Reminder, Report, ReportStatus
from jixiao.web.yearly.services import due_state

__all__ = ["Planned", "plan", "record", "send_reminders"]

log = logging.getLogger(__name__)

_NEXT_STEP = {
    ReportStatus.DRAFT: (Role.FILER, Role.APPROVER),
    ReportStatus.RETURNED: (Role.FILER, Role.APPROVER),
    ReportStatus.UNIT_REVIEW: (Role.APPROVER,),
    ReportStatus.DEPARTMENT_REVIEW: (Role.DEPARTMENT_REVIEWER,),
    ReportStatus.SUBMITTED: (Role.REVIEWER,),
}
# past the unit's part, a report reminds its reviewers from the deadline on (not while due soon)
_REVIEW_STEPS = frozenset({ReportStatus.DEPARTMENT_REVIEW, ReportStatus.SUBMITTED})


@dataclass(frozen=True)
class Planned:
    report_id: int
    user_id: int
    email: str
    step: str
    text: str


class _Holders:
    """Who holds each role where: every active membership of the roles that take a next step, read once (the
    daily job visits every due report; one query per report would not do at 100k tables)."""

    def __init__(self) -> None:
        self.by_path: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        roles = {role for step in _NEXT_STEP.values() for role in step}
        members = Membership.objects.filter(role__in=roles, user__is_active=True).select_related("user", "organisation")
        for member in members:
            self.by_path[member.organisation.path].append((member.role, member.user))

    def of(self, report: Report, roles: tuple[str, ...]) -> list[Any]:
        """Users holding one of ``roles`` on the report's unit or an organisation above it."""
        path = report.unit.path
        above = [path[: i + 1] for i, ch in enumerate(path) if ch == "/" and i > 0]
        users = {user.pk: user for p in above for role, user in self.by_path.get(p, ()) if role in roles}
        return [users[pk] for pk in sorted(users)]


def _text(report: Report, state: str, days_left: int) -> str:
    name = report.content.get("project_name") or report.content.get("title") or str(report.pk)
    if state == "overdue":
        return f"【已逾期 {-days_left} 天】{report.task.title}：{name}（截止 {report.task.deadline:%Y-%m-%d}）"
    return f"【还剩 {days_left} 天】{report.task.title}：{name}（截止 {report.task.deadline:%Y-%m-%d}）"


def plan(today: dt.date, *, under: Sequence[str] | None = None) -> list[Planned]:
    """Today's reminders (read only); ``under``: only the reports of these bureaus' trees (tree paths)."""
    reports = Report.objects.filter(Q(status__in=list(_NEXT_STEP)), task__start__lte=today).select_related(
        "task", "unit"
    )
    if under is not None:
        within = Q(pk__in=[])
        for path in under:
            within |= Q(unit__path__startswith=path)
        reports = reports.filter(within)
    holders = _Holders()
    planned = []
    for report in reports.order_by("pk"):
        due = due_state(report, today)
        waiting_review = report.status in _REVIEW_STEPS and today >= report.task.deadline
        if due.state not in {"due_soon", "overdue"} and not waiting_review:
            continue
        text = _text(report, "overdue" if due.days_left < 0 else "due_soon", due.days_left)
        for user in holders.of(report, _NEXT_STEP[ReportStatus(report.status)]):
            planned.append(Planned(report.pk, user.pk, user.email or "", report.status, text))
    return planned


def record(planned: Iterable[Planned], today: dt.date) -> int:
    """The in-app notes of ``planned`` not sent yet today (per step); their e-mails go once the surrounding
    transaction commits. Returns how many were new."""
    sent = 0
    for item in planned:
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    report_id=item.report_id,
                    user_id=item.user_id,
                    step=item.step,
                    day=today,
                    text=item.text,
                    emailed=bool(item.email),
                )
        except IntegrityError:
            continue  # reminded already today for this step
        if item.email:
            transaction.on_commit(lambda item=item: _mail(item))  # type: ignore[misc]
        sent += 1
    return sent


def _mail(item: Planned) -> None:
    try:
        send_mail(item.text, item.text, getattr(settings, "DEFAULT_FROM_EMAIL", None), [item.email])
    except OSError:  # the note stays in the app; the mail server's trouble is logged, not retried daily
        log.exception("reminder e-mail to %s failed", item.email)


def send_reminders(today: dt.date, *, under: Sequence[str] | None = None) -> int:
    """Send today's reminders at once; returns how many were sent (0 on a second run the same day)."""
    with transaction.atomic():
        return record(plan(today, under=under), today)
