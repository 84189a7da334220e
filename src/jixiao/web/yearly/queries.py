"""The database side of the to-do list and the dashboards: pages of reports instead of all of them, and counts
per unit grouped by the database instead of Python loops over every report of a bureau."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT

from jixiao.monitoring.lights import Colour
from jixiao.web.yearly import services
from jixiao.web.yearly.models import Report, ReportStatus, TaskKind, YearTask

__all__ = [
    "PAGE_SIZE",
    "deadline_counts",
    "grade_counts",
    "light_counts",
    "listed",
    "page_of",
    "quadrant_points",
]

PAGE_SIZE = 50


def done_statuses() -> list[str]:
    """The statuses services.due_state counts as done, asked of it (a task not started yet: every other status
    is "not_started" there), so the database counts what the to-do list shows."""
    today = dt.date(2000, 1, 1)
    task = YearTask(start=today + dt.timedelta(days=1), deadline=today + dt.timedelta(days=2), warning_days=0)
    return [s for s in ReportStatus.values if services.due_state(Report(task=task, status=s), today).state == "done"]


def listed(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports as a list shows them: task and unit joined, the project name and title read out of the content
    by the database (a row needs those two, not the whole jixiao/1 table)."""
    return (
        reports.select_related("task", "unit")
        .defer("content")
        .annotate(project=KT("content__project_name"), title=KT("content__title"))
    )


def page_of(reports: QuerySet[Report], number: str | None) -> Page[Any]:
    """One page of ``PAGE_SIZE`` reports in their order, :func:`listed` (an invalid or too large number gives the
    first or the last page). The database counts and orders the ids alone, then reads the page's rows: asked in
    one query, it read the project name out of every report's content before sorting and keeping fifty."""
    page: Page[Any] = Paginator(reports.values_list("pk", flat=True), PAGE_SIZE).get_page(number)
    ids: list[int] = list(page.object_list)
    rows = {r.pk: r for r in listed(Report.objects.filter(pk__in=ids)).order_by()}
    page.object_list = [rows[pk] for pk in ids]
    return page


def quadrant_points(reports: QuerySet[Report]) -> list[list[Any]]:
    """自评预警 points (unit, project, execution rate %, indicator score rate %) of the scored self-evaluations,
    in the reports' own order."""
    points = (
        reports.filter(task__kind=TaskKind.SELF_EVALUATION, figures__scored=True)
        .exclude(figures__rate="")
        .values_list("unit__name", "figures__project", "figures__rate", "figures__share")
    )
    return [list(p) for p in points]


def grade_counts(reports: QuerySet[Report]) -> dict[str, Counter[str]]:
    """Unit name → its scored self-evaluations per grade ("—" where one has none)."""
    scored = reports.filter(task__kind=TaskKind.SELF_EVALUATION, figures__scored=True)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for unit, grade, n in scored.order_by().values_list("unit__name", "figures__grade").annotate(n=Count("pk")):
        counts[unit][grade] += n
    return counts


def light_counts(reports: QuerySet[Report]) -> dict[str, Counter[str]]:
    """Unit name → its monitoring reports per execution light colour, one row per unit from the database."""
    columns = {colour.value: Count("pk", filter=Q(figures__light=colour.value)) for colour in Colour}
    grouped = reports.filter(task__kind=TaskKind.MONITORING).order_by().values("unit__name").annotate(**columns)
    return {row["unit__name"]: Counter({k: v for k, v in row.items() if k != "unit__name"}) for row in grouped}


def deadline_counts(reports: QuerySet[Report], today: dt.date) -> dict[str, Counter[str]]:
    """Unit name → reports per deadline state (services.due_state). The state of an open report follows from
    its task's dates alone: the tasks of these reports are classed first (a few), then the database counts per
    unit the done reports and the open ones of the tasks in each state (one row per unit)."""
    tasks = YearTask.objects.filter(pk__in=reports.order_by().values("task_id")).only(
        "start", "deadline", "warning_days"
    )
    in_state: dict[str, list[int]] = defaultdict(list)
    for task in tasks:
        in_state[services.due_state(Report(task=task, status=ReportStatus.DRAFT), today).state].append(task.pk)
    done = Q(status__in=done_statuses())
    columns = {state: Count("pk", filter=~done & Q(task_id__in=pks)) for state, pks in in_state.items()}
    grouped = reports.order_by().values("unit__name").annotate(done=Count("pk", filter=done), **columns)
    return {row["unit__name"]: Counter({k: v for k, v in row.items() if k != "unit__name"}) for row in grouped}
