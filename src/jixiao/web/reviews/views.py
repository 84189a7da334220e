"""Review pages: approve or return with per-indicator comments, workflow buttons, bulk approve, resolving comments."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from jixiao.web.core.views import RestrictedViewMixin
from jixiao.web.reviews.choices import Action
from jixiao.web.reviews.models import ReviewComment
from jixiao.web.reviews.workflow import TRANSITIONS, CommentInput, WorkflowError, apply, resolve_comment
from jixiao.web.targets.models import Indicator, TargetTable
from jixiao.web.targets.permissions import allowed
from jixiao.web.targets.views import TargetTableView

__all__ = ["BulkApproveView", "CommentResolveView", "TargetTableReviewView", "TransitionView"]

_TABLE_BASE = TargetTable.objects.select_related("unit", "project")


class TargetTableReviewView(TargetTableView):
    """The table as the reviewer sees it, with a comment box on every indicator; POST approves or returns."""

    action = "review"
    template_name = "reviews/targettable_review.html"
    http_method_names: ClassVar[list[str]] = ["get", "post"]  # type: ignore[misc]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        decision = request.POST.get("decision")
        if decision not in (Action.APPROVE, Action.RETURN):
            return HttpResponseBadRequest(_("Choose approve or return."))
        comments = [CommentInput(request.POST.get("comment", ""))]
        for indicator_id in Indicator.objects.filter(table=self.object).values_list("pk", flat=True):
            comments.append(CommentInput(request.POST.get(f"comment-{indicator_id}", ""), indicator_id))
        try:
            apply(self.object, decision, request.user, remark=request.POST.get("remark", ""), comments=comments)
        except WorkflowError as exc:
            messages.error(request, exc.message)
            return redirect("reviews:targettable_review", pk=self.object.pk)
        messages.success(
            request,
            _("The table was approved.") if decision == Action.APPROVE else _("The table was returned to the unit."),
        )
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
        if not allowed(request.user, TRANSITIONS[action].permission, table):
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
