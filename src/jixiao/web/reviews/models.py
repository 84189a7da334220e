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

__all__ = ["ReviewComment", "Transition"]

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
