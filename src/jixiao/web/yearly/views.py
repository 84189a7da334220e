"""Pages of the year after approval: tasks, the to-do list, and a report's fill / review page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from jixiao.web.organisations.choices import OrganisationKind, Role
from jixiao.web.organisations.models import Organisation
from jixiao.web.organisations.scopes import is_admin, scopes_for
from jixiao.web.yearly import services
from jixiao.web.yearly.checking import read_check, row_checks
from jixiao.web.yearly.forms import TaskForm
from jixiao.web.yearly.models import Reminder, Report, TaskKind, YearTask
from jixiao.web.yearly.permissions import (
    awaiting_me,
    can_department_review,
    can_fill,
    can_issue,
    can_review,
    can_submit,
    can_unit_review,
    can_view,
    visible_reports,
)


def _bureaus(user: Any) -> Any:
    bureaus = Organisation.objects.filter(kind=OrganisationKind.FINANCE)
    return bureaus if is_admin(user) else bureaus.filter(pk__in=[b.pk for b in bureaus if can_issue(user, b)])


class TaskListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        bureaus = _bureaus(request.user)
        tasks = YearTask.objects.filter(bureau__in=bureaus).select_related("bureau").annotate(n=Count("reports"))
        return render(request, "yearly/task_list.html", {"tasks": tasks, "may_issue": bureaus.exists()})


class TaskCreateView(LoginRequiredMixin, View):
    def form(self, request: HttpRequest, data: Any = None) -> TaskForm:
        bureaus = _bureaus(request.user)
        if not bureaus.exists():
            raise PermissionDenied
        paths = [b.path for b in bureaus]
        units = Organisation.objects.filter(kind=OrganisationKind.UNIT)
        units = units.filter(pk__in=[u.pk for u in units if any(u.path.startswith(p) for p in paths)])
        return TaskForm(data, bureaus=bureaus, units=units)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "yearly/task_new.html", {"form": self.form(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request, request.POST)
        if not form.is_valid():
            return render(request, "yearly/task_new.html", {"form": form}, status=400)
        data = form.cleaned_data
        task = services.issue_task(
            kind=data["kind"],
            bureau=data["bureau"],
            year=data["year"],
            period=data["period"] or "",
            start=data["start"],
            deadline=data["deadline"],
            warning_days=data["warning_days"],
            units=list(data["units"]),
            user=request.user,
        )
        messages.success(request, _("Task issued to %(n)d tables.") % {"n": task.reports.count()})
        return redirect("yearly:task", pk=task.pk)


class TaskView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        task = YearTask.objects.select_related("bureau").filter(pk=pk).first()
        if task is None or not can_issue(request.user, task.bureau):
            raise Http404
        today = timezone.localdate()
        reports = list(task.reports.select_related("unit", "task"))
        rows = [(r, services.due_state(r, today)) for r in reports]
        counts = services.light_counts(reports) if task.kind == TaskKind.MONITORING else {}
        return render(request, "yearly/task.html", {"task": task, "rows": rows, "light_counts": counts})


class TodoView(LoginRequiredMixin, View):
    """Each unit's reports with their deadlines: due, due soon (inside the warning days), overdue, done; a page
    of them at a time (``page``), and of the submitted reports waiting for a reviewer (``review_page``)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        from jixiao.web.yearly.queries import page_of

        today = timezone.localdate()
        reports = visible_reports(request.user, (Role.FILER, Role.APPROVER)).order_by("task__deadline", "pk")
        page = page_of(reports, request.GET.get("page"))
        rows = [(r, services.due_state(r, today)) for r in page]
        reviewing = None
        if {Role.REVIEWER, Role.DEPARTMENT_REVIEWER} & set(scopes_for(request.user)) or is_admin(request.user):
            reviewing = page_of(awaiting_me(request.user), request.GET.get("review_page"))  # 主管部门审核, 财政审核
        notes = Reminder.objects.filter(user_id=int(request.user.pk or 0)).only("text", "day")[:20]
        context = {"rows": rows, "page": page, "reviewing": reviewing, "today": today, "notes": notes}
        return render(request, "yearly/todo.html", context)


