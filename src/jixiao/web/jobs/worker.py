"""The background worker beside the web server: which command runs it, and starting it as a child process."""

from __future__ import annotations

import atexit
import os
import subprocess
import sys

__all__ = ["start_worker", "worker_command"]


def worker_command(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """``rqworker`` on Redis when ``REDIS_URL`` is set, else the database queue's ``db_worker``."""
    manage = [sys.executable, "-m", "jixiao.web.manage"]
    if environ.get("REDIS_URL"):
        return [*manage, "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    return [*manage, "db_worker", "--no-reload"]


def start_worker() -> subprocess.Popen[bytes]:
    """One worker process, stopped when the server exits."""
    process = subprocess.Popen(worker_command())

    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    atexit.register(stop)
    return process
