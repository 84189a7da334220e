"""The abstract base every stored object shares: timestamps and a full change history."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

__all__ = ["HistoryEvent", "TrackedModel"]


def _request_id() -> str:
    from jixiao.web.core.middleware import current_request_id

    return current_request_id.get() or ""


class HistoryEvent(models.Model):
    """Added to every history row: the request that made it, so one bulk action reads as one event."""

    request_id = models.CharField(max_length=32, blank=True, default=_request_id, db_index=True)

    class Meta:
        abstract = True


class TrackedModel(models.Model):
    """Timestamps plus django-simple-history (user, time, change reason and request id on every save)."""

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True, bases=[HistoryEvent])

    class Meta:
        abstract = True