class ReportView(LoginRequiredMixin, View):
    def report(self, request: HttpRequest, pk: int) -> Report:
        report = Report.objects.select_related("task", "unit", "table").filter(pk=pk).first()
        if report is None or not can_view(request.user, report):
            raise Http404
        return report

    def page(self, request: HttpRequest, report: Report, table: Any = None, *, status: int = 200) -> HttpResponse:
        table = table or report.core()
        user = request.user
        context: dict[str, Any] = {
            "report": report,
            "table": table,
            "due": services.due_state(report, timezone.localdate()),
            "may_fill": can_fill(user, report),
            "may_submit": can_submit(user, report),
            "may_review": can_review(user, report),
            "may_unit_review": can_unit_review(user, report),
            "may_department_review": can_department_review(user, report),
            "on_track_choices": services.ON_TRACK,
        }
        if report.task.kind == TaskKind.MONITORING:
            execution, rows = services.lights(report, table)
            context["lines"] = list(zip(table.execution, execution, strict=True))
            context["rows"] = list(zip(table.indicators, rows, strict=True))
        else:
            score = services.scores(table)
            context["lines"] = [(line, score.execution if i == 0 else None) for i, line in enumerate(table.execution)]
            checks = row_checks(report, len(table.indicators))
            context["rows"] = list(zip(table.indicators, score.rows, checks, strict=True))
            context["score"] = score
            context["checked"] = report.checked or {}
            context["show_check"] = bool(report.checked) or context["may_review"]
        return render(request, f"yearly/report_{report.task.kind}.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(request, self.report(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.report(request, pk)
        action = request.POST.get("action", "save")
        user = request.user
        if action == "import":
            return _import_file(self, request, report)
        allowed = {
            "save": can_fill(user, report),
            "submit": can_submit(user, report),
            "return": can_review(user, report),
            "approve": can_review(user, report),
            "unit_return": can_unit_review(user, report),
            "unit_approve": can_unit_review(user, report),
            "department_return": can_department_review(user, report),
            "department_approve": can_department_review(user, report),
            "check": can_review(user, report) and report.task.kind == TaskKind.SELF_EVALUATION,
        }
        if not allowed.get(action):
            raise PermissionDenied
        try:
            with transaction.atomic():  # the scores and the step are stored together, or neither
                self.act(request, report, action)
        except services.FillError as exc:
            messages.error(request, str(exc))
            return self.page(request, self.report(request, pk), status=400)
        done = action in {"save", "check"}
        messages.success(
            request, _("Saved.") if done else _("Done: %(status)s") % {"status": report.get_status_display()}
        )
        return redirect("yearly:report", pk=report.pk)

    @staticmethod
    def act(request: HttpRequest, report: Report, action: str) -> None:
        """The filer's figures, the bureau's 核查分数, then the step (each raises ``FillError`` with its reason)."""
        if action in {"save", "submit"} and can_fill(request.user, report):
            report.set_core(services.fill(report, request.POST))
            report.save()
        if action in {"check", "return", "approve"} and report.task.kind == TaskKind.SELF_EVALUATION:
            checked = read_check(report, request.POST)  # 财政审核's 核查分数 go with its decision
            if checked or action == "check":
                report.checked = checked
                report.save()
        if action not in {"save", "check"}:
            services.transition(report, action, comment=request.POST.get("comment", ""))


EXPORT_FORMATS = {
    "json": "application/json",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _import_file(view: ReportView, request: HttpRequest, report: Report) -> HttpResponse:
    """A filled 自评表 file (any format the reader knows, or jixiao/1 JSON) fills the report: read by a background
    job (a long PDF outlasts a request), whose page shows the progress, then what matched and what did not."""
    from django.conf import settings

    from jixiao.web.jobs.services import create_job

    if report.task.kind != TaskKind.SELF_EVALUATION or not can_fill(request.user, report):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file."))
        return view.page(request, report, status=400)
    if (upload.size or 0) > settings.JIXIAO_UPLOAD_MAX_BYTES:
        messages.error(
            request,
            _("Too large (the limit is %(mb)d MB): %(names)s")
            % {"mb": settings.JIXIAO_UPLOAD_MAX_BYTES // 2**20, "names": upload.name},
        )
        return view.page(request, report, status=413)
    job = create_job("report_import", request.user, {"report": report.pk}, [(upload.name or "upload", upload.read())])
    return redirect("jobs:job", pk=job.pk)


class ReportExportView(LoginRequiredMixin, View):
    """The 监控表 or 自评表 as filed, in the national layout (the writers print both kinds). The .docx, .xlsx and
    JSON files are made at once (well under a second); the PDF by a background job."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        import tempfile
        from pathlib import Path

        from jixiao.errors import WriteError
        from jixiao.model import Document, Source
        from jixiao.writers import write

        if fmt not in EXPORT_FORMATS:
            raise Http404
        report = ReportView().report(request, pk)
        if fmt == "pdf":  # LibreOffice may outlast the request: a background job makes the file
            from jixiao.web.jobs.services import create_job
            from jixiao.web.targets.exporting import converter_missing

            if converter_missing(fmt):
                message = _("This server cannot make %(value)s files (LibreOffice is not installed).") % {
                    "value": "PDF"
                }
                return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
            job = create_job("report_export", request.user, {"report": report.pk, "format": fmt})
            return redirect("jobs:job", pk=job.pk)
        table = report.core()
        document = Document(source=Source(name=f"report-{report.pk}.json", format="text"), tables=[table])
        filename = f"{table.title or report.pk}.{fmt}"
        if fmt == "json":
            response = HttpResponse(document.to_json(), content_type=EXPORT_FORMATS[fmt])
        else:
            with tempfile.TemporaryDirectory() as folder:
                try:
                    path = write(document, Path(folder) / f"report.{fmt}", to=fmt)
                except WriteError as exc:
                    return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
                response = HttpResponse(path.read_bytes(), content_type=EXPORT_FORMATS[fmt])
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response


class RemindersView(LoginRequiredMixin, View):
    """Send today's reminders of the user's bureaus now, as a background job (the daily job sends them too)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        from jixiao.web.jobs.services import create_job

        bureaus = list(_bureaus(request.user))
        if not bureaus:
            raise PermissionDenied
        under = None if is_admin(request.user) else [b.path for b in bureaus]
        job = create_job("reminders", request.user, {"day": timezone.localdate().isoformat(), "under": under})
        return redirect("jobs:job", pk=job.pk)


def _bureau_task(request: HttpRequest, pk: int) -> YearTask:
    task = YearTask.objects.select_related("bureau").filter(pk=pk).first()
    if task is None or not can_issue(request.user, task.bureau):
        raise Http404
    return task


class SampleDrawView(LoginRequiredMixin, View):
    """抽评: draw a share of the task's submitted self-evaluations (a seed may be given to repeat a draw)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        from decimal import Decimal, InvalidOperation

        from jixiao.web.yearly.sampling import DEFAULT_SHARE, draw_sample

        task = _bureau_task(request, pk)
        try:
            share = Decimal(request.POST.get("share") or DEFAULT_SHARE)
            seed_text = request.POST.get("seed", "").strip()
            picked = [int(x) for x in request.POST.getlist("report")]
            sample = draw_sample(
                task, user=request.user, share=share, seed=int(seed_text) if seed_text else None, picked=picked
            )
        except (InvalidOperation, ValueError, services.FillError) as exc:
            messages.error(request, str(exc))
            return redirect("yearly:task", pk=task.pk)
        return redirect("yearly:sample", pk=sample.pk)


class SampleView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from jixiao.web.yearly.models import Sample
        from jixiao.web.yearly.sampling import gap

        sample = Sample.objects.select_related("task__bureau").filter(pk=pk).first()
        if sample is None or not can_issue(request.user, sample.task.bureau):
            raise Http404
        items = [(item, gap(item)) for item in sample.items.select_related("report__unit")]
        return render(request, "yearly/sample.html", {"sample": sample, "items": items})


class SampleItemView(LoginRequiredMixin, View):
    """The bureau re-scores one drawn self-evaluation (核查分数 per row) and sees the gap to the unit's total."""

    def item(self, request: HttpRequest, pk: int, item: int) -> Any:
        from jixiao.web.yearly.models import SampleItem

        found = SampleItem.objects.select_related("sample__task__bureau", "report__unit", "report__task").filter(
            pk=item, sample_id=pk
        )
        obj = found.first()
        if obj is None or not can_issue(request.user, obj.sample.task.bureau):
            raise Http404
        return obj

    def page(self, request: HttpRequest, obj: Any, status: int = 200) -> HttpResponse:
        table = obj.report.core()
        score = services.scores(table)
        mine = obj.scores.get("rows", {})
        rows = [
            (i, ind, row, mine.get(str(i), ""))
            for i, (ind, row) in enumerate(zip(table.indicators, score.rows, strict=True))
        ]
        return render(request, "yearly/sample_item.html", {"item": obj, "table": table, "rows": rows}, status=status)

    def get(self, request: HttpRequest, pk: int, item: int) -> HttpResponse:
        return self.page(request, self.item(request, pk, item))

    def post(self, request: HttpRequest, pk: int, item: int) -> HttpResponse:
        from jixiao.web.yearly.sampling import rescore

        obj = self.item(request, pk, item)
        try:
            rescore(obj, request.POST)
        except services.FillError as exc:
            messages.error(request, str(exc))
            return self.page(request, obj, status=400)
        return redirect("yearly:sample", pk=pk)


class DashboardView(LoginRequiredMixin, View):
    """The bureau's charts (ECharts from the app's static files), each with its table and a CSV download."""

    def get(self, request: HttpRequest) -> HttpResponse:
        import csv

        from jixiao.web.yearly.dashboards import CHARTS, dashboard, dashboard_years

        if not (is_admin(request.user) or Role.REVIEWER in scopes_for(request.user)):
            raise PermissionDenied
        wanted = request.GET.get("csv")
        if wanted and wanted not in CHARTS:
            raise Http404
        # one budget year at a time (the latest by default): a bureau follows a year's tasks, and every year
        # at once made a page of thousands of rows at scale
        years = dashboard_years(request.user)
        asked = request.GET.get("year", "")
        year = int(asked) if asked.isdigit() and int(asked) in years else (years[0] if years else None)
        charts = dashboard(request.user, timezone.localdate(), only=wanted or None, year=year)
        if wanted:
            chart = charts[wanted]
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{chart.key}-{year or "all"}.csv"'
            response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
            writer = csv.writer(response)
            writer.writerow(chart.columns)
            writer.writerows(chart.rows)
            return response
        context = {"charts": list(charts.values()), "years": years, "year": year}
        return render(request, "yearly/dashboard.html", context)
