"""Review pages: each level's queue, pass on / approve or return with per-indicator comments, workflow buttons,
bulk approve, resolving comments, the filer's 说明 on error findings and the reviewer's waiver."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from jixiao.web.core.views import RestrictedViewMixin
from jixiao.web.reviews.choices import Action
from jixiao.web.reviews.models import FindingNote, ReviewComment
from jixiao.web.reviews.workflow import (
    TRANSITIONS,
    CommentInput,
    WorkflowError,
    apply,
    explain_finding,
    mark_opened,
    next_level,
    open_errors,
    permission_for,
    resolve_comment,
    waive_finding,
)
from jixiao.web.targets.choices import TableStatus
from jixiao.web.targets.models import Finding, Indicator, TargetTable
from jixiao.web.targets.permissions import LEVEL_ACTION, allowed
from jixiao.web.targets.views import TargetTableView

__all__ = [
    "BulkApproveView",
    "CommentResolveView",
    "FindingNotesView",
    "ReviewQueueView",
    "TargetTableReviewView",
    "TransitionView",
]

_TABLE_BASE = TargetTable.objects.select_related("unit", "project")


class TargetTableReviewView(TargetTableView):
    """The table as the reviewer of its level sees it, a comment box on every indicator; POST passes on, approves
    or returns. Opening it (GET) by that reviewer ends the filer's chance to withdraw."""

    template_name = "reviews/targettable_review.html"
    http_method_names: ClassVar[list[str]] = ["get", "post"]  # type: ignore[misc]

    def get_object(self) -> Any:
        table = get_object_or_404(self.get_restricted_queryset("view"), pk=self.kwargs["pk"])
        level = LEVEL_ACTION.get(table.status)
        if level is None or not allowed(self.request.user, level, table):
            raise PermissionDenied
        return table

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        mark_opened(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        final = self.object.status == TableStatus.SUBMITTED
        context.update(
            final_level=final,
            next_status=TableStatus(next_level(self.object, self.object.status)).label,
            blocking=open_errors(self.object, need_waiver=True),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        decision = request.POST.get("decision")
        if decision not in (Action.APPROVE, Action.FORWARD, Action.RETURN):
            return HttpResponseBadRequest(_("Choose approve or return."))
        comments = [CommentInput(request.POST.get("comment", ""))]
        for indicator_id in Indicator.objects.filter(table=self.object).values_list("pk", flat=True):
            comments.append(CommentInput(request.POST.get(f"comment-{indicator_id}", ""), indicator_id))
        try:
            result = apply(
                self.object, decision, request.user, remark=request.POST.get("remark", ""), comments=comments
            )
        except WorkflowError as exc:
            messages.error(request, exc.message)
            return redirect("reviews:targettable_review", pk=self.object.pk)
        done: dict[str, str] = {
            TableStatus.RETURNED: _("The table was returned to the unit."),
            TableStatus.APPROVED: _("The table was approved."),
        }
        messages.success(request, done.get(result.status, _("The table was passed on.")))
        return redirect("targets:targettable", pk=self.object.pk)


class TransitionView(RestrictedViewMixin, View):
    """POST ``/tables/<pk>/<action>/``: submit, approve, return, publish, adjust (调整)."""

    queryset = _TABLE_BASE
    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if action not in TRANSITIONS:
            raise Http404
        table = get_object_or_404(self.get_restricted_queryset("view"), pk=pk)
        permission = permission_for(action, table)
        if permission is None or not allowed(request.user, permission, table):
            raise PermissionDenied
        try:
            result = apply(table, action, request.user, remark=request.POST.get("remark", ""))
        except WorkflowError as exc:
            messages.error(request, exc.message)
            return redirect("targets:targettable", pk=table.pk)
        messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
        if action == Action.ADJUST:
            return redirect("targets:targettable_edit", pk=result.pk)
        return redirect("targets:targettable", pk=result.pk)


class BulkApproveView(RestrictedViewMixin, View):
    """Approve every selected submitted table that has no errors; the others are named and left alone."""

    queryset = _TABLE_BASE
    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        ids = [int(v) for v in request.POST.getlist("pk") if v.isdigit()]
        reviewable = self.get_restricted_queryset("review").filter(pk__in=ids)
        if not reviewable.exists():  # nothing here is the user's to approve: say whether it was even visible
            if ids and not self.get_restricted_queryset("view").filter(pk__in=ids).exists():
                raise Http404
            raise PermissionDenied
        approved, skipped = 0, []
        for table in reviewable.order_by("pk"):
            if table.error_count:
                skipped.append(table.display_name)
                continue
            apply(table, Action.APPROVE, request.user, remark=request.POST.get("remark", _("bulk approval")))
            approved += 1
        not_reviewable = len(set(ids)) - approved - len(skipped)
        messages.success(request, _("%(n)d tables approved.") % {"n": approved})
        if skipped:
            messages.warning(
                request, _("Not approved because they have errors: %(names)s") % {"names": "、".join(skipped)}
            )
        if not_reviewable > 0:
            messages.warning(request, _("%(n)d selected tables are not awaiting your review.") % {"n": not_reviewable})
        return redirect("targets:targettable_list")


class CommentResolveView(RestrictedViewMixin, View):
    """The unit (or the reviewer) marks a comment resolved, saying how."""

    queryset = ReviewComment.objects.select_related("table__unit")
    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        comment = get_object_or_404(self.get_restricted_queryset("view"), pk=pk)
        if not (allowed(request.user, "change", comment.table) or allowed(request.user, "review", comment.table)):
            raise PermissionDenied
        resolve_comment(comment, request.user, request.POST.get("resolution", "").strip())
        messages.success(request, _("Comment marked resolved."))
        if allowed(request.user, "change", comment.table):
            return redirect("targets:targettable_edit", pk=comment.table_id)
        return redirect("targets:targettable", pk=comment.table_id)


class ReviewQueueView(RestrictedViewMixin, TemplateView):
    """What waits for the user at each review level (单位审核, 主管部门审核, 财政审核), and approved tables to publish."""

    queryset = _TABLE_BASE
    template_name = "reviews/queue.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        levels = [
            (
                TableStatus(status).label,
                list(self.get_restricted_queryset(action).filter(status=status).order_by("updated")[:200]),
            )
            for status, action in LEVEL_ACTION.items()
        ]
        context["levels"] = [(label, tables) for label, tables in levels if tables]
        context["to_publish"] = list(self.get_restricted_queryset("publish").order_by("updated")[:200])
        return context


class FindingNotesView(TargetTableView):
    """The error findings of a table with their 说明 and waiver: the filer explains, the level's reviewer waives."""

    template_name = "reviews/finding_notes.html"
    http_method_names: ClassVar[list[str]] = ["get", "post"]  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        table = self.object
        errors = list(Finding.objects.filter(table=table, severity="error").select_related("indicator"))
        notes = {(n.code, n.indicator_uid, n.field): n for n in FindingNote.objects.filter(table=table)}
        level = LEVEL_ACTION.get(table.status)
        context.update(
            errors=[(f, notes.get((f.code, f.indicator.uid if f.indicator else None, f.field or ""))) for f in errors],
            can_explain=allowed(self.request.user, "change", table),
            can_waive=level is not None and allowed(self.request.user, level, table),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        table = self.object
        finding_id = str(request.POST.get("finding", ""))
        if not finding_id.isdigit():
            return HttpResponseBadRequest(_("Name the finding."))
        finding = get_object_or_404(Finding.objects.select_related("indicator"), table=table, pk=int(finding_id))
        try:
            if "waive" in request.POST:
                key = (finding.code, finding.indicator.uid if finding.indicator else None, finding.field or "")
                note = FindingNote.objects.filter(table=table, code=key[0], indicator_uid=key[1], field=key[2]).first()
                if note is None:
                    raise WorkflowError(_("Only an explained error can be waived."), 409)
                waive_finding(table, note, request.user, request.POST.get("remark", "").strip())
                messages.success(request, _("The error was waived."))
            else:
                explain_finding(table, finding, request.user, request.POST.get("explanation", ""))
                messages.success(request, _("The explanation was saved."))
        except WorkflowError as exc:
            if exc.status == 403:
                raise PermissionDenied from exc
            messages.error(request, exc.message)
        return redirect("reviews:finding_notes", pk=table.pk)
