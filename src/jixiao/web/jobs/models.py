"""A background job as the page sees it, and the files it was given."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


KIND_LABELS = {
    "import": _("Import"),
    "export": _("Export"),
    "report_export": _("Report export"),
    "report_import": _("Report import"),
    "reminders": _("Deadline reminders"),
    "export_cleanup": _("Removing expired export files"),
}


class Job(models.Model):
    kind = models.CharField(max_length=40)
    # None: a scheduled job (the daily reminders), seen by administrators only
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    status = models.CharField(max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField(default=dict)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=2)
    task_id = models.CharField(max_length=64, blank=True)  # the Tasks API's result id of the last enqueue
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)  # last sign of life from the worker
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created",)
        indexes = (models.Index(fields=["owner", "-created"]), models.Index(fields=["status", "heartbeat"]))

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def done(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    @property
    def percent(self) -> int:
        return int(self.progress * 100 / self.total) if self.total else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "kind": self.kind,
            "status": self.status,
            "progress": self.progress,
            "total": self.total,
            "message": self.message,
            "attempts": self.attempts,
            "error": self.error or None,
            "result": self.result,
        }


class JobFile(models.Model):
    """An uploaded file kept in the database, so that a worker on another machine can read it."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        ordering = ("position",)
