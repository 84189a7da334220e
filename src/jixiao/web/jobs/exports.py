"""Exports as jobs: a PDF (LibreOffice) or a bound year is rendered by the worker and kept as the job's one file,
downloaded from the job's page. A converter that fails or times out fails the job with that reason, and no file
is kept (the file and the job's success are written in one transaction). The files are kept
``JIXIAO_EXPORT_KEEP_DAYS`` days (default 7); a daily job removes older ones (the page then says so)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao.errors import JixiaoError
from jixiao.web.jobs.models import Job, JobFile
from jixiao.web.jobs.runners import JobFailed, Progress, register
from jixiao.web.jobs.schedule import register_daily

__all__ = [
    "EXPORT_KINDS",
    "RESULT_POSITION",
    "ExportCleanupRunner",
    "ExportRunner",
    "keep_days",
    "register_export",
    "result_file",
]

RESULT_POSITION = 0  # an export job is given no files: its one file is the result
EXPORT_KINDS: set[str] = set()  # the kinds registered with an ExportRunner (their files expire)


def keep_days() -> int:
    return int(os.environ.get("JIXIAO_EXPORT_KEEP_DAYS", "7"))


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
                _(
                    "The %(format)s file could not be made: the converter failed or took too long (%(reason)s). "
                    "Nothing was saved."
                )
                % {"format": source.format.upper(), "reason": str(reason)[:200]}
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


def register_export(kind: str, build: Callable[[Job], Any]) -> None:
    EXPORT_KINDS.add(kind)
    register(kind, ExportRunner(build))


class ExportCleanupRunner:
    """The files of export jobs finished more than ``keep_days()`` before the job's day, removed; each such job's
    result says its file has expired."""

    def prepare(self, job: Job, progress: Progress) -> Any:
        day = dt.date.fromisoformat(str(job.params["day"]))
        cutoff = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=keep_days()), dt.time()))
        progress(0, 1, _("finding the expired export files"))
        return list(
            Job.objects.filter(kind__in=sorted(EXPORT_KINDS), status="succeeded", finished__lt=cutoff)
            .filter(files__position=RESULT_POSITION)
            .values_list("pk", flat=True)
        )

    def write(self, job: Job, prepared: Any) -> dict[str, Any]:
        removed, _rows = JobFile.objects.filter(job_id__in=prepared, position=RESULT_POSITION).delete()
        for old in Job.objects.filter(pk__in=prepared):
            if isinstance(old.result, dict) and isinstance(old.result.get("file"), dict):
                old.result["file"]["expired"] = True
                Job.objects.filter(pk=old.pk).update(result=old.result)
        return {"removed": removed, "day": job.params["day"]}


register_export("export", _build_tables)
register("export_cleanup", ExportCleanupRunner())
register_daily("export_cleanup", lambda day: {"day": day.isoformat()})
