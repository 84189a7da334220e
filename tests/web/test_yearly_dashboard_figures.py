"""The dashboards count in the database what they once counted in Python over every report: on a small world
of reports in every status, lights, grades and deadline states, each chart equals a plain Python recount made
live from the reports' content, and a report saved again is counted with its new figures."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from web_helpers import World

TODAY = dt.date(2025, 9, 10)


def _world_of_reports(world: World) -> list[Any]:
    """Monitoring and self-evaluation reports of two units of bureau A (and one of bureau B), filled through
    services.fill with figures drawn at random, in every status and under tasks in every deadline state."""
    from jixiao.monitoring import monitoring_table, selfeval_table
    from jixiao.web.targets.convert import to_core_table
    from jixiao.web.targets.models import Project, TargetTable
    from jixiao.web.yearly import services
    from jixiao.web.yearly.models import Report, YearTask

    rng = random.Random(7)
    core = to_core_table(world.tables["published"])
    windows = {  # start, deadline: not started, due, due soon, overdue
        "not_started": (TODAY + dt.timedelta(days=3), TODAY + dt.timedelta(days=30)),
        "due": (TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=20)),
        "due_soon": (TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=2)),
        "overdue": (TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=1)),
    }
    reports = []
    for bureau, units in (("bureau_a", ("unit_a1", "unit_a2")), ("bureau_b", ("unit_b1",))):
        for kind in ("monitoring", "self_evaluation"):
            for window, (start, deadline) in windows.items():
                task = YearTask.objects.create(
                    kind=kind, bureau=world.orgs[bureau], year=2024, period="1-9月" if kind == "monitoring" else "",
                    title=f"{kind}{window}", start=start, deadline=deadline, warning_days=5,
                )  # fmt: skip
                for unit_key in units:
                    unit = world.orgs[unit_key]
                    for n in range(3):
                        name = f"{unit_key}{kind}{window}{n}"
                        table = TargetTable.objects.create(
                            project=Project.objects.create(code=name, name=name, unit=unit, year=2024),
                            unit=unit, year=2024, status="published", project_name=name,
                        )  # fmt: skip
                        published = core.model_copy(update={"project_name": name})
                        if kind == "monitoring":
                            content = monitoring_table(published, period="1-9月")
                        else:
                            content = selfeval_table(published, profile=services.SCORING_PROFILE)
                        report = Report(task=task, table=table, unit=unit, content=content.model_dump(mode="json"))
                        report.status = rng.choice(["draft", "unit_review", "submitted", "returned", "approved"])
                        if rng.random() < 0.8:  # the rest stay as issued (grey lights, no score)
                            report.set_core(services.fill(report, _entries(content, rng)))
                        report.save()
                        reports.append(report)
    return reports


def _entries(table: Any, rng: random.Random) -> dict[str, str]:
    data = {}
    for i, line in enumerate(table.execution):
        if rng.random() < 0.9:
            data[f"line-{i}-executed"] = f"{float(line.adjusted_budget or 10) * rng.uniform(0.1, 1.0):.2f}"
    for i, ind in enumerate(table.indicators):
        if ind.number is not None and rng.random() < 0.8:
            figure = f"{float(ind.number) * rng.uniform(0.3, 1.2):.3g}{ind.unit or ''}"
            data[f"row-{i}-progress" if table.kind == "monitoring" else f"row-{i}-actual"] = figure
    return data


def _recount(user: Any) -> dict[str, list[list[Any]]]:
    """The charts as the dashboard first computed them: every visible report loaded and scored in Python."""
    from jixiao.scoring.numbers import HUNDRED, fmt, rounded
    from jixiao.web.organisations.choices import Role
    from jixiao.web.yearly import services
    from jixiao.web.yearly.permissions import visible_reports

    reports = list(visible_reports(user, (Role.REVIEWER,)).select_related("task", "unit"))
    selfeval = [r for r in reports if r.task.kind == "self_evaluation" and r.content.get("total_score")]
    quadrant = []
    for report in selfeval:
        table = report.core()
        score = services.scores(table)
        rate = score.execution.rate if score.execution is not None else None
        if rate is None or not score.indicator_points:
            continue
        earned = sum((row.computed for row in score.rows if row.computed is not None), Decimal(0))
        share = rounded(earned / score.indicator_points * HUNDRED, 2)
        quadrant.append([report.unit.name, table.project_name or "", fmt(rounded(rate, 2)), fmt(share)])
    grades: dict[str, Counter[str]] = defaultdict(Counter)
    for report in selfeval:
        grades[report.unit.name][report.content.get("grade") or "—"] += 1
    names = sorted({g for c in grades.values() for g in c})
    lights: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        if report.task.kind == "monitoring":
            execution, _rows = services.lights(report)
            lights[report.unit.name][execution[0].colour.value if execution else "grey"] += 1
    states: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        states[report.unit.name][services.due_state(report, TODAY).state] += 1
    colours, due = ["red", "yellow", "green", "blue", "grey"], ["done", "due", "due_soon", "overdue", "not_started"]
    return {
        "quadrant": quadrant,
        "grades": [["单位", *names], *([u, *(grades[u][g] for g in names)] for u in sorted(grades))],
        "lights": [[u, *(lights[u][c] for c in colours)] for u in sorted(lights)],
        "deadlines": [[u, *(states[u][s] for s in due)] for u in sorted(states)],
    }


def _charts(user: Any) -> dict[str, list[list[Any]]]:
    from jixiao.web.yearly.dashboards import dashboard

    charts = dashboard(user, TODAY)
    out = {key: chart.rows for key, chart in charts.items()}
    out["grades"] = [charts["grades"].columns, *charts["grades"].rows]
    return out


def test_dashboard_charts_equal_a_python_recount_of_every_report(world: World) -> None:
    reports = _world_of_reports(world)
    reviewer = world.users["reviewer_a"]
    recount = _recount(reviewer)
    assert _charts(reviewer) == recount
    # the world holds what the charts distinguish: several colours, grades, states and both units
    colours = ["red", "yellow", "green", "blue", "grey"]
    assert {c for row in recount["lights"] for c, n in zip(colours, row[1:], strict=True) if n} >= {"red", "grey"}
    assert len(recount["quadrant"]) >= 5 and len(recount["grades"][0]) >= 3
    assert all(sum(row[1:]) for row in recount["deadlines"]) and len(recount["deadlines"]) == 2
    assert sum(sum(row[1:]) for row in recount["deadlines"]) == sum(
        r.unit.path.startswith(world.orgs["bureau_a"].path) for r in reports
    )
    assert _charts(world.users["admin"]) == _recount(world.users["admin"])  # every bureau's reports


def test_a_report_saved_again_is_counted_with_its_new_figures(world: World) -> None:
    from jixiao.web.yearly import services
    from jixiao.web.yearly.figures import ReportFigures

    reports = _world_of_reports(world)
    reviewer = world.users["reviewer_a"]
    assert _charts(reviewer) == _recount(reviewer)
    monitoring = next(r for r in reports if r.task.kind == "monitoring" and r.unit == world.orgs["unit_a1"])
    budget = Decimal(monitoring.core().execution[0].adjusted_budget)
    for executed in (budget, budget / 100, budget / 2):  # green at 100%, red at 1%, yellow at 50% (month 9)
        monitoring.set_core(services.fill(monitoring, {"line-0-executed": str(executed)}))
        monitoring.save()
        if executed == budget / 2:  # a CSV of one chart first: it refreshes the figures as the page does
            from jixiao.web.yearly.dashboards import dashboard

            assert dashboard(reviewer, TODAY, only="lights")["lights"].rows == _recount(reviewer)["lights"]
        assert _charts(reviewer) == _recount(reviewer)
        colour = {budget: "green", budget / 100: "red", budget / 2: "yellow"}[executed]
        assert ReportFigures.objects.get(report=monitoring).light == colour


def test_figures_are_written_with_each_save_and_refresh_catches_up_in_batches(world: World, monkeypatch: Any) -> None:
    """A save writes its report's figures (a dashboard view then only reads); what bypasses ``save()`` (a bulk
    ``update()``, reports stored before the figures existed) is recomputed by the view, in batches."""
    from django.utils import timezone

    from jixiao.web.yearly import figures
    from jixiao.web.yearly.models import Report

    monkeypatch.setattr(figures, "BATCH", 5)  # the world's 72 reports in fifteen batches
    reports = _world_of_reports(world)
    assert figures.ReportFigures.objects.count() == len(reports) == 72
    assert figures.refresh(Report.objects.all()) == 0  # every save wrote its figures
    reports[0].save()
    assert figures.refresh(Report.objects.all()) == 0
    Report.objects.filter(pk__in=[reports[1].pk, reports[-1].pk]).update(updated=timezone.now())
    assert figures.refresh(Report.objects.all()) == 2
    figures.ReportFigures.objects.all().delete()  # a database from before the figures
    assert figures.refresh(Report.objects.all()) == len(reports) == figures.ReportFigures.objects.count()
    assert _charts(world.users["admin"]) == _recount(world.users["admin"])


def test_issuing_a_task_writes_the_figures_of_its_reports(world: World) -> None:
    from jixiao.web.yearly import figures, services
    from jixiao.web.yearly.models import Report

    user = world.users["reviewer_a"]
    task = services.issue_task(
        kind="monitoring", bureau=world.orgs["bureau_a"], year=world.tables["published"].year, period="1-7月",
        start=TODAY, deadline=TODAY + dt.timedelta(days=30), warning_days=5, units=None, user=user,
    )  # fmt: skip
    issued = Report.objects.filter(task=task)
    assert issued.exists()
    assert figures.refresh(issued) == 0  # the figures came with the reports
    assert set(figures.ReportFigures.objects.filter(report__task=task).values_list("light", flat=True)) == {"grey"}


def test_chart_rows_written_in_python_print_as_the_template_loop_did(settings: Any) -> None:
    from django.template import Context, Template

    from jixiao.web.yearly.dashboards import Chart

    plain = [["单位<甲>", "项目 & “一” 'x'", "87.5", "100"], ["单位乙", "", 12, 0], ["单位丙", "丙", 1234567, "-3.25"]]
    tables = [plain, [*plain, ["单位丁", None, 1, "2"]], [*plain, ["单位\x1f戊", "a\x1eb", 3, "4"]], [["甲"]], []]
    loop = Template("{% for row in rows %}<tr>{% for v in row %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}")
    for grouping in (False, True):
        settings.USE_THOUSAND_SEPARATOR = grouping
        for rows in tables:  # plain text and numbers; a None; cells holding the separators; one cell; none
            chart = Chart("quadrant", "t", ["单位", "项目", "执行率%", "指标得分率%"], rows)
            assert chart.html_rows() == loop.render(Context({"rows": rows}))


def test_the_dashboard_shows_one_year_at_a_time_the_latest_first(world: World) -> None:
    from jixiao.web.yearly.dashboards import dashboard
    from jixiao.web.yearly.models import YearTask

    _world_of_reports(world)  # every task of 2024
    reviewer = world.users["reviewer_a"]
    every_year = _charts(reviewer)
    client = world.client("reviewer_a")
    page = client.get("/yearly/dashboard/").content.decode()
    assert "· 2024" in page and 'class="year-choice"' not in page  # one year: nothing to choose
    YearTask.objects.filter(kind="self_evaluation").update(year=2025)  # the 自评 tasks move to the next year
    page = client.get("/yearly/dashboard/").content.decode()
    assert "· 2025" in page and '<a href="?year=2024">2024</a>' in page and "csv=grades&amp;year=2025" in page
    only_2025 = dashboard(reviewer, TODAY, year=2025)
    assert only_2025["quadrant"].rows == every_year["quadrant"]  # 自评预警 and grades come from 自评 reports only
    assert dashboard(reviewer, TODAY, year=2024)["quadrant"].rows == [] and not only_2025["lights"].rows
    csv = client.get("/yearly/dashboard/?csv=lights&year=2024")
    assert csv["Content-Disposition"].endswith('lights-2024.csv"') and "\ufeff" in csv.content.decode()


def test_the_years_to_choose_from_are_read_as_one_row_per_year_not_per_report(world: World) -> None:
    """The reports' default ordering must not join the DISTINCT: at 7,500 reports a bureau it read every
    report's row (and parsed its dates) on each dashboard view, a third of the page's time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.web.yearly.dashboards import dashboard_years
    from jixiao.web.yearly.models import YearTask

    reports = _world_of_reports(world)
    YearTask.objects.filter(kind="self_evaluation").update(year=2025)
    reviewer = world.users["reviewer_a"]
    with CaptureQueriesContext(connection) as queries:
        years = dashboard_years(reviewer)
    assert years == [2025, 2024] and len(reports) > 2
    (distinct,) = [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(distinct)
        assert len(cursor.fetchall()) == 2  # one row per year
