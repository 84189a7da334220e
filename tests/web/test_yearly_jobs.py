"""Background jobs: a multi-file import through the database queue (and RQ when Redis answers), progress and
result on the polled page, and a job whose worker dies retried or failed with its reason and no partial rows."""

from __future__ import annotations

import socket
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from web_helpers import FIXTURES, GOLD, World

SEEDS = GOLD.parent / "seeds"


def _files() -> list[tuple[str, bytes]]:
    return [
        ("001_lulong.docx", (FIXTURES / "001_lulong.docx").read_bytes()),
        ("002.txt", (SEEDS / "002_5e2b26b8bb821a85.txt").read_bytes()),  # names no unit: the filer's own
        ("broken.xlsx", b"PK\x03\x04 not really a workbook"),
    ]


def _start(client: Any, files: list[tuple[str, bytes]] | None = None) -> int:
    data = {"year": 2024, "files": [SimpleUploadedFile(n, c) for n, c in files or _files()]}
    response = client.post("/jobs/import/", data)
    assert response.status_code == 302, response.content[:500]
    return int(response["Location"].rstrip("/").split("/")[-1])


def _tables() -> int:
    from jixiao.web.targets.models import TargetTable

    return TargetTable.objects.count()


def _db_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_multi_file_import_runs_on_the_database_queue(transactional_db: Any, world: World) -> None:
    from jixiao.web.jobs.models import Job

    client = world.client("filer_a1")
    before = _tables()
    pk = _start(client)
    job = Job.objects.get(pk=pk)
    assert job.status == "queued" and job.task_id and job.files.count() == 3
    page = client.get(f"/jobs/{pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page  # the page polls while the job waits
    _db_worker()
    job.refresh_from_db()
    assert job.status == "succeeded" and job.attempts == 1 and (job.progress, job.total) == (3, 3)
    created = job.result["created"]
    assert len(created) == 10  # unit A1's seven tables of the .docx and the three of the seed naming no unit
    assert _tables() == before + 10
    assert [s for s in job.result["skipped"] if "Not your unit" in s["problem"] or "单位" in s["problem"]]
    fragment = client.get(f"/jobs/{pk}/status/").content.decode()
    assert "hx-trigger" not in fragment  # done: polling stops
    assert fragment.count("<li>") == 10 and "broken.xlsx" in fragment
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_job_pages_are_their_owners_alone(transactional_db: Any, world: World) -> None:
    pk = _start(world.client("filer_a1"), _files()[1:2])
    assert world.client("filer_a2").get(f"/jobs/{pk}/").status_code == 404
    assert world.client("filer_a2").get(f"/jobs/{pk}/status/?format=json").status_code == 404
    assert world.client("anonymous").get(f"/jobs/{pk}/").status_code == 302
    assert world.client("admin").get(f"/jobs/{pk}/status/?format=json").json()["status"] == "queued"
    assert world.client("reviewer_a").get("/jobs/import/").status_code == 403  # files for no unit


def _kill_during_write(monkeypatch: Any) -> list[int]:
    """The worker dies after the runner has written its rows but before the transaction commits."""
    from jixiao.web.jobs.runners import RUNNERS

    runner = RUNNERS["import"]
    original = type(runner).write
    written: list[int] = []

    def dying_write(self: Any, job: Any, prepared: Any) -> Any:
        result = original(self, job, prepared)
        written.append(len(result["created"]))
        raise SystemExit("worker killed")  # BaseException: what a dying process leaves behind

    monkeypatch.setattr(type(runner), "write", dying_write)
    return written


def test_job_whose_worker_dies_is_retried_and_leaves_no_partial_rows(
    transactional_db: Any, world: World, monkeypatch: Any
) -> None:
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.services import recover_stale_jobs

    client = world.client("filer_a1")
    before = _tables()
    pk = _start(client, _files()[:2])
    written = _kill_during_write(monkeypatch)
    _db_worker()
    job = Job.objects.get(pk=pk)
    assert written == [10] and job.status == "running" and _tables() == before  # rows rolled back with the worker
    assert recover_stale_jobs() == []  # still within its heartbeat window: not touched
    monkeypatch.undo()
    later = timezone.now() + timedelta(hours=1)
    assert recover_stale_jobs(now=later) == [pk]
    job.refresh_from_db()
    assert job.status == "queued" and "后台进程在第 1 次尝试中停止" in job.message
    _db_worker()
    job.refresh_from_db()
    assert job.status == "succeeded" and job.attempts == 2 and _tables() == before + 10


def test_job_whose_worker_dies_on_its_last_attempt_fails_with_the_reason(
    transactional_db: Any, world: World, monkeypatch: Any
) -> None:
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.services import recover_stale_jobs, stale_after

    client = world.client("filer_a1")
    before = _tables()
    pk = _start(client, _files()[1:2])
    Job.objects.filter(pk=pk).update(max_attempts=1)
    _kill_during_write(monkeypatch)
    _db_worker()
    # the page's own poll notices the dead worker once the heartbeat is older than the limit
    Job.objects.filter(pk=pk).update(heartbeat=timezone.now() - stale_after() - timedelta(seconds=1))
    data = client.get(f"/jobs/{pk}/status/?format=json").json()
    assert data["status"] == "failed" and "后台进程在第 1 次（共 1 次）尝试中停止" in data["error"]
    assert "未保存任何内容" in data["error"] and _tables() == before
    assert recover_stale_jobs(now=timezone.now() + timedelta(days=1)) == []
    fragment = client.get(f"/jobs/{pk}/status/").content.decode()
    assert "job-error" in fragment and "hx-trigger" not in fragment


def test_failing_job_records_its_reason_and_rolls_back(transactional_db: Any, world: World, monkeypatch: Any) -> None:
    from jixiao.web.jobs.models import Job
    from jixiao.web.targets import importing

    def refuse(created: Any, user: Any) -> None:
        raise importing.ImportFailed("Some of these tables would not be yours to edit; nothing was imported.")

    monkeypatch.setattr(importing, "recheck_created", refuse)
    before = _tables()
    pk = _start(world.client("filer_a1"), _files()[1:2])
    _db_worker()
    job = Job.objects.get(pk=pk)
    assert job.status == "failed" and "nothing was imported" in job.error and _tables() == before


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_multi_file_import_runs_on_rq(transactional_db: Any, world: World, settings: Any) -> None:
    import django_rq
    from django_tasks_rq import Job as RQJob
    from rq import SimpleWorker

    from jixiao.web.jobs.models import Job

    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    before = _tables()
    pk = _start(world.client("filer_a1"), _files()[:2])
    job = Job.objects.get(pk=pk)
    queue = django_rq.get_queue("default", job_class=RQJob)
    assert job.task_id in queue.job_ids
    worker = SimpleWorker([queue], connection=queue.connection, job_class=RQJob)  # no fork: same test database
    worker.work(burst=True)
    job.refresh_from_db()
    assert job.status == "succeeded" and len(job.result["created"]) == 10 and _tables() == before + 10


def test_worker_command_follows_redis_url() -> None:
    from jixiao.web.jobs.worker import worker_command

    assert worker_command({})[-2:] == ["db_worker", "--no-reload"]
    assert worker_command({"REDIS_URL": "redis://127.0.0.1:6379/0"})[-4:] == [
        "rqworker",
        "--job-class",
        "django_tasks_rq.Job",
        "default",
    ]


def test_same_projects_twice_in_one_job_become_versions(transactional_db: Any, world: World) -> None:
    from jixiao.web.jobs.models import Job
    from jixiao.web.targets.models import TargetTable

    docx = (FIXTURES / "001_lulong.docx").read_bytes()
    pk = _start(world.client("filer_a1"), [("a.docx", docx), ("b.docx", docx)])
    _db_worker()
    job = Job.objects.get(pk=pk)
    assert job.status == "succeeded", job.error
    assert sorted(t["version"] for t in job.result["created"]) == [1] * 7 + [2] * 7
    assert TargetTable.objects.filter(source_name="b.docx", is_current=True).count() == 7


UNKNOWN_COLUMN = """1.医保经办能力提升项目绩效目标表
项目名称\t医保经办能力提升\t主管部门\t某县医疗保障局
项目总额\t30.00\t其中：财政资金\t30.00
年度目标\t提升医保经办能力，群众办事更便捷。
一级指标\t二级指标\t三级指标\t指标值\t是否核心
产出指标\t数量指标\t培训人次\t≥50人次\t是
效益指标\t社会效益指标\t政策知晓率\t≥95%\t否
满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t是
"""


def test_a_background_import_shows_the_readers_warnings_in_the_pages_language(
    transactional_db: Any, world: World
) -> None:
    pk = _start(world.client("filer_a1"), [("core.txt", UNKNOWN_COLUMN.encode("utf-8"))])
    _db_worker()
    chinese = world.client("filer_a1").get(f"/jobs/{pk}/status/").content.decode()
    assert "印有但未读取" in chinese and "printed but not read" not in chinese and "「是否核心」(3)" in chinese
    english = world.client("filer_a1", headers={"Accept-Language": "en"}).get(f"/jobs/{pk}/status/").content.decode()
    assert "printed but not read" in english and "印有但未读取" not in english
