"""The bureau's dashboards as tables (columns, rows): each chart draws one and the page prints it beside the
chart and offers it as CSV. Built from the reports the user reaches as a reviewer (or administrator)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.scoring.numbers import HUNDRED, fmt, rounded
from jixiao.web.organisations.choices import Role
from jixiao.web.yearly import services
from jixiao.web.yearly.models import Report, TaskKind
from jixiao.web.yearly.permissions import visible_reports

__all__ = ["CHARTS", "Chart", "dashboard"]


@dataclass
class Chart:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]


CHARTS = ("quadrant", "grades", "lights", "deadlines")


def dashboard(user: Any, today: dt.date) -> dict[str, Chart]:
    reports = list(visible_reports(user, (Role.REVIEWER,)).select_related("task", "unit"))
    selfeval = [r for r in reports if r.task.kind == TaskKind.SELF_EVALUATION and r.content.get("total_score")]
    monitoring = [r for r in reports if r.task.kind == TaskKind.MONITORING]
    return {
        "quadrant": _quadrant(selfeval),
        "grades": _grades(selfeval),
        "lights": _lights(monitoring),
        "deadlines": _deadlines(reports, today),
    }


def _quadrant(reports: list[Report]) -> Chart:
    """自评预警: each project's execution rate against its indicator score (percent of the indicator points)."""
    rows = []
    for report in reports:
        table = report.core()
        score = services.scores(table)
        rate = score.execution.rate if score.execution is not None else None
        if rate is None or not score.indicator_points:
            continue
        earned = sum((row.computed for row in score.rows if row.computed is not None), Decimal(0))
        share = rounded(earned / score.indicator_points * HUNDRED, 2)
        rows.append([report.unit.name, table.project_name or "", fmt(rounded(rate, 2)), fmt(share)])
    return Chart("quadrant", "执行率与指标得分率（自评预警）", ["单位", "项目", "执行率%", "指标得分率%"], rows)


def _grades(reports: list[Report]) -> Chart:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    grades: list[str] = []
    for report in reports:
        grade = report.content.get("grade") or "—"
        counts[report.unit.name][grade] += 1
        if grade not in grades:
            grades.append(grade)
    grades.sort()
    rows = [[unit, *(counts[unit][g] for g in grades)] for unit in sorted(counts)]
    return Chart("grades", "各单位自评等级分布", ["单位", *grades], rows)


def _lights(reports: list[Report]) -> Chart:
    colours = ["red", "yellow", "green", "blue", "grey"]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        execution, _rows = services.lights(report)
        counts[report.unit.name][execution[0].colour.value if execution else "grey"] += 1
    rows = [[unit, *(counts[unit][c] for c in colours)] for unit in sorted(counts)]
    return Chart("lights", "各单位运行监控执行灯", ["单位", "红", "黄", "绿", "蓝", "未评"], rows)


def _deadlines(reports: list[Report], today: dt.date) -> Chart:
    states = ["done", "due", "due_soon", "overdue", "not_started"]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        counts[report.unit.name][services.due_state(report, today).state] += 1
    rows = [[unit, *(counts[unit][s] for s in states)] for unit in sorted(counts)]
    return Chart("deadlines", "各单位任务完成情况", ["单位", "已完成", "未到期", "即将到期", "已逾期", "未开始"], rows)
