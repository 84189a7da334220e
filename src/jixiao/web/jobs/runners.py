"""What each kind of job does, in two phases: ``prepare`` (slow, read-only: parsing, rendering) reports its
progress as it goes; ``write`` runs inside the transaction that also records the job's success, so its rows
appear all together or not at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import gettext as _

from jixiao.web.core.warnings import stored_warnings
from jixiao.web.jobs.models import Job

__all__ = ["RUNNERS", "JobFailed", "Progress", "Runner", "register"]

Progress = Callable[[int, int, str], None]  # (done, total, what is being done now)


class Runner(Protocol):
    def prepare(self, job: Job, progress: Progress) -> Any: ...

    def write(self, job: Job, prepared: Any) -> dict[str, Any]: ...


RUNNERS: dict[str, Runner] = {}


class JobFailed(Exception):
    """A failure whose message is for the user (shown as the job's reason as it is)."""


def register(kind: str, runner: Runner) -> None:
    RUNNERS[kind] = runner


@dataclass
class ImportRunner:
    """Several uploaded files: each parsed (progress per file), then every table the owner may file created as
    a draft in one transaction; tables that cannot be imported are listed with their reason."""

    def prepare(self, job: Job, progress: Progress) -> Any:
        from jixiao.web.targets.importing import parse_upload

        files = list(job.files.order_by("position"))
        uploads = []
        for done, item in enumerate(files):
            progress(done, len(files), _("reading %(name)s") % {"name": item.name})
            uploads.append(parse_upload(bytes(item.data), item.name))
        progress(len(files), len(files), _("creating drafts"))
        return uploads

    def write(self, job: Job, prepared: Any) -> dict[str, Any]:
        from jixiao.web.organisations.models import Organisation
        from jixiao.web.targets import models as m
        from jixiao.web.targets.importing import ImportFailed, preview, recheck_created
        from jixiao.web.targets.permissions import can_create_in
        from jixiao.web.targets.services import create_version

        user = job.owner
        year = int(job.params["year"])
        fallback = Organisation.objects.filter(pk=job.params.get("unit")).first() if job.params.get("unit") else None
        created, skipped, files = [], [], []
        for file_index, upload in enumerate(prepared):
            files.append({"name": upload.name, "error": upload.error, "warnings": stored_warnings(upload.warnings)})
            if upload.document is None:
                continue
            for entry in preview(upload.document, file_index, user=user, year=year, fallback=fallback):
                if entry.problem or entry.unit is None or not can_create_in(user, entry.unit):
                    skipped.append(
                        {"file": upload.name, "title": entry.title, "problem": entry.problem or _("Not your unit.")}
                    )
                    continue
                table = create_version(
                    core=upload.document.tables[entry.index],
                    unit=entry.unit,
                    year=entry.year,
                    user=user,
                    source_name=upload.name,
                    source_format=upload.document.source.format,
                    reason=_("imported from %(name)s") % {"name": upload.name},
                )
                created.append(table)
        # a project filed twice in one job: the earlier draft is superseded by the later (a new version), so
        # only the current ones can be "yours to edit"; they stand for their projects' earlier versions
        current = set(
            m.TargetTable.objects.filter(pk__in=[t.pk for t in created], is_current=True).values_list("pk", flat=True)
        )
        try:
            recheck_created([t for t in created if t.pk in current], user)
        except ImportFailed as exc:
            raise JobFailed(str(exc)) from exc
        return {
            "files": files,
            "created": [{"id": t.pk, "title": t.project_name or t.title or "", "version": t.version} for t in created],
            "skipped": skipped,
        }


register("import", ImportRunner())
