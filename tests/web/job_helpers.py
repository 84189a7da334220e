"""Following a background job in a test: the job an answer redirects to, run here as the worker would run it."""

from __future__ import annotations

from typing import Any


def job_of(response: Any) -> int:
    """The job a response sent the browser to (its page: ``/jobs/<pk>/``)."""
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), (
        response.status_code,
        response.get("Location"),
    )
    return int(response["Location"].rstrip("/").split("/")[-1])


def run_and_download(client: Any, response: Any) -> Any:
    """Run the export job ``response`` started (``run_job``: what the worker calls) and download its file."""
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.services import run_job

    pk = job_of(response)
    assert run_job(pk) == "succeeded", Job.objects.get(pk=pk).error
    download = client.get(f"/jobs/{pk}/download/")
    assert download.status_code == 200
    return download
