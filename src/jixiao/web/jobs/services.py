"""Starting, running and recovering jobs.

:func:`run_job` is what the worker calls: it claims the job (``queued`` → ``running``, one attempt more), runs
the ``prepare`` phase with heartbeats, then the ``write`` phase and the job's success in one transaction. A
failure records its reason and rolls the rows back. A worker that dies mid-job leaves the job ``running`` with
an old heartbeat: :func:`recover_stale_jobs` (called whenever a job's page polls, and by the daily job) puts it
back on the queue while it has attempts left, else marks it failed with that reason.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jixiao.errors import JixiaoError
from jixiao.web.jobs.models import Job, JobFile, JobStatus
from jixiao.web.jobs.runners import RUNNERS, JobFailed

__all__ = ["create_job", "enqueue", "recover_stale_jobs", "run_job", "stale_after"]

log = logging.getLogger(__name__)


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "JIXIAO_JOB_STALE_SECONDS", 600)))


def create_job(kind: str, owner: Any, params: dict[str, Any], files: Iterable[tuple[str, bytes]] = ()) -> Job:
    """The job row and its files, queued once the surrounding transaction commits."""
    if kind not in RUNNERS:
        raise ValueError(f"unknown job kind {kind!r}")
    with transaction.atomic():
        job = Job.objects.create(kind=kind, owner=owner, params=params)
        JobFile.objects.bulk_create(
            JobFile(job=job, position=i, name=name, data=data) for i, (name, data) in enumerate(files)
        )
        transaction.on_commit(lambda: enqueue(job))
    return job


def enqueue(job: Job) -> None:
    from jixiao.web.jobs.tasks import run

    result = run.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def run_job(job_id: int) -> str:
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, attempts=F("attempts") + 1, started=now, heartbeat=now, error=""
    )
    if not claimed:  # done already, or another worker has it
        return "skipped"
    job = Job.objects.select_related("owner").get(pk=job_id)
    runner = RUNNERS[job.kind]

    def progress(done: int, total: int, message: str) -> None:
        Job.objects.filter(pk=job_id).update(
            progress=done, total=total, message=message[:300], heartbeat=timezone.now()
        )

    try:
        prepared = runner.prepare(job, progress)
        with transaction.atomic():
            result = runner.write(job, prepared)
            Job.objects.filter(pk=job_id).update(
                status=JobStatus.SUCCEEDED, result=result, finished=timezone.now(), message=""
            )
    except Exception as exc:  # the reason goes to the page; the rows of write() are rolled back
        if isinstance(exc, JixiaoError | JobFailed):
            reason = str(exc)
        else:
            reason = _("internal error (%(kind)s): %(detail)s") % {"kind": type(exc).__name__, "detail": str(exc)[:300]}
        log.exception("job %s failed", job_id)
        Job.objects.filter(pk=job_id).update(status=JobStatus.FAILED, error=reason, finished=timezone.now())
        return "failed"
    return "succeeded"


def recover_stale_jobs(*, now: datetime | None = None, job_ids: Iterable[int] | None = None) -> list[int]:
    """Jobs whose worker stopped giving signs of life: back on the queue, or failed with the reason.
    Returns the ids re-queued."""
    now = now or timezone.now()
    stale = Job.objects.filter(status=JobStatus.RUNNING, heartbeat__lt=now - stale_after())
    if job_ids is not None:
        stale = stale.filter(pk__in=list(job_ids))
    requeued = []
    for job in stale:
        seen = date_format(timezone.localtime(job.heartbeat), "Y-m-d H:i:s") if job.heartbeat else "—"
        if job.attempts < job.max_attempts:
            changed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, heartbeat=job.heartbeat).update(
                status=JobStatus.QUEUED,
                message=_("retrying: the worker stopped during attempt %(n)d (last sign of life %(seen)s)")
                % {"n": job.attempts, "seen": seen},
            )
            if changed:
                requeued.append(job.pk)
                transaction.on_commit(partial(enqueue, job))
        else:
            Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, heartbeat=job.heartbeat).update(
                status=JobStatus.FAILED,
                finished=now,
                error=_(
                    "the worker stopped during attempt %(n)d of %(max)d (last sign of life %(seen)s); nothing was saved"
                )
                % {"n": job.attempts, "max": job.max_attempts, "seen": seen},
            )
    return requeued
