"""Background tasks of the yearly app (Django's Tasks API)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from jixiao.web.yearly.reminders import send_reminders


@task()
def daily_reminders() -> int:
    return send_reminders(timezone.localdate())
