"""Eight saves at the same moment on a live server (gunicorn, several processes and threads): no 500.

Different tables by different users: every save succeeds. One table by all of them, from the same version:
one save succeeds and the others get the conflict page. On SQLite (the default database, a file) and, when
``DATABASE_URL`` names a PostgreSQL server, on a database of its own there.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
JIXIAO = Path(sys.executable).with_name("jixiao")
CLIENTS = 8
PG_URL = os.environ.get("DATABASE_URL", "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG"}}
    env.update(
        DATABASE_URL=database_url,
        JIXIAO_DATA_DIR=str(data_dir),
        SECRET_KEY="concurrency-test-" + "x7Kq2Lm9Pw4Rt6Vy8Zb3Nc5Hd1Jf0Gs" * 2,
        DJANGO_SETTINGS_MODULE="jixiao.web.settings",
        JIXIAO_CONN_MAX_AGE="0",
    )
    return env


# the PostgreSQL case exists where DATABASE_URL names a server (make test's second stage), not as a skip elsewhere
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL.startswith("postgres") else [])]


@pytest.fixture(params=BACKENDS)
def live(request: Any, tmp_path: Path) -> Iterator[tuple[str, int, list[dict[str, Any]]]]:
    """A migrated database with one table per client, and gunicorn serving it: (backend, port, clients)."""
    backend = request.param
    cleanup = None
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'jixiao.sqlite3'}"
    else:
        import psycopg

        name = f"jixiao_concurrency_{os.getpid()}"
        # the server's maintenance database: the one DATABASE_URL names need not exist (pytest-django makes test_*)
        maintenance = urllib.parse.urlunsplit(urllib.parse.urlsplit(PG_URL)._replace(path="/postgres"))
        admin = psycopg.connect(maintenance, autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        url = urllib.parse.urlunsplit(urllib.parse.urlsplit(PG_URL)._replace(path=f"/{name}"))

        def cleanup() -> None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

    env = server_env(url, tmp_path / "data")
    made = subprocess.run(
        [sys.executable, str(HERE / "concurrency_world.py"), str(CLIENTS)],
        env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    clients = json.loads(made.stdout.strip().splitlines()[-1])
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [str(JIXIAO), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "3", "--threads", "3"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(port, "/healthz", "")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not start: " + (tmp_path / "server.log").read_text())
        yield backend, port, clients
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if cleanup:
            cleanup()
    assert "Traceback" not in (tmp_path / "server.log").read_text()


def get(port: int, path: str, cookie: str) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read().decode()
    headers = {name: "; ".join(response.msg.get_all(name) or []) for name in response.msg}
    return response.status, headers, body


def post(port: int, path: str, cookie: str, fields: dict[str, Any]) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = urllib.parse.urlencode(fields)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read().decode()


def prepare(port: int, client: dict[str, Any], table: int) -> tuple[str, dict[str, Any]]:
    """Open the edit page as the browser does: its CSRF cookie and token go with the save."""
    status, headers, page = get(port, f"/tables/{table}/edit/", client["cookie"])
    assert status == 200, page[:500]
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return f"{client['cookie']}; csrftoken={csrf_cookie}", {**client["form"], "csrfmiddlewaretoken": token}


def fire(port: int, jobs: list[tuple[str, str, dict[str, Any]]]) -> list[tuple[int, str]]:
    """Post every job at the same moment (a barrier releases all threads together)."""
    barrier = threading.Barrier(len(jobs))
    results: list[tuple[int, str]] = [(0, "")] * len(jobs)

    def run(i: int, path: str, cookie: str, fields: dict[str, Any]) -> None:
        barrier.wait()
        results[i] = post(port, path, cookie, fields)

    threads = [threading.Thread(target=run, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_eight_saves_of_different_tables_at_once_all_succeed(live: tuple[str, int, list[dict[str, Any]]]) -> None:
    _backend, port, clients = live
    jobs = []
    for client in clients:
        cookie, fields = prepare(port, client, client["table"])
        jobs.append((f"/tables/{client['table']}/edit/", cookie, fields))
    results = fire(port, jobs)
    assert [status for status, _body in results] == [302] * CLIENTS, [body[:300] for _s, body in results]
    for client in clients:
        status, _headers, page = get(port, f"/tables/{client['table']}/", client["cookie"])
        assert status == 200 and client["form"]["project_name"] in page


def test_eight_saves_of_one_table_at_once_give_one_success_and_conflict_pages(
    live: tuple[str, int, list[dict[str, Any]]],
) -> None:
    _backend, port, clients = live
    owner = clients[0]
    table = owner["table"]
    jobs = []
    for i in range(CLIENTS):  # the same filer in eight tabs, each from the same version, each typing a name
        cookie, fields = prepare(port, owner, table)
        jobs.append((f"/tables/{table}/edit/", cookie, {**fields, "project_name": f"同时保存{i}"}))
    results = fire(port, jobs)
    statuses = [status for status, _body in results]
    assert sorted(statuses) == [302] + [409] * (CLIENTS - 1), statuses
    winner = statuses.index(302)
    for status, body in results:
        if status == 409:
            assert 'id="conflict"' in body and "编辑冲突" in body
    _status, _headers, page = get(port, f"/tables/{table}/", owner["cookie"])
    assert f"同时保存{winner}" in page
