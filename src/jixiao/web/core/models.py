"""The abstract base every stored object shares: timestamps and a full change history."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

__all__ = ["TrackedModel"]


class TrackedModel(models.Model):
    """Timestamps plus django-simple-history (user, time and change reason on every save)."""

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
