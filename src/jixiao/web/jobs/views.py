"""Job pages: start a background import, follow a job (htmx polls its status), download what an export job
made, list one's own jobs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import create_job, recover_stale_jobs
from jixiao.web.targets.mixins import FilingUnitsMixin


def visible_job(request: HttpRequest, pk: int) -> Job:
    """A job is its owner's (and an administrator's) alone: anyone else gets 404, not a hint that it exists."""
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (job.owner_id == request.user.pk or getattr(request.user, "is_superuser", False)):
        raise Http404
    return job


class JobListView(LoginRequiredMixin, TemplateView):
    template_name = "jobs/job_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        mine = Q(owner_id=self.request.user.pk)
        if getattr(self.request.user, "is_superuser", False):
            mine |= Q(owner__isnull=True)  # the scheduled (daily) jobs are the administrators' to watch
        jobs = Job.objects.filter(mine).only(
            "pk", "kind", "status", "progress", "total", "created", "finished", "error"
        )[:50]
        return super().get_context_data(jobs=jobs, **kwargs)


class JobView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, "jobs/job.html", {"job": visible_job(request, pk)})


class JobStatusView(LoginRequiredMixin, View):
    """The status fragment the job page polls (htmx swaps it in place until the job is done); JSON on request."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = visible_job(request, pk)
        if job.status == "running":
            recover_stale_jobs(job_ids=[job.pk])
            job.refresh_from_db()  # a dead worker's job shows as retried or failed, not running forever
        if request.GET.get("format") == "json":
            return JsonResponse(job.as_dict())
        return render(request, "jobs/inc/status.html", {"job": job})


class JobDownloadView(LoginRequiredMixin, View):
    """The file an export job made (its owner's alone, as the job is); 404 until the job has succeeded."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from jixiao.web.jobs.exports import result_file
        from jixiao.web.targets.exporting import attachment
        from jixiao.writers import MEDIA_TYPES

        job = visible_job(request, pk)
        found = result_file(job)
        if found is None:  # not done, not an export, or its file expired
            raise Http404
        meta = job.result["file"]  # type: ignore[index]
        response = HttpResponse(
            bytes(found.data), content_type=MEDIA_TYPES.get(meta["format"], "application/octet-stream")
        )
        response["Content-Disposition"] = attachment(found.name, meta.get("fallback") or f"jixiao-job-{job.pk}")
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ImportJobView(LoginRequiredMixin, FilingUnitsMixin, TemplateView):
    """The upload form of a background import: the files go to the job and the page follows it."""

    template_name = "jobs/import.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from jixiao.web.targets.forms import TargetTableImportForm

        return self.render_to_response(self.get_context_data(form=TargetTableImportForm(units=self.units())))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from jixiao.web.targets.forms import TargetTableImportForm

        form = TargetTableImportForm(request.POST, units=self.units())
        files = request.FILES.getlist("files")
        problems = []
        if not files:
            problems.append(_("Choose at least one file."))
        if len(files) > settings.JIXIAO_UPLOAD_MAX_FILES:
            problems.append(_("At most %(n)d files at once.") % {"n": settings.JIXIAO_UPLOAD_MAX_FILES})
        too_big = [f.name or "" for f in files if (f.size or 0) > settings.JIXIAO_UPLOAD_MAX_BYTES]
        if too_big:
            problems.append(
                _("Too large (the limit is %(mb)d MB): %(names)s")
                % {"mb": settings.JIXIAO_UPLOAD_MAX_BYTES // 2**20, "names": ", ".join(too_big)}
            )
        if problems or not form.is_valid():
            for problem in problems:
                messages.error(request, problem)
            return self.render_to_response(self.get_context_data(form=form), status=413 if too_big else 400)
        unit = form.cleaned_data["unit"] or (self.units().first() if self.units().count() == 1 else None)
        job = create_job(
            "import",
            request.user,
            {"year": form.cleaned_data["year"], "unit": unit.pk if unit else None},
            [(f.name or "upload", f.read()) for f in files],
        )
        return redirect("jobs:job", pk=job.pk)
