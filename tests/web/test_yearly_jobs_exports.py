"""Exports and reminders as background jobs: the bound year through the database queue (and RQ when Redis
answers), read back with jixiao's reader; a PDF whose converter fails fails its job with the reason and keeps no
file; a report's PDF; the reminders written with the job's success or not at all, their e-mails after it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from job_helpers import job_of, run_and_download
from test_yearly_jobs import _db_worker, _redis_answers
from web_helpers import World

from jixiao.parsing import parse_bytes


def _bound(client: Any, world: World) -> Any:
    return client.get("/tables/bound/", {"unit": world.orgs["dept_a"].pk, "year": 2024, "format": "docx"})


def _visible_projects(world: World, user: str) -> list[str]:
    from jixiao.web.targets.exporting import year_tables
    from jixiao.web.targets.models import TargetTable

    visible = TargetTable.objects.restrict(world.users[user], "view").select_related("unit", "project")
    return sorted(t.project.name for t in year_tables(visible, world.orgs["dept_a"], 2024))


def test_bound_year_export_runs_on_the_database_queue(transactional_db: Any, world: World) -> None:
    from jixiao.web.jobs.models import Job

    reviewer = world.client("reviewer_a")
    pk = job_of(_bound(reviewer, world))
    job = Job.objects.get(pk=pk)
    assert job.kind == "export" and job.status == "queued" and job.task_id and job.files.count() == 0
    page = reviewer.get(f"/jobs/{pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "job-download" not in page
    assert reviewer.get(f"/jobs/{pk}/download/").status_code == 404  # nothing to download before it is done
    _db_worker()
    job.refresh_from_db()
    assert job.status == "succeeded" and (job.progress, job.total) == (2, 2) and job.attempts == 1
    fragment = reviewer.get(f"/jobs/{pk}/status/").content.decode()
    assert "hx-trigger" not in fragment and f'href="/jobs/{pk}/download/"' in fragment
    download = reviewer.get(f"/jobs/{pk}/download/")
    assert download["Content-Type"].endswith("wordprocessingml.document")
    assert (
        "filename*=UTF-8''" in download["Content-Disposition"]
        and f"jixiao-{world.orgs['dept_a'].pk}-2024.docx" in (download["Content-Disposition"])
    )
    tables = parse_bytes(download.content, "bound.docx").document.tables
    assert sorted(t.project_name for t in tables) == _visible_projects(world, "reviewer_a")
    assert len(tables) == 6  # both units of the department, never bureau B's
    # the file is the job owner's alone, as the job is
    assert world.client("filer_a1").get(f"/jobs/{pk}/download/").status_code == 404
    assert world.client("admin").get(f"/jobs/{pk}/download/").status_code == 200


def test_the_job_exports_what_its_owner_may_see_when_it_runs(world: World) -> None:
    filer = world.client("filer_a1")
    download = run_and_download(filer, _bound(filer, world))
    names = sorted(t.project_name for t in parse_bytes(download.content, "bound.docx").document.tables)
    assert names == _visible_projects(world, "filer_a1") and "另一单位项目" not in names
    started = _bound(filer, world)
    from jixiao.web.organisations.models import Membership
    from jixiao.web.organisations.scopes import forget_scopes

    Membership.objects.filter(user=world.users["filer_a1"]).delete()  # the filer leaves before the job runs
    forget_scopes(world.users["filer_a1"])
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.services import run_job

    assert run_job(job_of(started)) == "failed"
    assert "无法导出" in Job.objects.get(pk=job_of(started)).error


def _failing_soffice(folder: Path) -> None:
    """A LibreOffice that fails as a broken installation does (exit 1, a message on stderr)."""
    soffice = folder / "soffice"
    soffice.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    soffice.chmod(0o755)


def test_pdf_export_runs_as_a_job_and_a_failing_converter_fails_it(
    world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from jixiao.web.jobs.models import Job, JobFile
    from jixiao.web.jobs.services import run_job

    _failing_soffice(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    filer = world.client("filer_a1")
    table = world.tables["approved"]
    started = filer.get(f"/tables/{table.pk}/export/", {"format": "pdf"})
    pk = job_of(started)  # the request only starts the job: LibreOffice never runs inside it
    assert Job.objects.get(pk=pk).status == "queued"
    assert run_job(pk) == "failed"
    job = Job.objects.get(pk=pk)
    assert "PDF 文件未能生成" in job.error and "exit 1" in job.error and "未保存任何内容" in job.error
    assert str(tmp_path) not in job.error and "/tmp/" not in job.error  # no server paths
    assert JobFile.objects.filter(job=job).count() == 0 and filer.get(f"/jobs/{pk}/download/").status_code == 404
    fragment = filer.get(f"/jobs/{pk}/status/").content.decode()
    assert "job-error" in fragment and "source file could not be loaded" in fragment
    # the yearly report's PDF goes the same way
    report = _monitoring_report(world)
    pk = job_of(filer.get(f"/yearly/reports/{report.pk}/export.pdf"))
    assert run_job(pk) == "failed" and "PDF 文件未能生成" in Job.objects.get(pk=pk).error


def _monitoring_report(world: World) -> Any:
    from jixiao.web.yearly.services import issue_task

    today = dt.date.today()
    task = issue_task(kind="monitoring", bureau=world.orgs["bureau_a"], year=2024, period="1-9月", start=today,
                      deadline=today + dt.timedelta(days=20), warning_days=5, units=None,
                      user=world.users["reviewer_a"])  # fmt: skip
    return task.reports.get()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_report_pdf_is_made_by_a_job_and_holds_the_report(world: World, tmp_path: Path) -> None:
    report = _monitoring_report(world)
    filer = world.client("filer_a1")
    download = run_and_download(filer, filer.get(f"/yearly/reports/{report.pk}/export.pdf"))
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(download.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    # the 监控表 layout: its title, the indicators, and the columns of the months monitored
    assert "批复项目绩效运行监控表（1-9月）" in flat and "问题回查率（%）" in flat
    assert "1-9月执行情况" in flat and "纠偏措施" in flat
    from jixiao.parsing import parse_file

    (table,) = parse_file(path).document.tables  # read back as what it is
    assert table.kind == "monitoring" and [i.name for i in table.indicators][:1] == ["问题回查率（%）"]


def _due_soon_task(world: World) -> Any:
    from jixiao.web.yearly.services import issue_task

    today = dt.date.today()
    return issue_task(kind="monitoring", bureau=world.orgs["bureau_a"], year=2024, period="1-6月",
                      start=today - dt.timedelta(days=10), deadline=today + dt.timedelta(days=2), warning_days=5,
                      units=None, user=world.users["reviewer_a"])  # fmt: skip


def test_reminders_run_as_a_job_once_per_step_and_day(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.services import run_job
    from jixiao.web.yearly.models import Reminder

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.users["filer_a1"].email = "filer_a1@example.cn"
    world.users["filer_a1"].save()
    _due_soon_task(world)
    assert world.client("filer_a1").post("/yearly/reminders/").status_code == 403  # a bureau's button
    reviewer = world.client("reviewer_a")
    assert 'id="reminders-button"' in reviewer.get("/yearly/tasks/").content.decode()
    pk = job_of(reviewer.post("/yearly/reminders/"))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_job(pk) == "succeeded"
    job = Job.objects.get(pk=pk)
    assert job.result == {"sent": 2, "planned": 2, "day": dt.date.today().isoformat()}
    assert Reminder.objects.count() == 2 and [m.to for m in mail.outbox] == [["filer_a1@example.cn"]]
    assert "已发送 2 条提醒" in reviewer.get(f"/jobs/{pk}/status/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_job(job_of(reviewer.post("/yearly/reminders/"))) == "succeeded"  # the same day again
    assert Reminder.objects.count() == 2 and len(mail.outbox) == 1
    # another bureau's button reminds about its own tree only
    other = job_of(world.client("reviewer_b").post("/yearly/reminders/"))
    assert run_job(other) == "succeeded" and Job.objects.get(pk=other).result["planned"] == 0


def test_a_failing_reminders_job_writes_and_sends_nothing(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.runners import RUNNERS
    from jixiao.web.jobs.services import run_job
    from jixiao.web.yearly.models import Reminder

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.users["filer_a1"].email = "filer_a1@example.cn"
    world.users["filer_a1"].save()
    _due_soon_task(world)
    runner = RUNNERS["reminders"]
    original = type(runner).write

    def failing_write(self: Any, job: Any, prepared: Any) -> Any:
        original(self, job, prepared)  # the notes are written, then the job fails before it commits
        raise RuntimeError("database went away")

    monkeypatch.setattr(type(runner), "write", failing_write)
    pk = job_of(world.client("reviewer_a").post("/yearly/reminders/"))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_job(pk) == "failed"
    assert "database went away" in Job.objects.get(pk=pk).error
    assert Reminder.objects.count() == 0 and mail.outbox == []


def test_daily_command_can_queue_the_reminders_as_a_job(world: World) -> None:
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.services import run_job

    _due_soon_task(world)
    call_command("yearly_reminders", "--enqueue", verbosity=0)
    job = Job.objects.get(kind="reminders")
    assert job.owner is None and job.params == {"day": dt.date.today().isoformat()}
    assert run_job(job.pk) == "succeeded" and job.__class__.objects.get(pk=job.pk).result["sent"] == 2
    assert world.client("admin").get(f"/jobs/{job.pk}/").status_code == 200  # administrators see scheduled jobs
    assert f'href="/jobs/{job.pk}/"' in world.client("admin").get("/jobs/").content.decode()
    assert world.client("reviewer_a").get(f"/jobs/{job.pk}/").status_code == 404
    assert f'href="/jobs/{job.pk}/"' not in world.client("reviewer_a").get("/jobs/").content.decode()


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_bound_year_export_runs_on_rq(transactional_db: Any, world: World, settings: Any) -> None:
    import django_rq
    from django_tasks_rq import Job as RQJob
    from rq import SimpleWorker

    from jixiao.web.jobs.models import Job

    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    reviewer = world.client("reviewer_a")
    pk = job_of(_bound(reviewer, world))
    job = Job.objects.get(pk=pk)
    queue = django_rq.get_queue("default", job_class=RQJob)
    assert job.task_id in queue.job_ids
    SimpleWorker([queue], connection=queue.connection, job_class=RQJob).work(burst=True)  # no fork: same database
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    tables = parse_bytes(reviewer.get(f"/jobs/{pk}/download/").content, "bound.docx").document.tables
    assert sorted(t.project_name for t in tables) == _visible_projects(world, "reviewer_a")


def test_the_daily_scheduler_queues_the_reminders_once_a_day(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import timezone

    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.schedule import queue_due
    from jixiao.web.jobs.services import run_job
    from jixiao.web.jobs.worker import scheduler_command

    monkeypatch.setenv("JIXIAO_DAILY_HOUR", "8")
    _due_soon_task(world)
    today = timezone.localdate()
    early = timezone.make_aware(dt.datetime.combine(today, dt.time(7, 59)))
    assert queue_due(early) == []  # before the daily hour: nothing
    world.client("reviewer_a").post("/yearly/reminders/")  # a bureau's own run does not count as the daily one
    later = early + dt.timedelta(hours=2)
    queued = queue_due(later)
    assert sorted(Job.objects.filter(pk__in=queued).values_list("kind", flat=True)) == ["export_cleanup", "reminders"]
    job = Job.objects.get(pk__in=queued, kind="reminders")
    pk = job.pk
    assert job.kind == "reminders" and job.owner is None and job.params == {"day": today.isoformat()}
    assert queue_due(later + dt.timedelta(hours=5)) == []  # once a day
    assert run_job(pk) == "succeeded" and Job.objects.get(pk=pk).result["sent"] == 2
    monkeypatch.setattr(timezone, "now", lambda: later + dt.timedelta(days=1))
    call_command("jobs_scheduler", "--once", verbosity=0)  # the next day: the next day's job
    assert Job.objects.filter(kind="reminders", owner__isnull=True).count() == 2
    assert Job.objects.filter(kind="export_cleanup", owner__isnull=True).count() == 2
    assert scheduler_command()[-1] == "jobs_scheduler"


def test_export_files_expire_after_the_days_kept(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import timezone

    from jixiao.web.jobs.models import Job, JobFile
    from jixiao.web.jobs.services import create_job, run_job

    monkeypatch.setenv("JIXIAO_EXPORT_KEEP_DAYS", "7")
    reviewer = world.client("reviewer_a")
    old, recent = job_of(_bound(reviewer, world)), job_of(_bound(reviewer, world))
    assert run_job(old) == "succeeded" and run_job(recent) == "succeeded"
    Job.objects.filter(pk=old).update(finished=timezone.now() - dt.timedelta(days=8))
    cleanup = create_job("export_cleanup", None, {"day": timezone.localdate().isoformat()})
    assert run_job(cleanup.pk) == "succeeded" and Job.objects.get(pk=cleanup.pk).result["removed"] == 1
    assert JobFile.objects.filter(job_id=old).count() == 0 and JobFile.objects.filter(job_id=recent).count() == 1
    assert reviewer.get(f"/jobs/{old}/download/").status_code == 404
    assert "已超过保留期限并已删除" in reviewer.get(f"/jobs/{old}/status/").content.decode()
    assert reviewer.get(f"/jobs/{recent}/download/").status_code == 200


def test_export_job_whose_worker_dies_keeps_no_file_and_is_retried(
    transactional_db: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils import timezone

    from jixiao.web.jobs.exports import ExportRunner
    from jixiao.web.jobs.models import Job, JobFile
    from jixiao.web.jobs.services import recover_stale_jobs

    original = ExportRunner.write

    def dying_write(self: Any, job: Any, prepared: Any) -> Any:
        original(self, job, prepared)  # the file is written, then the worker dies before the commit
        raise SystemExit("worker killed")

    monkeypatch.setattr(ExportRunner, "write", dying_write)
    reviewer = world.client("reviewer_a")
    pk = job_of(_bound(reviewer, world))
    _db_worker()
    assert Job.objects.get(pk=pk).status == "running" and JobFile.objects.count() == 0  # rolled back with it
    monkeypatch.undo()
    assert recover_stale_jobs(now=timezone.now() + dt.timedelta(hours=1)) == [pk]
    _db_worker()
    job = Job.objects.get(pk=pk)
    assert job.status == "succeeded" and job.attempts == 2 and JobFile.objects.filter(job=job).count() == 1
    assert reviewer.get(f"/jobs/{pk}/download/").status_code == 200
