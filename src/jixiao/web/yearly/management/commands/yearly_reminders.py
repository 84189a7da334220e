"""``jixiao web-admin yearly_reminders``: send today's deadline reminders (run daily, e.g. from cron), or
``--enqueue`` them as a background job (its page lists it for administrators)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone


class Command(BaseCommand):
    help = "Send today's monitoring / self-evaluation deadline reminders (once per step and day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run as a background job instead")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["enqueue"]:
            from jixiao.web.jobs.services import create_job

            job = create_job("reminders", None, {"day": today.isoformat()})
            self.stdout.write(f"enqueued job {job.pk}")
            return
        from jixiao.web.yearly.reminders import send_reminders

        self.stdout.write(f"{send_reminders(today)} reminders sent")
