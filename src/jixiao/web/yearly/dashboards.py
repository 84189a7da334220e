"""The bureau's dashboards as tables (columns, rows): each chart draws one and the page prints it beside the
chart and offers it as CSV. Built from the reports the user reaches as a reviewer (or administrator).

Each report's light, grade and 自评预警 point are computed once per save (:mod:`jixiao.web.yearly.figures`);
the charts are counts of those per unit, grouped by the database (:mod:`jixiao.web.yearly.queries`)."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from jixiao.web.organisations.choices import Role
from jixiao.web.yearly import figures, queries
from jixiao.web.yearly.permissions import visible_reports

__all__ = ["CHARTS", "Chart", "dashboard"]


@dataclass
class Chart:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]

    def html_rows(self) -> SafeString:
        """The table's rows (``<tr><td>…``) as the template's loop printed them, written here: a bureau's
        thousands of cells cost most of the page through the template engine. Plain text and numbers (what
        the charts hold) are escaped in one pass over the whole table, the separators (control characters
        no escaping touches) turned into the cell and row tags after."""
        plain = not settings.USE_THOUSAND_SEPARATOR
        if self.rows and all(
            row and all(type(v) is str or (plain and type(v) is int) for v in row) for row in self.rows
        ):
            text = _ROW.join(_CELL.join(map(str, row)) for row in self.rows)
            if text.count(_CELL) + text.count(_ROW) == sum(map(len, self.rows)) - 1:  # no cell holds a separator
                body = html.escape(text).replace(_CELL, "</td><td>").replace(_ROW, "</td></tr><tr><td>")
                return mark_safe(f"<tr><td>{body}</td></tr>")  # escaped above
        return mark_safe("".join(f"<tr>{''.join(f'<td>{_cell(v)}</td>' for v in row)}</tr>" for row in self.rows))


_CELL, _ROW = "\x1f", "\x1e"  # ASCII unit and record separators


def _cell(value: Any) -> str:
    """A value as ``{{ value }}`` prints it (an int without grouping unless the settings ask for it)."""
    if type(value) is str:
        return html.escape(value)  # what django.utils.html.escape does, without its lazy-string wrapper
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return conditional_escape(localize(value))


CHARTS = ("quadrant", "grades", "lights", "deadlines")
COLOURS = ["red", "yellow", "green", "blue", "grey"]
STATES = ["done", "due", "due_soon", "overdue", "not_started"]


def dashboard_years(user: Any) -> list[int]:
    """The years of the tasks whose reports the user reviews, latest first (the dashboard shows one a time)."""
    reports = visible_reports(user, (Role.REVIEWER,))
    # without order_by() the reports' ordering joins the DISTINCT, which then yields a row per report
    return sorted(reports.order_by().values_list("task__year", flat=True).distinct(), reverse=True)


def dashboard(user: Any, today: dt.date, only: str | None = None, year: int | None = None) -> dict[str, Chart]:
    """Every chart, or only the one named (a CSV download needs one), of the tasks of ``year`` (every year
    when None)."""
    reports = visible_reports(user, (Role.REVIEWER,))
    if year is not None:
        reports = reports.filter(task__year=year)
    wanted = [only] if only else list(CHARTS)
    # the per-unit counts also count the reports saved since their figures were computed; without them,
    # refresh finds those reports itself
    counts = queries.unit_counts(reports, today) if {"lights", "deadlines"} & set(wanted) else None
    if wanted != ["deadlines"] and (counts is None or counts.stale):
        refreshed = figures.refresh(reports)
        if refreshed and counts is not None:
            counts = queries.unit_counts(reports, today)
    charts = {}
    for key in wanted:
        if key == "quadrant":
            charts[key] = _quadrant(reports)
        elif key == "grades":
            charts[key] = _grades(reports)
        elif counts is not None:
            charts[key] = _lights(counts) if key == "lights" else _deadlines(counts)
    return charts


def _quadrant(reports: Any) -> Chart:
    """自评预警: each project's execution rate against its indicator score (percent of the indicator points)."""
    rows = queries.quadrant_points(reports)
    return Chart("quadrant", "执行率与指标得分率（自评预警）", ["单位", "项目", "执行率%", "指标得分率%"], rows)


def _per_unit(counts: dict[str, Counter[str]], values: list[str]) -> list[list[Any]]:
    return [[unit, *(counts[unit][v] for v in values)] for unit in sorted(counts)]


def _grades(reports: Any) -> Chart:
    counts = queries.grade_counts(reports)
    grades = sorted({grade for per_unit in counts.values() for grade in per_unit})
    return Chart("grades", "各单位自评等级分布", ["单位", *grades], _per_unit(counts, grades))


def _lights(counts: queries.UnitCounts) -> Chart:
    columns = ["单位", "红", "黄", "绿", "蓝", "未评"]
    return Chart("lights", "各单位运行监控执行灯", columns, _per_unit(counts.lights, COLOURS))


def _deadlines(counts: queries.UnitCounts) -> Chart:
    columns = ["单位", "已完成", "未到期", "即将到期", "已逾期", "未开始"]
    return Chart("deadlines", "各单位任务完成情况", columns, _per_unit(counts.deadlines, STATES))
