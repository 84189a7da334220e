"""A real worker process killed (SIGKILL) in the middle of an import job: the job stays visible as running until
its heartbeat is stale, is then put back on the queue and finished by a new worker; with no attempt left it
fails with the reason. Runs against a SQLite file shared by the processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from web_helpers import FIXTURES

_SETUP = """
from django.contrib.auth import get_user_model
from jixiao.web.organisations.models import Membership, Organisation
from jixiao.web.jobs.services import create_job
bureau = Organisation.objects.create(name="卢龙县财政局", kind="finance")
dept = Organisation.objects.create(name="卢龙县医疗保障局", kind="department", parent=bureau, code="450")
unit = Organisation.objects.create(name="卢龙县医疗保障局本级", kind="unit", parent=dept, code="450001")
user = get_user_model().objects.create_user("filer", password="x")
Membership.objects.create(user=user, organisation=unit, role="filer")
data = open(sys.argv[1], "rb").read()
job = create_job("import", user, {"year": 2024, "unit": unit.pk}, [(f"{i}.docx", data) for i in range(int(sys.argv[2]))])
job.max_attempts = int(sys.argv[3]); job.save()
print(job.pk)
"""

_STATE = """
from jixiao.web.jobs.models import Job
from jixiao.web.targets.models import TargetTable
job = Job.objects.get(pk=int(sys.argv[1]))
print(json.dumps({"status": job.status, "progress": job.progress, "attempts": job.attempts, "error": job.error,
                  "message": job.message, "tables": TargetTable.objects.count()}))
"""

_RECOVER = """
from datetime import timedelta
from django.utils import timezone
from jixiao.web.jobs.services import recover_stale_jobs
print(recover_stale_jobs(now=timezone.now() + timedelta(hours=1)))
"""


_FILES = 12  # files in the job: enough parsing time for the kill to land before the job's one write


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "PYTEST_VERSION"}}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp / 'jobs.sqlite3'}",
        JIXIAO_DATA_DIR=str(tmp),
        JIXIAO_INSECURE_DEV_KEY="1",
        DJANGO_SETTINGS_MODULE="jixiao.web.settings",
    )
    return env


def _django(tmp: Path, code: str, *args: str) -> str:
    script = "import sys, json, django\ndjango.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=_env(tmp), capture_output=True, text=True, timeout=300, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def _worker(tmp: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jixiao.web.manage",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        env=_env(tmp),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _state(tmp: Path, pk: str) -> dict[str, object]:
    return json.loads(_django(tmp, _STATE, pk))


def _running_progress(tmp: Path, pk: str) -> tuple[str, int]:
    # read straight from the SQLite file: a Django process per poll is slower than the job's files are parsed
    with sqlite3.connect(tmp / "jobs.sqlite3", timeout=5) as db:
        status, progress = db.execute("SELECT status, progress FROM jobs_job WHERE id = ?", (int(pk),)).fetchone()
    return str(status), int(progress)


def _kill_mid_job(tmp: Path, pk: str) -> None:
    worker = _worker(tmp)
    try:
        deadline = time.monotonic() + 120
        state: tuple[str, int] = ("", 0)
        while time.monotonic() < deadline:
            state = _running_progress(tmp, pk)
            if state[0] == "running" and state[1] >= 1:
                break
            if state[0] in {"succeeded", "failed"}:
                raise AssertionError(f"the job ended before the worker could be killed: {state}")
            time.sleep(0.01)
        else:
            raise AssertionError(f"the job never got going: {state}")
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)


def test_killed_worker_job_is_retried_by_a_new_worker(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "jixiao.web.manage", "migrate", "--noinput", "-v", "0"],
        env=_env(tmp_path),
        check=True,
        timeout=300,
    )
    pk = _django(tmp_path, _SETUP, str(FIXTURES / "001_lulong.docx"), str(_FILES), "2")
    _kill_mid_job(tmp_path, pk)
    state = _state(tmp_path, pk)
    assert state["status"] == "running" and state["tables"] == 0 and state["attempts"] == 1
    assert _django(tmp_path, _RECOVER) == f"[{pk}]"
    state = _state(tmp_path, pk)
    assert state["status"] == "queued" and "后台进程在第 1 次尝试中停止" in str(state["message"])
    # the recovery enqueued a new task: a fresh worker finishes it
    done = subprocess.run(
        [sys.executable, "-m", "jixiao.web.manage", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        env=_env(tmp_path),
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0
    state = _state(tmp_path, pk)
    # a version per file of the file's fourteen tables (its other unit, 450003, is unknown here: the chosen unit's)
    assert state["status"] == "succeeded" and state["attempts"] == 2 and state["tables"] == 14 * _FILES
