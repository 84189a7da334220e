"""Daily jobs: each kind registered here is queued once a day, from ``JIXIAO_DAILY_HOUR`` (local time, default
8), by the scheduler ``jixiao serve`` starts beside the worker (``jixiao web-admin jobs_scheduler``).

A day's job is queued once: its parameters name the day, and a scheduled (owner-less) job of that kind and day
already there is left alone. Several servers may each run a scheduler; a rare second job of the same day does
no harm, as the daily jobs themselves do each day's work once (the reminders: once per step and day)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import create_job

__all__ = ["DAILY", "daily_hour", "queue_due", "register_daily"]

DAILY: dict[str, Callable[[dt.date], dict[str, Any]]] = {}


def register_daily(kind: str, params: Callable[[dt.date], dict[str, Any]]) -> None:
    """Queue a ``kind`` job every day with ``params(day)`` (which must hold ``"day": day.isoformat()``)."""
    DAILY[kind] = params


def daily_hour() -> int:
    return int(os.environ.get("JIXIAO_DAILY_HOUR", "8"))


def queue_due(now: dt.datetime | None = None) -> list[int]:
    """Queue today's daily jobs not queued yet (none before the daily hour); returns the new jobs' ids."""
    local = timezone.localtime(now or timezone.now())
    if local.hour < daily_hour():
        return []
    today = local.date()
    queued = []
    for kind, params in DAILY.items():
        if Job.objects.filter(kind=kind, owner__isnull=True, params__day=today.isoformat()).exists():
            continue
        queued.append(create_job(kind, None, params(today)).pk)
    return queued
