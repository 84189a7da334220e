"""Exports as jobs: a PDF (LibreOffice) or a bound year is rendered by the worker and kept as the job's one file,
downloaded from the job's page. A converter that fails or times out fails the job with that reason, and no file
is kept (the file and the job's success are written in one transaction)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from jixiao.errors import JixiaoError
from jixiao.web.jobs.models import Job, JobFile
from jixiao.web.jobs.runners import JobFailed, Progress, register

__all__ = ["RESULT_POSITION", "ExportRunner", "result_file"]

RESULT_POSITION = 0  # an export job is given no files: its one file is the result


@dataclass
class ExportRunner:
    """``build`` turns the job's parameters into what to render (checked against the owner's rights at run time,
    not at the time of the request); ``prepare`` renders it, ``write`` keeps the bytes."""

    build: Callable[[Job], Any]  # -> jixiao.web.targets.exporting.ExportSource

    def prepare(self, job: Job, progress: Progress) -> Any:
        from jixiao.web.targets.exporting import render_source

        progress(0, 2, _("collecting the tables"))
        source = self.build(job)
        progress(1, 2, _("making the %(format)s file") % {"format": source.format.upper()})
        try:
            data = render_source(source)
        except (JixiaoError, OSError) as exc:
            # the converter's own words without the server's temporary paths
            reason = exc.message if isinstance(exc, JixiaoError) else (exc.strerror or type(exc).__name__)
            raise JobFailed(
                _("The %(format)s file could not be made: the converter failed or took too long (%(reason)s). "
                  "Nothing was saved.") % {"format": source.format.upper(), "reason": str(reason)[:200]}
            ) from exc
        progress(2, 2, "")
        return source, data

    def write(self, job: Job, prepared: Any) -> dict[str, Any]:
        source, data = prepared
        JobFile.objects.create(job=job, position=RESULT_POSITION, name=source.filename, data=data)
        return {
            "file": {"name": source.filename, "fallback": source.fallback, "format": source.format, "size": len(data)}
        }


def result_file(job: Job) -> JobFile | None:
    """The file a finished export job made (None for other jobs, or before it succeeded)."""
    if job.status != "succeeded" or not isinstance(job.result, dict) or "file" not in job.result:
        return None
    return job.files.filter(position=RESULT_POSITION).first()


def _build_tables(job: Job) -> Any:
    from jixiao.web.targets.exporting import job_source

    source = job_source(job.owner, job.params)
    if source is None:
        raise JobFailed(_("None of these tables can be exported any more (deleted, or no longer yours to see)."))
    return source


register("export", ExportRunner(_build_tables))
