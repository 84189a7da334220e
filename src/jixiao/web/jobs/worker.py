"""The background worker beside the web server: which command runs it, and starting it (with the scheduler of
the daily jobs) as child processes."""

from __future__ import annotations

import atexit
import os
import subprocess
import sys

__all__ = ["scheduler_command", "start_worker", "worker_command"]


def worker_command(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """``rqworker`` on Redis when ``REDIS_URL`` is set, else the database queue's ``db_worker``."""
    manage = [sys.executable, "-m", "jixiao.web.manage"]
    if environ.get("REDIS_URL"):
        return [*manage, "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    return [*manage, "db_worker", "--no-reload"]


def scheduler_command() -> list[str]:
    """The scheduler that queues the daily jobs (the deadline reminders) once a day."""
    return [sys.executable, "-m", "jixiao.web.manage", "jobs_scheduler"]


def _stopped_at_exit(process: subprocess.Popen[bytes]) -> subprocess.Popen[bytes]:
    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    atexit.register(stop)
    return process


def start_worker() -> subprocess.Popen[bytes]:
    """One worker process and the daily scheduler, stopped when the server exits; returns the worker."""
    _stopped_at_exit(subprocess.Popen(scheduler_command()))
    return _stopped_at_exit(subprocess.Popen(worker_command()))
