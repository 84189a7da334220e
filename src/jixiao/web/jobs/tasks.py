"""The one task every job runs through (Django's Tasks API): the job row names what to do."""

from __future__ import annotations

from django_tasks import task

from jixiao.web.jobs.services import run_job


@task()
def run(job_id: int) -> str:
    return run_job(job_id)
