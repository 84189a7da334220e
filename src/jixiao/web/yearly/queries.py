"""The database side of the to-do list and the dashboards: pages of reports instead of all of them, and counts
per unit grouped by the database instead of Python loops over every report of a bureau."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.db.models.fields.json import KeyTransform

from jixiao.monitoring.lights import Colour
from jixiao.web.yearly import services
from jixiao.web.yearly.models import Report, ReportStatus, TaskKind, YearTask

__all__ = ["PAGE_SIZE", "UnitCounts", "grade_counts", "listed", "page_of", "quadrant_points", "unit_counts"]

PAGE_SIZE = 50


def done_statuses() -> list[str]:
    """The statuses services.due_state counts as done, asked of it (a task not started yet: every other status
    is "not_started" there), so the database counts what the to-do list shows."""
    today = dt.date(2000, 1, 1)
    task = YearTask(start=today + dt.timedelta(days=1), deadline=today + dt.timedelta(days=2), warning_days=0)
    return [s for s in ReportStatus.values if services.due_state(Report(task=task, status=s), today).state == "done"]


def listed(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports as a list shows them: task and unit joined, the project name and title read out of the content
    by the database (a row needs those two, not the whole jixiao/1 table), as JSON values: a null is None, as
    ``content.project_name`` gave it (the text of a null key reads "null" on SQLite)."""
    return (
        reports.select_related("task", "unit")
        .defer("content")
        .annotate(project=KeyTransform("project_name", "content"), title=KeyTransform("title", "content"))
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


@dataclass
class UnitCounts:
    """Per unit name: its reports by deadline state, its monitoring reports by execution light; and how many
    of the reports have figures missing or older than the report (``stale``: the lights are only right at 0)."""

    deadlines: dict[str, Counter[str]]
    lights: dict[str, Counter[str]]
    stale: int


def unit_counts(reports: QuerySet[Report], today: dt.date) -> UnitCounts:
    """One row per unit from the database, with every count of the deadline and light charts. The state of an
    open report follows from its task's dates alone (services.due_state): the tasks are classed first (a few
    rows; every task, so that the reports need not be read for them), then counted by the lists of ids."""
    in_state: dict[str, list[int]] = defaultdict(list)
    monitoring = []
    for task in YearTask.objects.only("kind", "start", "deadline", "warning_days").order_by():
        in_state[services.due_state(Report(task=task, status=ReportStatus.DRAFT), today).state].append(task.pk)
        if task.kind == TaskKind.MONITORING:
            monitoring.append(task.pk)
    done = Q(status__in=done_statuses())
    columns = {f"state_{state}": Count("pk", filter=~done & Q(task_id__in=pks)) for state, pks in in_state.items()}
    lit = Q(task_id__in=monitoring) if monitoring else Q(pk__in=[])
    columns |= {f"light_{c.value}": Count("pk", filter=lit & Q(figures__light=c.value)) for c in Colour}
    grouped = (
        reports.order_by()
        .values("unit__name")
        .annotate(
            **columns,
            state_done=Count("pk", filter=done),
            monitored=Count("pk", filter=lit),
            stale=Count("pk", filter=Q(figures__isnull=True) | ~Q(figures__updated=F("updated"))),
        )
    )
    out = UnitCounts({}, {}, 0)
    for row in grouped:
        unit = row["unit__name"]
        out.deadlines[unit] = Counter({k[6:]: v for k, v in row.items() if k.startswith("state_")})
        if row["monitored"]:
            out.lights[unit] = Counter({k[6:]: v for k, v in row.items() if k.startswith("light_")})
        out.stale += row["stale"]
    return out
