"""Who may do what with tasks and reports, by role and the organisation tree (as for target tables):
filers fill and submit their units' reports, unit approvers submit them, department reviewers pass on or return
the reports of the units below their department (主管部门审核), finance reviewers issue tasks under their bureau
and return or approve submitted reports, analysts read approved ones, administrators do all."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jixiao.web.organisations.choices import Role
from jixiao.web.organisations.scopes import is_admin, scopes_for
from jixiao.web.yearly.models import EDITABLE, Report, ReportStatus

__all__ = [
    "awaiting_me",
    "can_department_review",
    "can_fill",
    "can_issue",
    "can_review",
    "can_submit",
    "can_unit_review",
    "can_view",
    "visible_reports",
]

READERS = (Role.FILER, Role.APPROVER, Role.DEPARTMENT_REVIEWER, Role.REVIEWER)


def _under(user: Any, roles: tuple[str, ...], path: str) -> bool:
    scopes = scopes_for(user)
    return any(path.startswith(p) for role in roles for p in scopes.get(role, ()))


def can_issue(user: Any, bureau: Any) -> bool:
    return is_admin(user) or _under(user, (Role.REVIEWER,), bureau.path)


def can_view(user: Any, report: Report) -> bool:
    if is_admin(user) or _under(user, READERS, report.unit.path):
        return True
    return report.status == ReportStatus.APPROVED and _under(user, (Role.ANALYST,), report.unit.path)


def can_fill(user: Any, report: Report) -> bool:
    return report.status in EDITABLE and (is_admin(user) or _under(user, (Role.FILER,), report.unit.path))


def can_submit(user: Any, report: Report) -> bool:
    return report.status in EDITABLE and (is_admin(user) or _under(user, (Role.FILER, Role.APPROVER), report.unit.path))


def can_unit_review(user: Any, report: Report) -> bool:
    """单位审核: the unit approver passes a submitted self-evaluation on to the bureau, or returns it."""
    return report.status == ReportStatus.UNIT_REVIEW and (
        is_admin(user) or _under(user, (Role.APPROVER,), report.unit.path)
    )


def can_department_review(user: Any, report: Report) -> bool:
    """主管部门审核: the department's reviewer passes a report on to the bureau, or returns it to the unit."""
    return report.status == ReportStatus.DEPARTMENT_REVIEW and (
        is_admin(user) or _under(user, (Role.DEPARTMENT_REVIEWER,), report.unit.path)
    )


def can_review(user: Any, report: Report) -> bool:
    return report.status == ReportStatus.SUBMITTED and (
        is_admin(user) or _under(user, (Role.REVIEWER,), report.unit.path)
    )


def visible_reports(user: Any, roles: tuple[str, ...] = READERS) -> QuerySet[Report]:
    reports = Report.objects.all()
    if is_admin(user):
        return reports
    q = Q(pk__in=[])
    scopes = scopes_for(user)
    for role in roles:
        for path in scopes.get(role, ()):
            q |= Q(unit__path__startswith=path)
    return reports.filter(q)


def awaiting_me(user: Any) -> QuerySet[Report]:
    """The reports waiting at the user's review level: 主管部门审核 under their department, 财政审核 under their
    bureau (administrators: both)."""
    scopes = scopes_for(user)
    steps = ((Role.DEPARTMENT_REVIEWER, ReportStatus.DEPARTMENT_REVIEW), (Role.REVIEWER, ReportStatus.SUBMITTED))
    if is_admin(user):
        return Report.objects.filter(status__in=[status for _role, status in steps])
    q = Q(pk__in=[])
    for role, status in steps:
        for path in scopes.get(role, ()):
            q |= Q(status=status, unit__path__startswith=path)
    return Report.objects.filter(q)
