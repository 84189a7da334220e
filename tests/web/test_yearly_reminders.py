"""Deadline reminders with a frozen clock: sent once per step and day to whoever holds the next step, again
the next day, by e-mail and as an in-app note; overdue shown on the to-do list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from web_helpers import World


def _task(world: World) -> Any:
    from jixiao.web.yearly.services import issue_task

    start = dt.date(2025, 8, 1)
    return issue_task(
        kind="monitoring",
        bureau=world.orgs["bureau_a"],
        year=2024,
        period="1-7月",
        start=start,
        deadline=dt.date(2025, 8, 20),
        warning_days=5,
        units=None,
        user=world.users["reviewer_a"],
    )


def test_reminders_once_per_step_and_day_then_overdue(
    world: World, settings: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from jixiao.web.yearly.models import Reminder
    from jixiao.web.yearly.reminders import send_reminders
    from jixiao.web.yearly.services import transition

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for user in world.users.values():
        user.email = f"{user.username}@example.cn"
        user.save()
    task = _task(world)
    report = task.reports.get()

    def send(day: dt.date) -> int:  # the e-mails go once the reminders' transaction has committed
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders(day)

    assert send(dt.date(2025, 8, 10)) == 0  # ten days left: outside the five warning days
    assert send(dt.date(2025, 8, 16)) == 2  # filer and approver of unit A1
    assert send(dt.date(2025, 8, 16)) == 0  # the same day again: nothing
    assert sorted(m.to[0] for m in mail.outbox) == ["approver_a1@example.cn", "filer_a1@example.cn"]
    assert "还剩 4 天" in mail.outbox[0].subject
    assert send(dt.date(2025, 8, 17)) == 2  # a new day
    # the clock frozen at 2025-08-23 09:00 Beijing time for the daily command and the page
    frozen = dt.datetime(2025, 8, 23, 1, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("yearly_reminders", verbosity=0)
    page = world.client("filer_a1").get("/yearly/").content.decode()
    assert Reminder.objects.filter(day=dt.date(2025, 8, 23), text__contains="已逾期 3 天").count() == 2
    assert "due-overdue" in page and "已逾期 3 天" in page and "overdue by" not in page
    report.content["execution"][0]["executed"] = "1"
    report.content["execution"][1]["executed"] = "1"
    report.save()
    transition(report, "submit")
    assert send(dt.date(2025, 8, 23)) == 1  # the next step is the department's reviewer (主管部门审核)
    assert Reminder.objects.filter(user=world.users["dept_reviewer_a"], step="department_review").count() == 1
    assert send(dt.date(2025, 8, 23)) == 0
    transition(report, "department_approve")
    assert send(dt.date(2025, 8, 23)) == 1  # a new step on the same day: then the bureau's reviewer
    assert Reminder.objects.filter(user=world.users["reviewer_a"], step="submitted").count() == 1
    assert len(mail.outbox) == 8


def test_planning_the_reminders_costs_the_same_queries_for_few_and_many_reports(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.web.targets.models import Project, TargetTable
    from jixiao.web.yearly.reminders import plan

    task = _task(world)
    unit = world.orgs["unit_a1"]

    def queries(n: int) -> tuple[int, int]:
        for i in range(n - task.reports.count()):
            project = Project.objects.create(code=f"R-{n}-{i}", name=f"项目{i}", unit=unit, year=2024)
            table = TargetTable.objects.create(project=project, unit=unit, year=2024, status="published")
            task.reports.create(table=table, unit=unit, content=task.reports.first().content)
        with CaptureQueriesContext(connection) as ctx:
            planned = plan(dt.date(2025, 8, 16))
        return len(ctx.captured_queries), len(planned)

    few, many = queries(2), queries(30)
    assert few[0] == many[0] and (few[1], many[1]) == (4, 60)  # the unit's filer and approver for each report
