"""``jixiao web-admin jobs_scheduler``: queue the daily jobs (the deadline reminders) once a day, checking every
minute; ``--once`` checks once and exits (for cron, or a test)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Queue the daily background jobs (deadline reminders) once a day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="check once and exit")
        parser.add_argument("--interval", type=int, default=60, help="seconds between checks")

    def handle(self, *args: Any, **options: Any) -> None:
        from jixiao.web.jobs.schedule import queue_due

        while True:
            for pk in queue_due():
                self.stdout.write(f"queued job {pk}")
            if options["once"]:
                return
            time.sleep(options["interval"])
