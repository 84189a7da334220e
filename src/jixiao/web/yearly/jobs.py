"""The yearly app's background jobs: a filled 自评表 file read into its report, a report's PDF (LibreOffice) and
the daily reminders, run like every job (progress on the job's page, the rows and the job's success in one
transaction)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from jixiao.web.core.warnings import stored_warnings
from jixiao.web.jobs.exports import register_export
from jixiao.web.jobs.models import Job
from jixiao.web.jobs.runners import JobFailed, Progress, register
from jixiao.web.jobs.schedule import register_daily

__all__ = ["RemindersRunner", "ReportImportRunner", "report_source"]


def report_source(job: Job) -> Any:
    """The 监控表 or 自评表 of ``params.report`` as filed, if the job's owner may still see it."""
    from jixiao.model import Document, Source
    from jixiao.web.targets.exporting import ExportSource, safe_stem
    from jixiao.web.yearly.models import Report
    from jixiao.web.yearly.permissions import can_view

    report = Report.objects.select_related("unit", "task").filter(pk=job.params.get("report")).first()
    if report is None or job.owner is None or not can_view(job.owner, report):
        raise JobFailed(_("This report can no longer be exported (deleted, or no longer yours to see)."))
    table = report.core()
    fmt = str(job.params["format"])
    document = Document(source=Source(name=f"report-{report.pk}.json", format="text"), tables=[table])
    return ExportSource(
        document=document,
        format=fmt,
        layout=str(job.params.get("layout") or "national"),
        filename=f"{safe_stem(table.title or str(report.pk))}.{fmt}",
        fallback=f"jixiao-report-{report.pk}.{fmt}",
    )


class RemindersRunner:
    """The day's reminders (``params.day``, fixed when the job was made, so a retry the next day still sends the
    day's): planned first, then the notes written with the job's success, the e-mails after the commit."""

    def prepare(self, job: Job, progress: Progress) -> Any:
        from jixiao.web.yearly.reminders import plan

        progress(0, 1, _("finding the reports that are due"))
        day = dt.date.fromisoformat(str(job.params["day"]))
        planned = plan(day, under=job.params.get("under"))
        progress(1, 1, _("writing %(n)d reminders") % {"n": len(planned)})
        return day, planned

    def write(self, job: Job, prepared: Any) -> dict[str, Any]:
        from jixiao.web.yearly.reminders import record

        day, planned = prepared
        return {"sent": record(planned, day), "planned": len(planned), "day": day.isoformat()}


class ReportImportRunner:
    """A filled 自评表 file (any format the reader knows, a long PDF takes a while) read by the worker, then merged
    into its report inside the job's transaction, if the report is still the owner's to fill then."""

    def prepare(self, job: Job, progress: Progress) -> Any:
        from jixiao.web.targets.importing import parse_upload

        upload = job.files.order_by("position").first()
        if upload is None:
            raise JobFailed(_("Choose a file."))
        progress(0, 1, _("reading %(name)s") % {"name": upload.name})
        parsed = parse_upload(bytes(upload.data), upload.name)
        tables = [t for t in parsed.document.tables if t.indicators] if parsed.document else []
        filed = next((t for t in tables if t.kind == "self_evaluation"), tables[0] if tables else None)
        if filed is None:
            raise JobFailed(parsed.error or _("No self-evaluation table was found in this file."))
        progress(1, 1, "")
        return upload.name, filed, stored_warnings(parsed.warnings)

    def write(self, job: Job, prepared: Any) -> dict[str, Any]:
        from jixiao.web.yearly.models import Report
        from jixiao.web.yearly.permissions import can_fill
        from jixiao.web.yearly.services import FillError, merge_filed

        name, filed, warnings = prepared
        report = Report.objects.select_for_update().select_related("unit", "task").filter(pk=job.params["report"])
        found = report.first()
        if found is None or job.owner is None or not can_fill(job.owner, found):
            raise JobFailed(
                _("This report is no longer yours to fill (submitted meanwhile, or deleted); nothing was changed.")
            )
        try:
            table, unmatched = merge_filed(found, filed)
        except FillError as exc:
            raise JobFailed(str(exc)) from exc
        found.set_core(table)
        found.save()
        return {
            "report": found.pk,
            "name": name,
            "unmatched": unmatched,
            "warnings": warnings,
            "total": table.total_score,
        }


register("report_import", ReportImportRunner())
register_export("report_export", report_source)
register("reminders", RemindersRunner())
register_daily("reminders", lambda day: {"day": day.isoformat()})  # every bureau's, once a day
