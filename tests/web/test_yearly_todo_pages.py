"""The to-do list comes a page at a time: every report once, in deadline order across the pages, and the
reviewer's queue of submitted reports paged on its own."""

from __future__ import annotations

import datetime as dt
import re

from web_helpers import World


def _reports(world: World, n: int, deadline: dt.date, status: str = "draft") -> list[int]:
    from jixiao.monitoring import monitoring_table
    from jixiao.web.targets.convert import to_core_table
    from jixiao.web.targets.models import Project, TargetTable
    from jixiao.web.yearly.models import Report, YearTask

    task = YearTask.objects.create(
        kind="monitoring", bureau=world.orgs["bureau_a"], year=2024, period="1-6月", title=f"截止{deadline}",
        start=deadline - dt.timedelta(days=20), deadline=deadline, warning_days=5,
    )  # fmt: skip
    content = monitoring_table(to_core_table(world.tables["published"]), period="1-6月").model_dump(mode="json")
    unit = world.orgs["unit_a1"]
    reports = []
    for i in range(n):
        name = f"{deadline}-{status}-{i}"
        table = TargetTable.objects.create(
            project=Project.objects.create(code=name, name=name, unit=unit, year=2024),
            unit=unit, year=2024, status="published", project_name=name,
        )  # fmt: skip
        reports.append(Report(task=task, table=table, unit=unit, content=content, status=status))
    return [r.pk for r in Report.objects.bulk_create(reports)]


def _linked(page: str, section: str) -> list[int]:
    part = page.split('id="reviewing"')[0] if section == "todo" else page.split('id="reviewing"')[1]
    return [int(pk) for pk in re.findall(r'href="/yearly/reports/(\d+)/"', part)]


def test_todo_pages_hold_every_report_once_in_deadline_order(world: World) -> None:
    late = _reports(world, 30, dt.date(2025, 9, 30))
    early = _reports(world, 35, dt.date(2025, 8, 31))
    filer = world.client("filer_a1")
    first = filer.get("/yearly/").content.decode()
    second = filer.get("/yearly/?page=2").content.decode()
    assert first.count("todo-row") == 50 and second.count("todo-row") == 15
    assert _linked(first, "todo") + _linked(second, "todo") == early + late
    assert "?page=2" in first and "?page=1" in second and "第 1 页，共 2 页" in first
    assert filer.get("/yearly/?page=99").content.decode().count("todo-row") == 15  # past the end: the last page
    assert filer.get("/yearly/?page=x").content.decode().count("todo-row") == 50


def test_reviewers_queue_of_submitted_reports_is_paged_apart_from_the_todo_list(world: World) -> None:
    from jixiao.web.yearly.models import Report

    submitted = _reports(world, 55, dt.date(2025, 8, 31), status="submitted")
    _reports(world, 5, dt.date(2025, 8, 31), status="draft")  # not in the queue
    reviewer = world.client("reviewer_a")
    ordered = list(Report.objects.filter(pk__in=submitted).values_list("pk", flat=True))  # the reports' own order
    first = reviewer.get("/yearly/?page=1").content.decode()
    second = reviewer.get("/yearly/?review_page=2").content.decode()
    assert _linked(first, "queue") + _linked(second, "queue") == ordered
    assert "review_page=2" in first and len(_linked(second, "queue")) == 5


def test_todo_rows_name_the_project_or_else_the_title_of_the_filled_table(world: World) -> None:
    from jixiao.web.yearly.models import Report

    named, untitled = _reports(world, 2, dt.date(2025, 8, 31))
    report = Report.objects.get(pk=untitled)
    report.content = {**report.content, "project_name": None, "title": "某单位绩效运行监控表（1-6月）"}
    report.save()
    page = world.client("filer_a1").get("/yearly/").content.decode()
    expected = Report.objects.get(pk=named).content["project_name"]
    assert f'<a href="/yearly/reports/{named}/">{expected}</a>' in page
    assert f'<a href="/yearly/reports/{untitled}/">某单位绩效运行监控表（1-6月）</a>' in page
