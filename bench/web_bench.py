"""Benchmark of the web application on PostgreSQL: 100,000 tables (about a million indicators), served by gunicorn.

1. Creates (or reuses with ``--reuse``) a PostgreSQL database ``--db`` (default ``jixiao_bench`` on
   127.0.0.1:5432), migrates it and bulk-loads ``--tables`` target tables with ``--rows`` indicators each
   (COPY; contents cycled from the four sample documents), spread over 4 finance bureaus and 1,000 units,
   4 years and every status (every unit has tables in every year and status), with findings and a workflow
   entry per table. Then the yearly app at the same scale: per bureau and year a 监控 task (1-7月) and a 自评
   task, the latest year also a 1-10月 监控, one report per published table and task (22,500 at 100k), filled
   through the app's own ``services.fill`` with distinct random figures in every status (the latest 自评 is
   under way: due soon, due, overdue or not started by bureau), the filer accounts, and the daily job's
   reminders (to filers before and after the deadline, to the bureau's reviewer for reports waiting review).
2. Starts ``jixiao serve`` (gunicorn, ``--workers``) on a free port. The dashboard's per-report figures (which
   the app writes with each save) are dropped first, as in a database from before them: the first dashboard
   view of each bureau computes them for its reports, timed apart.
3. Runs ``--clients`` concurrent clients for ``--seconds``; each client cycles through the request kinds:
   the bare Django view (``/bare``, the floor), the filtered project list (a reviewer's bureau, 25,000 tables,
   filtered by year, status and errors, 50 rows a page), a random table page, the API get of a random table
   (bearer token), the to-do list of a unit's filer, of the approver of a department (250 units, a random one of
   its first twenty pages) and of a bureau's reviewer (a page of the queue of submitted reports), a bureau's
   dashboard page (four charts with their tables) and one chart's CSV, each of the four bureaus at random.
   Each request is timed end to end. Meanwhile ``--saves-per-second`` reports are touched by a bulk UPDATE
   that bypasses the app's save (the harder case: a save through the app writes its figures itself), so the
   dashboards keep recomputing the figures of the reports changed since their last view.
4. Sends ``--cpu-requests`` requests of each kind one at a time and reads gunicorn's CPU per request by kind.
5. Prints p50/p95/max, errors, CPU per kind and the goal verdict per kind; ``--json`` prints it all as JSON.

Goal (issues #5 and #15): p95 <= 150 ms for each kind, no errors. The machine is shared, so the bare view is
measured in the same run as a reference for what the box gives at that moment.

    .venv/bin/python bench/web_bench.py [--tables 100000] [--rows 10] [--seconds 60] [--clients 8]
                                        [--workers 4] [--saves-per-second 1] [--cpu-requests 10]
                                        [--db NAME] [--reuse] [--keep] [--json]
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
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

GOAL_P95_MS = 150.0
ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
STATUSES = ["draft"] * 3 + ["submitted"] * 3 + ["returned"] + ["approved"] * 2 + ["published"]
YEARS = (2022, 2023, 2024, 2025)


def year_of(i: int) -> int:
    """Table ``i`` belongs to unit ``i % 1000``; its block of a thousand gives the year, so every unit has tables
    in every year, and every status within each year (a unit is not tied to one year or one status)."""
    return YEARS[(i // 1000) % len(YEARS)]


def status_of(i: int) -> str:
    return STATUSES[(i // (1000 * len(YEARS)) + i % 1000) % len(STATUSES)]


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
                    if not db.execute("SELECT 1 FROM yearly_report LIMIT 1").fetchone():
                        n = 0  # loaded before the yearly app was: load again
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
                        year_of(i),
                    )
                )
        columns = ("id", "created", "updated", "project_id", "unit_id", "year", "version", "is_current", "status", "lock_version",
                   "kind", "annual_goals", "source_name", "source_format", "error_count", "warning_count", "info_count", *header_fields)  # fmt: skip
        with cur.copy(f"COPY targets_targettable ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(1, args.tables + 1):
                t = templates[i % len(templates)]
                header = convert.header_values(t)
                errors = 1 if rng.random() < 0.2 else 0
                copy.write_row((i, now, now, i, units[i % len(units)].pk, year_of(i), 1, True, status_of(i), 1,
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
                    copy.write_row(
                        (n, now, now, i, position, uuid.uuid4(), *(cell(f, values[f]) for f in indicator_fields))
                    )
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
    load_yearly(args)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")  # visibility map for index-only scans, planner statistics
    print(f"loaded {args.tables:,} tables, {n:,} indicators in {time.perf_counter() - started:.0f} s", file=sys.stderr)


# The yearly app: per bureau and year a 监控 task (1-7月) and a 自评 task; the latest year also a 1-10月 监控.
# The latest 自评 task is the one under way, its deadline set from today per bureau, so the to-do list and the
# dashboard see every state: due soon, due, overdue and not started; earlier tasks are over (mostly approved).
LATEST_SELFEVAL_DAYS_LEFT = (3, 20, -4, 40)  # bureau 1 … 4; 40: starts in ten days
PHASE_STATUSES = {  # status → share of a task's reports, by the task's phase
    "past": {"approved": 0.88, "submitted": 0.04, "returned": 0.02, "unit_review": 0.02, "draft": 0.04},
    "current": {"draft": 0.35, "returned": 0.05, "unit_review": 0.15, "submitted": 0.2, "approved": 0.25},
    "future": {"draft": 1.0},
}
WARNING_DAYS = 5
REMINDER_DAYS_AFTER_DEADLINE = 14  # how long the daily job kept reminding about a task that is long over


def task_plans(years: tuple[int, ...], bureaus: int, today: date) -> list[dict[str, Any]]:
    plans = []
    latest = max(years)
    for b in range(bureaus):
        for year in years:
            plans.append(dict(bureau=b, kind="monitoring", year=year, period="1-7月", start=date(year, 8, 1),
                              deadline=date(year, 8, 20), phase="past"))  # fmt: skip
            if year == latest:
                plans.append(dict(bureau=b, kind="monitoring", year=year, period="1-10月",
                                  start=date(year, 11, 1), deadline=date(year, 11, 20), phase="past"))  # fmt: skip
                days_left = LATEST_SELFEVAL_DAYS_LEFT[b % len(LATEST_SELFEVAL_DAYS_LEFT)]
                future = days_left > 30
                start = today + timedelta(days=10) if future else today - timedelta(days=30)
                deadline, phase = today + timedelta(days=days_left), "future" if future else "current"
            else:
                start, deadline, phase = date(year + 1, 3, 1), date(year + 1, 4, 30), "past"
            plans.append(dict(bureau=b, kind="self_evaluation", year=year, period="", start=start,
                              deadline=deadline, phase=phase))  # fmt: skip
    return plans


def core_of(i: int, project_name: str, year: int, templates: list[Any], rows: int) -> Any:
    """The core table of bench table ``i``, as the loader stored it (its template's rows cycled to ``rows``)."""
    t = templates[i % len(templates)]
    indicators = [t.indicators[p % len(t.indicators)] for p in range(rows)]
    return t.model_copy(update={"project_name": project_name, "year": year, "indicators": indicators})


def _amount(text: str | None, rng: random.Random, low: float, high: float) -> str:
    from jixiao.scoring.numbers import number

    budget = number(text) if text else None
    base = float(budget) if budget else rng.uniform(5, 500)
    return f"{base * rng.uniform(low, high):.2f}"


def monitoring_entries(table: Any, rng: random.Random, complete: bool) -> dict[str, str]:
    """What a filer types into a 监控表: execution to date per fund line, progress, forecast, 完成可能性."""
    data: dict[str, str] = {}
    for n, line in enumerate(table.execution):
        if complete or rng.random() < 0.5:
            data[f"line-{n}-executed"] = _amount(line.adjusted_budget or line.initial_budget, rng, 0.1, 1.0)
    for n, ind in enumerate(table.indicators):
        if not complete and rng.random() < 0.5:
            continue
        if ind.number is not None:
            data[f"row-{n}-progress"] = f"{float(ind.number) * rng.uniform(0.2, 1.3):.4g}{ind.unit or ''}"
        else:
            data[f"row-{n}-progress"] = rng.choice(("按计划推进", "已完成过半", "尚未开展", "基本完成"))
        data[f"row-{n}-on_track"] = rng.choice(("确定能", "确定能", "有可能", "完全不可能"))
        data[f"row-{n}-forecast"] = rng.choice(("能完成", "基本完成", "难以完成"))
        if rng.random() < 0.3:
            data[f"row-{n}-deviation"] = rng.choice(("资金拨付滞后", "项目实施周期调整", "政策调整"))
            data[f"row-{n}-measures"] = rng.choice(("加快拨付进度", "加强督导", "调整实施方案"))
    return data


def selfeval_entries(table: Any, rng: random.Random, complete: bool) -> dict[str, str]:
    """What a filer types into a 自评表: execution for the year, each row's actual and 偏差原因."""
    data: dict[str, str] = {}
    for n, line in enumerate(table.execution):
        if complete or rng.random() < 0.5:
            data[f"line-{n}-executed"] = _amount(line.adjusted_budget or line.initial_budget, rng, 0.55, 1.0)
    for n, ind in enumerate(table.indicators):
        if not complete and rng.random() < 0.5:
            continue
        if ind.number is not None:
            data[f"row-{n}-actual"] = f"{float(ind.number) * rng.uniform(0.6, 1.15):.4g}{ind.unit or ''}"
        else:
            data[f"row-{n}-actual"] = rng.choice(("已完成", "基本完成", "部分完成", "达到预期"))
        if rng.random() < 0.25:
            data[f"row-{n}-deviation"] = rng.choice(("受政策调整影响", "资金到位较晚", "统计口径变化"))
    if complete:
        data["goals_achieved"] = rng.choice(("年度目标基本完成", "年度目标全部完成", "部分目标未完成"))
    return data


def load_yearly(args: argparse.Namespace) -> int:
    """Bulk-load the yearly app: filer accounts, tasks, one report per published table and task (filled through
    the app's own ``services.fill`` with distinct random figures, in every status), the dashboard figures the app
    keeps per report, and the daily job's reminders. Returns how many reports were loaded."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from jixiao.monitoring import monitoring_table, selfeval_table
    from jixiao.web.organisations.models import Membership, Organisation
    from jixiao.web.targets.models import TargetTable
    from jixiao.web.yearly import services
    from jixiao.web.yearly.models import Report, YearTask

    started = time.perf_counter()
    rng = random.Random(15)
    today = date.today()
    now = datetime.now(UTC)
    templates = sample_tables()
    bureaus = list(Organisation.objects.filter(kind="finance").order_by("pk"))
    units = list(Organisation.objects.filter(kind="unit").order_by("code"))
    bureau_of_unit = {u.pk: b for b, bureau in enumerate(bureaus) for u in units if u.path.startswith(bureau.path)}
    User = get_user_model()
    User.objects.bulk_create([User(username=f"filer-{u.code}", password="!") for u in units])  # "!": no password
    filer_ids = dict(User.objects.filter(username__startswith="filer-").values_list("username", "pk"))
    filer_of = {u.pk: filer_ids[f"filer-{u.code}"] for u in units}
    Membership.objects.bulk_create([Membership(user_id=filer_of[u.pk], organisation=u, role="filer") for u in units])
    reviewer_of = []  # bureau → its reviewer (bureau 1's is the benchmark's reviewer)
    for b, bureau in enumerate(bureaus):
        reviewer = User.objects.create_user(
            "bench-reviewer" if b == 0 else f"reviewer-{b + 1}", password=os.urandom(8).hex()
        )
        Membership.objects.create(user=reviewer, organisation=bureau, role="reviewer")
        reviewer_of.append(reviewer.pk)
    published: dict[tuple[int, int], list[tuple[int, int, str]]] = defaultdict(list)  # (bureau, year) → tables
    for pk, unit_id, year, name in (
        TargetTable.objects.filter(status="published")
        .values_list("pk", "unit_id", "year", "project_name")
        .order_by("pk")
    ):
        published[(bureau_of_unit[unit_id], year)].append((pk, unit_id, name or ""))

    report_rows: list[tuple[Any, ...]] = []
    reminder_rows: list[tuple[Any, ...]] = []
    approved_monitoring: dict[int, Any] = {}  # table → its last approved 监控表 (the 自评表 starts from it)
    report_id = 0
    plans = sorted(
        task_plans(YEARS, len(bureaus), today), key=lambda p: (p["year"], p["kind"] != "monitoring", p["start"])
    )
    for plan in plans:
        task = YearTask.objects.create(
            kind=plan["kind"], bureau=bureaus[plan["bureau"]], year=plan["year"], period=plan["period"],
            title=services._default_title(plan["kind"], plan["year"], plan["period"]), start=plan["start"],
            deadline=plan["deadline"], warning_days=WARNING_DAYS,
        )  # fmt: skip
        shares = PHASE_STATUSES[plan["phase"]]
        for pk, unit_id, name in published[(plan["bureau"], plan["year"])]:
            core = core_of(pk, name, plan["year"], templates, args.rows)
            status = rng.choices(list(shares), weights=list(shares.values()))[0]
            if plan["kind"] == "monitoring":
                if status == "unit_review":
                    status = "submitted"  # 单位审核 is a step of 自评 only
                content = monitoring_table(core, period=plan["period"])
                entries = monitoring_entries
            else:
                content = selfeval_table(core, monitoring=approved_monitoring.get(pk), profile=services.SCORING_PROFILE)
                entries = selfeval_entries
            report = Report(task=task, content=content.model_dump(mode="json"), status=status)
            filled = status != "draft" or (plan["phase"] != "future" and rng.random() < 0.5)
            if filled:
                report.set_core(services.fill(report, entries(content, rng, complete=status != "draft")))
            if plan["kind"] == "monitoring" and status == "approved":
                approved_monitoring[pk] = report.core()
            report_id += 1
            submitted_at = now - timedelta(days=rng.randint(0, 60)) if status != "draft" else None
            comment = "请补充偏差原因" if status == "returned" else ""
            report_rows.append((report_id, task.pk, pk, unit_id, status, json.dumps(report.content, ensure_ascii=False),
                                comment, submitted_at, now - timedelta(minutes=rng.randint(0, 100_000)), "{}"))  # fmt: skip
            # the daily job: the unit's filer while the report is to fill, the bureau's reviewer once it waits
            # past its deadline for review (sending stops REMINDER_DAYS_AFTER_DEADLINE days after the deadline)
            if status == "submitted":
                holder, first = reviewer_of[plan["bureau"]], plan["deadline"]
            elif status in {"draft", "returned"}:
                holder, first = filer_of[unit_id], plan["deadline"] - timedelta(days=WARNING_DAYS)
            else:
                continue
            day = max(plan["start"], first)
            while day <= min(today, plan["deadline"] + timedelta(days=REMINDER_DAYS_AFTER_DEADLINE)):
                left = (plan["deadline"] - day).days
                state = f"已逾期 {-left} 天" if left < 0 else f"还剩 {left} 天"
                text = f"【{state}】{task.title}：{name}（截止 {plan['deadline']:%Y-%m-%d}）"
                reminder_rows.append((report_id, holder, status, day, text, True, rng.random() < 0.6))
                day += timedelta(days=1)
    raw = connection.connection
    with raw.cursor() as cur:
        columns = "id, task_id, table_id, unit_id, status, content, comment, submitted_at, updated, checked"
        with cur.copy(f"COPY yearly_report ({columns}) FROM STDIN") as copy:
            for row in report_rows:
                copy.write_row(row)
        with cur.copy("COPY yearly_reminder (report_id, user_id, step, day, text, emailed, read) FROM STDIN") as copy:
            for row in reminder_rows:
                copy.write_row(row)
        cur.execute("SELECT setval(pg_get_serial_sequence('yearly_report', 'id'), (SELECT max(id) FROM yearly_report))")
    raw.commit()
    print(f"loaded {len(plans)} tasks, {len(report_rows):,} reports, {len(reminder_rows):,} reminders "
          f"in {time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    return len(report_rows)


def session_for(user: Any) -> str:
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key or ""


def credentials() -> tuple[dict[str, str], str, list[int]]:
    """Sessions of bureau 1's reviewer, the filer of one of its units and the unit approver of its department
    (the approver above 250 units: the longest to-do list); an API token; the table ids the reviewer sees."""
    from django.contrib.auth import get_user_model

    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.organisations.models import Membership, Organisation
    from jixiao.web.targets.models import TargetTable

    User = get_user_model()

    def member(username: str, organisation: Any, role: str) -> Any:
        user = User.objects.filter(username=username).first() or User.objects.create_user(
            username, password=os.urandom(8).hex()
        )
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        return user

    reviewer = member("bench-reviewer", Organisation.objects.get(name="第1财政局"), "reviewer")
    approver = member("bench-approver", Organisation.objects.get(name="第1医疗保障局"), "approver")
    filer = User.objects.get(username="filer-100009")  # unit 9 of bureau 1 (the loader's filer of that unit)
    sessions = {"reviewer": session_for(reviewer), "approver": session_for(approver), "filer": session_for(filer)}
    for b in range(2, 5):  # the other bureaus' reviewers (the loader's): their dashboards and queues too
        sessions[f"reviewer-{b}"] = session_for(User.objects.get(username=f"reviewer-{b}"))
    _token, key = ApiToken.issue(reviewer, "bench")
    ids = list(TargetTable.objects.restrict(reviewer, "view").values_list("pk", flat=True)[:20000])
    return sessions, key, ids


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


KINDS = {
    "bare": "bare Django view",
    "list": "filtered list (50 rows)",
    "table": "table page",
    "api": "API get",
    "todo_filer": "to-do, unit filer",
    "todo_approver": "to-do, dept. approver",
    "todo_reviewer": "to-do, bureau reviewer",
    "dashboard": "dashboard, bureau",
    "dashboard_csv": "dashboard CSV",
}
CHART_KEYS = ("quadrant", "grades", "lights", "deadlines")


def request(
    kind: str, rng: random.Random, sessions: dict[str, str], token: str, ids: list[int]
) -> tuple[str, dict[str, str]]:
    """The path and headers of one request of ``kind`` (random filters, tables and charts)."""
    cookies = {who: {"Cookie": f"sessionid={key}; django_language=zh-hans"} for who, key in sessions.items()}
    cookie = cookies["reviewer"]
    any_reviewer = cookies[rng.choice([who for who in cookies if who.startswith("reviewer")])]  # one of 4 bureaus
    if kind == "bare":
        return "/bare", {}
    if kind == "list":
        year, status = rng.choice(YEARS), rng.choice(("draft", "submitted", "returned", "approved", "published"))
        errors_filter = rng.choice(("", "&has_errors=false", "&has_errors=true"))
        return f"/tables/?year={year}&status={status}{errors_filter}", cookie
    if kind == "table":
        return f"/tables/{rng.choice(ids)}/", cookie
    if kind == "api":
        return f"/api/tables/{rng.choice(ids)}", {"Authorization": f"Bearer {token}"}
    if kind == "todo_approver":  # 5,000 reports at 100k: a page of fifty, any of the first twenty
        return f"/yearly/?page={rng.randint(1, 20)}", cookies["approver"]
    if kind == "todo_reviewer":  # the queue of submitted reports, paged apart
        return f"/yearly/?review_page={rng.randint(1, 5)}", any_reviewer
    if kind == "todo_filer":
        return "/yearly/", cookies["filer"]
    if kind == "dashboard":
        return "/yearly/dashboard/", any_reviewer
    return f"/yearly/dashboard/?csv={rng.choice(CHART_KEYS)}", any_reviewer


def run_clients(
    args: argparse.Namespace, port: int, sessions: dict[str, str], token: str, ids: list[int]
) -> tuple[dict[str, list[float]], dict[str, int]]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop = time.perf_counter() + args.seconds

    def client(n: int) -> None:
        rng = random.Random(n)
        kinds = list(KINDS)
        i = n
        while time.perf_counter() < stop:
            kind = kinds[i % len(kinds)]
            i += 1
            path, headers = request(kind, rng, sessions, token, ids)
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

    def saver() -> None:
        """Reports changed behind the app's back: ``--saves-per-second`` of them (their ``updated`` moves on, their
        figures do not), so each dashboard view recomputes those of its bureau changed since the one before."""
        import psycopg

        rng = random.Random(-1)
        with psycopg.connect(database_url(args), autocommit=True) as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM yearly_report")]
            while time.perf_counter() < stop:
                conn.execute("UPDATE yearly_report SET updated = now() WHERE id = %s", (rng.choice(ids),))
                saves[0] += 1
                time.sleep(1 / args.saves_per_second)

    saves = [0]
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    if args.saves_per_second > 0:
        threads.append(threading.Thread(target=saver))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors["saves"] = saves[0]
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


def cold_dashboard(args: argparse.Namespace, port: int, sessions: dict[str, str]) -> dict[str, Any]:
    """The first dashboard view of each bureau after the load computes the figures of every report of the
    bureau (kept after that; a later view recomputes only the reports saved since): their wall times, apart
    from the timed run."""
    import psycopg

    walls, statuses = [], set()
    for who in sorted(who for who in sessions if who.startswith("reviewer")):
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/yearly/dashboard/", headers={"Cookie": f"sessionid={sessions[who]}"})
        response = conn.getresponse()
        response.read()
        walls.append(time.perf_counter() - started)
        statuses.add(response.status)
    with psycopg.connect(database_url(args), autocommit=True) as db:
        computed = db.execute("SELECT count(*) FROM yearly_reportfigures").fetchone()[0]
        db.execute("VACUUM ANALYZE yearly_reportfigures")  # autovacuum's work on a running system
    return {
        "bureaus": len(walls),
        "reports": computed,
        "seconds": [round(w, 2) for w in walls],
        "status": sorted(statuses),
    }


def sequential_cpu(
    args: argparse.Namespace,
    port: int,
    server: subprocess.Popen[bytes],
    sessions: dict[str, str],
    token: str,
    ids: list[int],
) -> dict[str, float]:
    """Server CPU ms per request of each kind, from ``--cpu-requests`` requests sent one at a time (one client:
    the gunicorn CPU between the first and the last is that kind's alone)."""
    rng = random.Random(99)
    out = {}
    for kind in KINDS:
        before = server_cpu_seconds(server.pid)
        for _ in range(args.cpu_requests):
            path, headers = request(kind, rng, sessions, token, ids)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path, headers=headers)
            conn.getresponse().read()
            conn.close()
        out[kind] = round(1000 * (server_cpu_seconds(server.pid) - before) / args.cpu_requests, 1)
    return out


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
    parser.add_argument("--saves-per-second", type=float, default=1, help="reports saved while the clients run")
    parser.add_argument("--cpu-requests", type=int, default=10, help="sequential requests per kind for the CPU figure")
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
    sessions, token, ids = credentials()
    from jixiao.web.yearly.figures import ReportFigures

    ReportFigures.objects.all().delete()  # computed by the first dashboard view, timed apart (cold_dashboard)
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = serve(args, port)
    try:
        cold = cold_dashboard(args, port, sessions)  # before any other view computes the figures
        warm = ("/bare", f"/tables/{ids[0]}/", "/tables/?year=2024", "/yearly/", "/yearly/dashboard/?csv=lights")
        for path in warm:  # every worker's imports and profile files loaded (not the data: no page is cached)
            for _ in range(args.workers * 2):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path, headers={"Cookie": f"sessionid={sessions['reviewer']}"})
                conn.getresponse().read()
        load_before = os.getloadavg()[0]
        cpu_before = server_cpu_seconds(server.pid)
        latencies, errors = run_clients(args, port, sessions, token, ids)
        cpu_used = server_cpu_seconds(server.pid) - cpu_before
        load_after = os.getloadavg()[0]
        cpu_by_kind = sequential_cpu(args, port, server, sessions, token, ids)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            import psycopg

            connections.close_all()
            with psycopg.connect(admin_url(args), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')

    results = {
        kind: {
            "requests": len(latencies[kind]),
            "errors": errors.get(kind, 0),
            "p50_ms": round(statistics.median(latencies[kind]), 1),
            "p95_ms": round(percentile(latencies[kind], 0.95), 1),
            "max_ms": round(max(latencies[kind]), 1),
            "server_cpu_ms": cpu_by_kind[kind],
        }
        for kind in KINDS
        if latencies[kind]
    }
    bare_p95 = results["bare"]["p95_ms"] if "bare" in results else 0.0
    for r in results.values():
        r["met"] = r["p95_ms"] <= GOAL_P95_MS and r["errors"] == 0
        r["p95_over_bare_ms"] = round(r["p95_ms"] - bare_p95, 1)  # what the page adds to what the box gives
    met = all(r["met"] for r in results.values())
    total = sum(r["requests"] for r in results.values())
    machine = {
        "cpus": os.cpu_count(),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(load_after, 2),
        "requests_per_second": round(total / args.seconds, 1),
        "server_cpu_ms_per_request": round(1000 * cpu_used / max(total, 1), 2),
    }
    machine["saves_during_run"] = errors.pop("saves", 0)
    summary = {"first_dashboard": cold, "tables": args.tables, "indicators": args.tables * args.rows, "clients": args.clients, "seconds": args.seconds,
               "workers": args.workers, "goal_p95_ms": GOAL_P95_MS, "met": met, "machine": machine, "results": results}  # fmt: skip
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"web bench: {args.tables:,} tables / {args.tables * args.rows:,} indicators on PostgreSQL, gunicorn {args.workers} workers, "
              f"{args.clients} clients for {args.seconds:.0f} s")  # fmt: skip
        print(
            f"{'request':<26}{'n':>7}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'-bare':>8}{'max ms':>9}{'CPU ms':>8}  goal"
        )
        for kind, r in results.items():
            print(f"{KINDS[kind]:<26}{r['requests']:>7}{r['errors']:>7}{r['p50_ms']:>9}{r['p95_ms']:>9}"
                  f"{r['p95_over_bare_ms']:>8}{r['max_ms']:>9}{r['server_cpu_ms']:>8}  {'met' if r['met'] else 'NOT met'}")  # fmt: skip
        print("-bare: p95 minus the bare view's p95 of the same run (what the page adds to what the box gives)")
        print(
            f"CPU ms: gunicorn CPU per request of that kind, {args.cpu_requests} requests sent one at a time after the run"
        )
        print(f"{machine['requests_per_second']} requests/s; gunicorn CPU {machine['server_cpu_ms_per_request']} ms per request (mean of the mix); "
              f"load average {machine['load_average_before']} → {machine['load_average_after']} on {machine['cpus']} CPUs")  # fmt: skip
        print(f"{machine['saves_during_run']} reports saved during the run; the first dashboard view after the load "
              f"of each of the {cold['bureaus']} bureaus computed the figures of {cold['reports']:,} reports in all, in "
              f"{' / '.join(map(str, cold['seconds']))} s (HTTP {cold['status']}, once)")  # fmt: skip
        print(f"goal p95 <= {GOAL_P95_MS:.0f} ms and no errors: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
