"""``/api/monitoring`` and ``/api/self-evaluations``: the reports you may see, each as its jixiao/1 table with
the lights (monitoring) or the computed scores (self-evaluation) and their explanations."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from jixiao.model import TargetTable as CoreTable
from jixiao.web.yearly import services
from jixiao.web.yearly.models import Report, TaskKind
from jixiao.web.yearly.permissions import can_view, visible_reports

__all__ = ["monitoring_router", "selfeval_router"]

monitoring_router = Router(tags=["monitoring"])
selfeval_router = Router(tags=["self-evaluations"])


class ReportSummary(Schema):
    id: int
    task: str
    task_id: int
    unit: str
    project_name: str
    year: int
    period: str
    status: str
    deadline: dt.date
    due: str = Field(description="not_started | due | due_soon | overdue | done")


class LightOut(Schema):
    colour: str = Field(description="red | yellow | green | blue | grey")
    ratio: str | None = Field(description="the percent the light was judged on")
    reason_zh: str
    reason_en: str


class MonitoringOut(ReportSummary):
    table: CoreTable = Field(description="The 监控表 as filled (jixiao/1, kind monitoring)")
    execution_lights: list[LightOut]
    indicator_lights: list[LightOut]


class RowScoreOut(Schema):
    name: str
    method: str
    points: str | None
    computed: str | None
    explain_zh: str
    explain_en: str


class RowCheckOut(Schema):
    score: str | None = None
    comment: str | None = None


class CheckOut(Schema):
    rows: dict[str, RowCheckOut] = Field(default_factory=dict, description="row index → 核查分数 and comment")
    execution: RowCheckOut | None = None
    total: str | None = Field(None, description="the checked total (the unit's score where none was checked)")


class SelfEvaluationOut(ReportSummary):
    table: CoreTable = Field(description="The 自评表 as filled (jixiao/1, kind self_evaluation)")
    total: str | None
    grade: str | None
    rows: list[RowScoreOut]
    checked: CheckOut | None = Field(None, description="财政审核's 核查分数, once the bureau has checked the report")


def _summary(report: Report) -> dict[str, object]:
    return {
        "id": report.pk,
        "task": report.task.title,
        "task_id": report.task_id,
        "unit": report.unit.name,
        "project_name": report.content.get("project_name") or "",
        "year": report.task.year,
        "period": report.task.period,
        "status": report.status,
        "deadline": report.task.deadline,
        "due": services.due_state(report, timezone.localdate()).state,
    }


def _reports(request: HttpRequest, kind: str) -> list[Report]:
    reports = visible_reports(request.user).filter(task__kind=kind).select_related("task", "unit")
    return list(reports.order_by("-task__deadline", "pk")[:500])


def _one(request: HttpRequest, pk: int, kind: str) -> Report:
    report = Report.objects.select_related("task", "unit").filter(pk=pk, task__kind=kind).first()
    if report is None or not can_view(request.user, report):
        raise Http404
    return report


def _light(light: services.Light) -> LightOut:
    ratio = None if light.ratio is None else str(light.ratio)
    return LightOut(colour=light.colour.value, ratio=ratio, reason_zh=light.reason_zh, reason_en=light.reason_en)


@monitoring_router.get("", response=list[ReportSummary], summary="The monitoring reports you may see")
def list_monitoring(request: HttpRequest) -> list[dict[str, object]]:
    return [_summary(r) for r in _reports(request, TaskKind.MONITORING)]


@monitoring_router.get("/{int:pk}", response=MonitoringOut, by_alias=True, summary="One 监控表 with its lights")
def get_monitoring(request: HttpRequest, pk: int) -> MonitoringOut:
    report = _one(request, pk, TaskKind.MONITORING)
    table = report.core()
    execution, rows = services.lights(report, table)
    return MonitoringOut(
        **_summary(report),  # type: ignore[arg-type]
        table=table,
        execution_lights=[_light(x) for x in execution],
        indicator_lights=[_light(x) for x in rows],
    )


@selfeval_router.get("", response=list[ReportSummary], summary="The self-evaluation reports you may see")
def list_selfeval(request: HttpRequest) -> list[dict[str, object]]:
    return [_summary(r) for r in _reports(request, TaskKind.SELF_EVALUATION)]


@selfeval_router.get("/{int:pk}", response=SelfEvaluationOut, by_alias=True, summary="One 自评表 with its scores")
def get_selfeval(request: HttpRequest, pk: int) -> SelfEvaluationOut:
    report = _one(request, pk, TaskKind.SELF_EVALUATION)
    table = report.core()
    score = services.scores(table)
    rows = []
    for row in score.rows:
        zh, en = row.explain()
        rows.append(
            RowScoreOut(
                name=row.name,
                method=row.method,
                points=None if row.points is None else str(row.points),
                computed=None if row.computed is None else str(row.computed),
                explain_zh=zh,
                explain_en=en,
            )
        )
    return SelfEvaluationOut(
        **_summary(report),  # type: ignore[arg-type]
        table=table,
        total=None if score.computed_total is None else str(score.computed_total),
        grade=score.computed_grade,
        rows=rows,
        checked=CheckOut(**report.checked) if report.checked else None,
    )
