"""Who may do what with tasks and reports, by role and the organisation tree (as for target tables):
filers fill and submit their units' reports, unit approvers submit them, finance reviewers issue tasks under
their bureau and return or approve submitted reports, analysts read approved ones, administrators do all."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jixiao.web.organisations.choices import Role
from jixiao.web.organisations.scopes import is_admin, scopes_for
from jixiao.web.yearly.models import EDITABLE, Report, ReportStatus

__all__ = ["can_fill", "can_issue", "can_review", "can_submit", "can_unit_review", "can_view", "visible_reports"]


def _under(user: Any, roles: tuple[str, ...], path: str) -> bool:
    scopes = scopes_for(user)
    return any(path.startswith(p) for role in roles for p in scopes.get(role, ()))


def can_issue(user: Any, bureau: Any) -> bool:
    return is_admin(user) or _under(user, (Role.REVIEWER,), bureau.path)


def can_view(user: Any, report: Report) -> bool:
    if is_admin(user) or _under(user, (Role.FILER, Role.APPROVER, Role.REVIEWER), report.unit.path):
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


def can_review(user: Any, report: Report) -> bool:
    return report.status == ReportStatus.SUBMITTED and (
        is_admin(user) or _under(user, (Role.REVIEWER,), report.unit.path)
    )


def visible_reports(user: Any, roles: tuple[str, ...] = (Role.FILER, Role.APPROVER, Role.REVIEWER)) -> QuerySet[Report]:
    reports = Report.objects.all()
    if is_admin(user):
        return reports
    q = Q(pk__in=[])
    scopes = scopes_for(user)
    for role in roles:
        for path in scopes.get(role, ()):
            q |= Q(unit__path__startswith=path)
    return reports.filter(q)
