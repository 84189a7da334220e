"""The to-do list, a task page and the dashboard cost a fixed number of queries, whatever the number of reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from web_helpers import World


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _task_with_reports(world: World, n: int) -> Any:
    """A monitoring task with ``n`` reports, each on a bare published table of its own (fast fixtures)."""
    from jixiao.web.targets.models import Project, TargetTable
    from jixiao.web.yearly.models import Report, YearTask

    published = world.tables["published"]
    task = YearTask.objects.create(
        kind="monitoring",
        bureau=world.orgs["bureau_a"],
        year=2024,
        period="1-6月",
        title=f"任务{n}",
        start=dt.date(2025, 7, 1),
        deadline=dt.date(2025, 7, 20),
        warning_days=5,
    )
    from jixiao.monitoring import monitoring_table
    from jixiao.web.targets.convert import to_core_table

    content = monitoring_table(to_core_table(published), period="1-6月").model_dump(mode="json")
    unit = published.unit
    tables = [
        TargetTable.objects.create(
            project=Project.objects.create(code=f"Y{n}-{i}", name=f"项目{n}-{i}", unit=unit, year=2024),
            unit=unit,
            year=2024,
            status="published",
            project_name=f"项目{n}-{i}",
        )
        for i in range(n)
    ]
    Report.objects.bulk_create(Report(task=task, table=t, unit=unit, content=content) for t in tables)
    return task


def test_yearly_pages_cost_the_same_queries_for_few_and_many_reports(world: World) -> None:
    from jixiao.web.yearly.models import Report

    filer, reviewer = world.client("filer_a1"), world.client("reviewer_a")
    department = world.client("dept_reviewer_a")
    approver = world.client("approver_a1")

    def counts(task: Any) -> tuple[int, ...]:
        # half the reports wait at 主管部门审核, the others at 财政审核: both reviewers' queues are full
        reports = list(task.reports.order_by("pk"))
        Report.objects.filter(pk__in=[r.pk for r in reports[::2]]).update(status="department_review")
        Report.objects.filter(pk__in=[r.pk for r in reports[1::2]]).update(status="submitted")
        return (
            _count(filer, "/yearly/"),
            _count(reviewer, "/yearly/"),
            _count(department, "/yearly/"),
            _count(approver, "/yearly/"),
            _count(reviewer, f"/yearly/tasks/{task.pk}/"),
            _count(reviewer, "/yearly/dashboard/"),
            _count(reviewer, "/yearly/dashboard/?csv=lights"),
            _count(reviewer, "/yearly/dashboard/"),  # figures already computed: no upsert
        )

    few = counts(_task_with_reports(world, 2))
    Report.objects.all().delete()
    many_task = _task_with_reports(world, 30)
    many = counts(many_task)
    assert few == many, (few, many)
    assert filer.get("/yearly/").content.decode().count("todo-row") == 30
    assert department.get("/yearly/").content.decode().count('<li><a href="/yearly/reports/') == 15
    many_task.reports.update(status="submitted")  # the reviewer's queue, paged: 90 reports cost what 30 did
    queue = _count(reviewer, "/yearly/")
    _task_with_reports(world, 60).reports.update(status="submitted")
    assert (_count(reviewer, "/yearly/"), _count(approver, "/yearly/")) == (queue, many[3])
