"""Benchmark of the web application on PostgreSQL: 100,000 tables (about a million indicators), served by gunicorn.

1. Creates (or reuses with ``--reuse``) a PostgreSQL database ``--db`` (default ``jixiao_bench`` on
   127.0.0.1:5432), migrates it and bulk-loads ``--tables`` target tables with ``--rows`` indicators each
   (COPY; contents cycled from the four sample documents), spread over 4 finance bureaus and 1,000 units,
   4 years and every status, with findings and a workflow entry per table.
2. Starts ``jixiao serve`` (gunicorn, ``--workers``) on a free port.
3. Runs ``--clients`` concurrent clients for ``--seconds``; each client cycles through four requests:
   the bare Django view (``/bare``, the floor), the filtered project list (a reviewer's bureau, 25,000 tables,
   filtered by year, status and errors, 50 rows a page), a random table page, and the API get of a random
   table (bearer token). Each request is timed end to end.
4. Prints p50/p95/max per request kind and the error count; ``--json`` prints the figures as JSON.

Goal (issue #5): p95 <= 150 ms for each, no errors. The machine is shared, so the bare view is measured in the
same run as a reference for what the box gives at that moment.

    .venv/bin/python bench/web_bench.py [--tables 100000] [--rows 10] [--seconds 60] [--clients 8]
                                        [--workers 4] [--reuse] [--keep] [--json]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

GOAL_P95_MS = 150.0
ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
STATUSES = ["draft"] * 3 + ["submitted"] * 3 + ["returned"] + ["approved"] * 2 + ["published"]
YEARS = (2022, 2023, 2024, 2025)


def admin_url(args: argparse.Namespace) -> str:
    return f"postgresql://{args.user}@{args.host}:{args.port}/postgres"


def database_url(args: argparse.Namespace) -> str:
    return f"postgresql://{args.user}@{args.host}:{args.port}/{args.db}"


def prepare_database(args: argparse.Namespace) -> bool:
    """Create the benchmark database; ``True`` when it already held the data (``--reuse``)."""
    import psycopg

    with psycopg.connect(admin_url(args), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (args.db,)).fetchone()
        if exists and args.reuse:
            with psycopg.connect(database_url(args)) as db:
                try:
                    n = db.execute("SELECT count(*) FROM targets_targettable").fetchone()[0]
                except psycopg.Error:
                    n = 0
            if n >= args.tables:
                return True
        if exists:
            conn.execute(f'DROP DATABASE "{args.db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.db}"')
    return False


def django_setup(args: argparse.Namespace) -> None:
    os.environ["DATABASE_URL"] = database_url(args)
    os.environ.setdefault("SECRET_KEY", "bench-" + os.urandom(16).hex())
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    import django

    django.setup()


def sample_tables() -> list[Any]:
    from jixiao.parsing import parse_file

    folder = resources.files("jixiao") / "samples"
    paths = sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))
    return [t for path in paths for t in parse_file(path).document.tables]


def load(args: argparse.Namespace) -> None:
    """Bulk-load organisations, projects, tables, indicators, findings and workflow rows with COPY."""
    from django.core.management import call_command
    from django.db import connection

    from jixiao.web.organisations.models import Organisation
    from jixiao.web.targets import convert
    from jixiao.web.targets.fields import INDICATOR_SPECS, TABLE_SPECS

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    units = []
    for b in range(4):
        bureau = Organisation.objects.create(name=f"第{b + 1}财政局", kind="finance")
        department = Organisation.objects.create(
            name=f"第{b + 1}医疗保障局", kind="department", parent=bureau, code=f"{b + 1}00"
        )
        for u in range(250):
            units.append(
                Organisation.objects.create(
                    name=f"单位{b + 1}-{u:03d}", kind="unit", parent=department, code=f"{b + 1}{u:05d}"
                )
            )
    templates = sample_tables()
    rng = random.Random(5)
    now = datetime.now(UTC)
    # every stored field of the model (the columns derive from jixiao.model); JSON columns as JSON text
    table_specs = [s for s in TABLE_SPECS if s.column not in {"kind", "annual_goals"}]
    header_fields = tuple(s.column for s in table_specs)
    indicator_fields = tuple(s.column for s in INDICATOR_SPECS)
    json_columns = {s.column for s in (*TABLE_SPECS, *INDICATOR_SPECS) if s.storage == "json"}

    def cell(column: str, value: object) -> object:
        return json.dumps(value, ensure_ascii=False) if column in json_columns and value is not None else value
    raw = connection.connection  # psycopg 3 connection under Django's
    with connection.cursor():
        pass
    with raw.cursor() as cur:
        with cur.copy("COPY targets_project (id, created, updated, code, name, unit_id, year) FROM STDIN") as copy:
            for i in range(1, args.tables + 1):
                t = templates[i % len(templates)]
                copy.write_row(
                    (
                        i,
                        now,
                        now,
                        f"B{i:08d}",
                        f"{t.project_name or t.title}（{i}）",
                        units[i % len(units)].pk,
                        YEARS[i % 4],
                    )
                )
        columns = ("id", "created", "updated", "project_id", "unit_id", "year", "version", "is_current", "status", "lock_version",
                   "kind", "annual_goals", "source_name", "source_format", "error_count", "warning_count", "info_count", *header_fields)  # fmt: skip
        with cur.copy(f"COPY targets_targettable ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(1, args.tables + 1):
                t = templates[i % len(templates)]
                header = convert.header_values(t)
                errors = 1 if rng.random() < 0.2 else 0
                copy.write_row((i, now, now, i, units[i % len(units)].pk, YEARS[i % 4], 1, True, STATUSES[i % len(STATUSES)], 1,
                                "project_target", json.dumps(t.annual_goals, ensure_ascii=False), "bench", "text", errors,
                                rng.randint(0, 6), 0, *(cell(f, header.get(f)) for f in header_fields)))  # fmt: skip
        n = 0
        with cur.copy(
            f"COPY targets_indicator (id, created, updated, table_id, position, uid, {', '.join(indicator_fields)}) FROM STDIN"
        ) as copy:
            for i in range(1, args.tables + 1):
                rows = templates[i % len(templates)].indicators
                for position in range(args.rows):
                    values = convert.indicator_values(rows[position % len(rows)])
                    n += 1
                    copy.write_row((n, now, now, i, position, uuid.uuid4(), *(cell(f, values[f]) for f in indicator_fields)))
        with cur.copy(
            "COPY targets_finding (table_id, indicator_id, indicator_position, code, name, severity, message) FROM STDIN"
        ) as copy:
            for i in range(1, args.tables + 1):
                copy.write_row(
                    (
                        i,
                        (i - 1) * args.rows + 1,
                        0,
                        "R06",
                        "hierarchy.rate_under_quantity",
                        "warning",
                        "比率指标填在数量指标下",
                    )
                )
        with cur.copy(
            "COPY reviews_transition (table_id, action, from_status, to_status, at, remark, request_id) FROM STDIN"
        ) as copy:
            for i in range(1, args.tables + 1):
                copy.write_row((i, "create", "", "draft", now, "bench", ""))
        for table in ("targets_project", "targets_targettable", "targets_indicator"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    raw.commit()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")  # visibility map for index-only scans, planner statistics
    print(f"loaded {args.tables:,} tables, {n:,} indicators in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def credentials() -> tuple[str, str, list[int]]:
    """A reviewer of bureau 1 (a session cookie) and an API token; the table ids that reviewer sees."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.organisations.models import Membership, Organisation
    from jixiao.web.targets.models import TargetTable

    User = get_user_model()
    user = User.objects.filter(username="bench-reviewer").first() or User.objects.create_user(
        "bench-reviewer", password=os.urandom(8).hex()
    )
    bureau = Organisation.objects.get(name="第1财政局")
    Membership.objects.get_or_create(user=user, organisation=bureau, role="reviewer")
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    _token, key = ApiToken.issue(user, "bench")
    ids = list(TargetTable.objects.restrict(user, "view").values_list("pk", flat=True)[:20000])
    return session.session_key or "", key, ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(args: argparse.Namespace, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DATABASE_URL=database_url(args), ALLOWED_HOSTS="127.0.0.1", JIXIAO_CONN_MAX_AGE="600")
    process = subprocess.Popen(
        [str(VENV_BIN / "jixiao"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not start: " + (process.stderr.read() if process.stderr else b"").decode()[-2000:])


def run_clients(
    args: argparse.Namespace, port: int, session: str, token: str, ids: list[int]
) -> tuple[dict[str, list[float]], dict[str, int]]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop = time.perf_counter() + args.seconds
    cookie = {"Cookie": f"sessionid={session}; django_language=zh-hans"}

    def request(kind: str, rng: random.Random) -> tuple[str, dict[str, str]]:
        if kind == "bare":
            return "/bare", {}
        if kind == "list":
            year, status = rng.choice(YEARS), rng.choice(("draft", "submitted", "returned", "approved", "published"))
            errors_filter = rng.choice(("", "&has_errors=false", "&has_errors=true"))
            return f"/tables/?year={year}&status={status}{errors_filter}", cookie
        if kind == "table":
            return f"/tables/{rng.choice(ids)}/", cookie
        return f"/api/tables/{rng.choice(ids)}", {"Authorization": f"Bearer {token}"}

    def client(n: int) -> None:
        rng = random.Random(n)
        kinds = ["bare", "list", "table", "api"]
        i = n
        while time.perf_counter() < stop:
            kind = kinds[i % len(kinds)]
            i += 1
            path, headers = request(kind, rng)
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                conn.close()
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies[kind].append(elapsed)
                if not ok:
                    errors[kind] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU of the gunicorn master and its workers (Linux /proc), to report CPU per request."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=10, help="indicators per table")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--db", default="jixiao_bench")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5432)
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded database")
    parser.add_argument("--keep", action="store_true", help="do not drop the database afterwards")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    try:
        loaded = prepare_database(args)
    except Exception as exc:  # no PostgreSQL here: say so in one line
        print(f"web_bench: PostgreSQL at {args.host}:{args.port} is not available: {exc}", file=sys.stderr)
        return 2
    django_setup(args)
    if not loaded:
        load(args)
    else:  # a kept database may predate the latest migrations
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    session, token, ids = credentials()
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = serve(args, port)
    try:
        for path in ("/bare", f"/tables/{ids[0]}/", "/tables/?year=2024"):  # warm every worker's imports and caches
            for _ in range(args.workers * 2):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
                conn.getresponse().read()
        load_before = os.getloadavg()[0]
        cpu_before = server_cpu_seconds(server.pid)
        latencies, errors = run_clients(args, port, session, token, ids)
        cpu_used = server_cpu_seconds(server.pid) - cpu_before
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            import psycopg

            connections.close_all()
            with psycopg.connect(admin_url(args), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')

    labels = {"bare": "bare Django view", "list": "filtered list (50 rows)", "table": "table page", "api": "API get"}
    results = {
        kind: {
            "requests": len(latencies[kind]),
            "errors": errors.get(kind, 0),
            "p50_ms": round(statistics.median(latencies[kind]), 1),
            "p95_ms": round(percentile(latencies[kind], 0.95), 1),
            "max_ms": round(max(latencies[kind]), 1),
        }
        for kind in ("bare", "list", "table", "api")
        if latencies[kind]
    }
    met = all(r["p95_ms"] <= GOAL_P95_MS and r["errors"] == 0 for r in results.values())
    total = sum(r["requests"] for r in results.values())
    machine = {
        "cpus": os.cpu_count(),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(load_after, 2),
        "requests_per_second": round(total / args.seconds, 1),
        "server_cpu_ms_per_request": round(1000 * cpu_used / max(total, 1), 2),
    }
    summary = {"tables": args.tables, "indicators": args.tables * args.rows, "clients": args.clients, "seconds": args.seconds,
               "workers": args.workers, "goal_p95_ms": GOAL_P95_MS, "met": met, "machine": machine, "results": results}  # fmt: skip
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"web bench: {args.tables:,} tables / {args.tables * args.rows:,} indicators on PostgreSQL, gunicorn {args.workers} workers, "
              f"{args.clients} clients for {args.seconds:.0f} s")  # fmt: skip
        print(f"{'request':<26}{'n':>8}{'errors':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
        for kind, r in results.items():
            print(
                f"{labels[kind]:<26}{r['requests']:>8}{r['errors']:>8}{r['p50_ms']:>10}{r['p95_ms']:>10}{r['max_ms']:>10}"
            )
        print(f"{machine['requests_per_second']} requests/s; gunicorn CPU {machine['server_cpu_ms_per_request']} ms per request (mean of the mix); "
              f"load average {machine['load_average_before']} → {machine['load_average_after']} on {machine['cpus']} CPUs")  # fmt: skip
        print(f"goal p95 <= {GOAL_P95_MS:.0f} ms and no errors: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
