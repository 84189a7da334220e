"""Review comments (on a table or one indicator, with their resolution) and the workflow log."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.web.core.models import TrackedModel
from jixiao.web.core.querysets import RestrictedQuerySet
from jixiao.web.reviews.choices import Action
from jixiao.web.targets.models import Indicator, TargetTable

__all__ = ["FindingNote", "Opening", "ReviewComment", "Transition"]

_ROUTE: dict[str, str | None] = {"path": "table__unit__path", "status": "table__status", "current": "table__is_current"}


class ReviewComment(TrackedModel):
    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="comments")
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    indicator_name = models.TextField(blank=True)  # kept readable when the row is later removed
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"))
    resolved = models.BooleanField(_("resolved"), default=False)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_lookups: ClassVar[dict[str, str | None]] = _ROUTE

    class Meta:
        ordering = ("created",)

    def __str__(self) -> str:
        return self.text[:60]


class Transition(models.Model):
    """One workflow step: who moved which table version from which status to which, when and why."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=16, choices=Action.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    remark = models.TextField(blank=True)
    request_id = models.CharField(max_length=32, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_lookups: ClassVar[dict[str, str | None]] = _ROUTE

    class Meta:
        ordering = (
            "at",
            "pk",
        )

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"


class Opening(models.Model):
    """A reviewer opened the table at the level it waits at: from then on the submission cannot be withdrawn."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="openings")
    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="openings")  # the step it answers
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["transition", "user"], name="%(app_label)s_%(class)s_unique_step_user"),
        )

    def __str__(self) -> str:
        return f"{self.user} opened {self.table_id}"


class FindingNote(TrackedModel):
    """The filer's 说明 on one error finding, and a reviewer's waiver of it (both kept in the history).

    Findings are recomputed on every save, so a note names its finding by rule code, indicator identity and
    field: it stays with the finding as long as the finding is there.
    """

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="finding_notes")
    code = models.CharField(max_length=16)
    indicator_uid = models.UUIDField(null=True, blank=True)
    field = models.CharField(max_length=64, blank=True, default="")
    explanation = models.TextField(_("explanation"))
    explained_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    waived = models.BooleanField(_("waived"), default=False)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waived_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_lookups: ClassVar[dict[str, str | None]] = _ROUTE

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["table", "code", "indicator_uid", "field"], name="%(app_label)s_%(class)s_unique_finding"
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.explanation[:40]}"
