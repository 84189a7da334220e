"""Issuing tasks, deadlines, filling a report (lights and scores computed live) and its workflow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao.model import TargetTable as CoreTable
from jixiao.monitoring import (
    Colour,
    Light,
    lights_of,
    monitoring_table,
    period_month,
    selfeval_table,
    with_rates,
)
from jixiao.scoring import TableScore, load_scoring_profile, score_table
from jixiao.scoring.numbers import fmt
from jixiao.values import parse_value
from jixiao.web.organisations.choices import OrganisationKind
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.choices import TableStatus
from jixiao.web.targets.convert import to_core_table
from jixiao.web.targets.models import TargetTable
from jixiao.web.yearly import figures
from jixiao.web.yearly.models import Report, ReportStatus, TaskKind, YearTask

__all__ = [
    "Due",
    "FillError",
    "due_state",
    "fill",
    "has_department",
    "issue_task",
    "lights",
    "scores",
    "transition",
]

SCORING_PROFILE = "national"
ON_TRACK = ("确定能", "有可能", "完全不可能")
MONITORING_LINE_FIELDS = ("adjusted_budget", "executed")
MONITORING_ROW_FIELDS = ("progress", "forecast", "on_track", "deviation", "measures")
SELFEVAL_LINE_FIELDS = ("adjusted_budget", "executed")
SELFEVAL_ROW_FIELDS = ("actual", "deviation", "score")
# the unit's part is done once its report has left the unit (its deadline no longer presses it)
DONE_FOR_THE_UNIT = frozenset({ReportStatus.DEPARTMENT_REVIEW, ReportStatus.SUBMITTED, ReportStatus.APPROVED})


class FillError(Exception):
    """What the filer typed cannot be taken; the message names the row and the field."""


@dataclass(frozen=True)
class Due:
    state: str  # not_started | due | due_soon | overdue | done
    days_left: int

    @property
    def overdue_days(self) -> int:
        return max(-self.days_left, 0)


def due_state(report: Report, today: dt.date) -> Due:
    task = report.task
    days_left = (task.deadline - today).days
    if report.status in DONE_FOR_THE_UNIT:
        return Due("done", days_left)
    if today < task.start:
        return Due("not_started", days_left)
    if days_left < 0:
        return Due("overdue", days_left)
    if days_left <= task.warning_days:
        return Due("due_soon", days_left)
    return Due("due", days_left)


def _last_monitoring(table: TargetTable) -> CoreTable | None:
    report = (
        Report.objects.filter(table__project_id=table.project_id, task__kind=TaskKind.MONITORING, task__year=table.year)
        .filter(status=ReportStatus.APPROVED)
        .order_by("-task__deadline", "-pk")
        .first()
    )
    return report.core() if report else None


def issue_task(
    *,
    kind: str,
    bureau: Organisation,
    year: int,
    period: str,
    start: dt.date,
    deadline: dt.date,
    warning_days: int,
    units: Iterable[Organisation] | None,
    user: Any,
    title: str = "",
) -> YearTask:
    """The task and one report per current published table of the chosen units (or of the whole tree)."""
    if kind == TaskKind.MONITORING:
        period_month(period)  # a clear error before anything is stored
    tables = TargetTable.objects.filter(
        year=year, status=TableStatus.PUBLISHED, is_current=True, unit__path__startswith=bureau.path
    ).select_related("unit")
    chosen = list(units or [])
    if chosen:
        tables = tables.filter(unit__in=chosen)
    with transaction.atomic():
        task = YearTask.objects.create(
            kind=kind,
            bureau=bureau,
            year=year,
            period=period if kind == TaskKind.MONITORING else "",
            title=title or _default_title(kind, year, period),
            start=start,
            deadline=deadline,
            warning_days=warning_days,
            created_by=user,
        )
        reports = []
        for table in tables.prefetch_related("indicators", "spending_points"):
            core = to_core_table(table)
            if kind == TaskKind.MONITORING:
                content = monitoring_table(core, period=period)
            else:
                content = selfeval_table(core, monitoring=_last_monitoring(table), profile=SCORING_PROFILE)
            reports.append(Report(task=task, table=table, unit=table.unit, content=content.model_dump(mode="json")))
        Report.objects.bulk_create(reports)
        figures.store(reports)  # the pks come back from the insert on PostgreSQL and SQLite >= 3.35
    return task


def _default_title(kind: str, year: int, period: str) -> str:
    if kind == TaskKind.MONITORING:
        return f"{year}年{period}绩效运行监控"
    return f"{year}年度绩效自评"


def _decimal_or_empty(text: str, where: str) -> str | None:
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise FillError(_("%(where)s: not a number: %(text)s") % {"where": where, "text": text}) from exc
    if not value.is_finite() or value < 0:
        raise FillError(_("%(where)s: not a number: %(text)s") % {"where": where, "text": text})
    return fmt(value)


def fill(report: Report, data: Mapping[str, str]) -> CoreTable:
    """The report's table with what the filer entered (POST names ``line-<i>-<field>`` and ``row-<i>-<field>``),
    rates recomputed and, for a self-evaluation, every computed score, the total and the grade written in."""
    table = report.core()
    monitoring = report.task.kind == TaskKind.MONITORING
    lines = []
    for i, line in enumerate(table.execution):
        entered = {}
        for field in MONITORING_LINE_FIELDS if monitoring else SELFEVAL_LINE_FIELDS:
            key = f"line-{i}-{field}"
            if key in data:
                entered[field] = _decimal_or_empty(data[key], f"{line.label} {field}")
        lines.append(line.model_copy(update=entered))
    rows = []
    for i, ind in enumerate(table.indicators):
        update: dict[str, Any] = {}
        for field in MONITORING_ROW_FIELDS if monitoring else SELFEVAL_ROW_FIELDS:
            key = f"row-{i}-{field}"
            if key not in data:
                continue
            value = data[key].strip()
            if field == "on_track" and value and value not in ON_TRACK:
                raise FillError(
                    _("%(name)s: choose one of %(choices)s") % {"name": ind.name, "choices": "/".join(ON_TRACK)}
                )
            if field == "score":
                value = _decimal_or_empty(value, f"{ind.name} 得分") or ""
            update[field] = value or None
        if not monitoring and "actual" in update:
            parsed = parse_value(update["actual"])
            update["actual"] = update["actual"] or ""
            update["actual_number"] = parsed.number
            update["actual_unit"] = parsed.unit or (ind.unit if parsed.number is not None else None)
        rows.append(ind.model_copy(update=update))
    table = with_rates(table.model_copy(update={"execution": lines, "indicators": rows}))
    if "goals_achieved" in data:
        table = table.model_copy(update={"goals_achieved": data["goals_achieved"].strip() or None})
    if not monitoring:
        table = _scored(table)
    return table


def _scored(table: CoreTable) -> CoreTable:
    result = score_table(0, table, load_scoring_profile(SCORING_PROFILE))
    rows = []
    for ind, row in zip(table.indicators, result.rows, strict=True):
        if row.method == "qualitative" and row.printed is not None and row.band_low is not None:
            high = row.band_high if row.band_high is not None else row.points
            if not (row.band_low <= row.printed <= (high or row.printed)):
                raise FillError(
                    _("%(name)s: the score %(score)s lies outside the band of '%(band)s' (%(low)s–%(high)s)")
                    % {
                        "name": ind.name,
                        "score": fmt(row.printed),
                        "band": row.band,
                        "low": fmt(row.band_low),
                        "high": fmt(high),
                    }
                )
        score = fmt(row.computed) if row.computed is not None and row.method != "qualitative" else ind.score
        rows.append(ind.model_copy(update={"score": score}))
    lines = list(table.execution)
    if result.execution is not None and result.execution.computed is not None and lines:
        lines[0] = lines[0].model_copy(update={"score": fmt(result.execution.computed)})
    total = result.computed_total
    return table.model_copy(
        update={
            "indicators": rows,
            "execution": lines,
            "total_score": fmt(total) if total is not None else None,
            "grade": result.computed_grade if total is not None else None,
        }
    )


def lights(report: Report, table: CoreTable | None = None) -> tuple[list[Light], list[Light]]:
    return lights_of(table or report.core(), period_month(report.task.period))


def scores(table: CoreTable) -> TableScore:
    return score_table(0, table, load_scoring_profile(SCORING_PROFILE))


_TRANSITIONS = {
    "submit": ({ReportStatus.DRAFT, ReportStatus.RETURNED}, ReportStatus.SUBMITTED),
    "unit_approve": ({ReportStatus.UNIT_REVIEW}, ReportStatus.SUBMITTED),
    "unit_return": ({ReportStatus.UNIT_REVIEW}, ReportStatus.RETURNED),
    "department_approve": ({ReportStatus.DEPARTMENT_REVIEW}, ReportStatus.SUBMITTED),
    "department_return": ({ReportStatus.DEPARTMENT_REVIEW}, ReportStatus.RETURNED),
    "return": ({ReportStatus.SUBMITTED}, ReportStatus.RETURNED),
    "approve": ({ReportStatus.SUBMITTED}, ReportStatus.APPROVED),
}
RETURNS = frozenset({"return", "unit_return", "department_return"})


def has_department(unit: Organisation) -> bool:
    """Whether a 主管部门 stands above the unit in the tree (its reports then pass 主管部门审核, as tables do)."""
    return any(o.kind == OrganisationKind.DEPARTMENT for o in unit.ancestors()[:-1])


def transition(report: Report, action: str, *, comment: str = "") -> None:
    """One step of the chain: 填报 → (自评: 单位审核 →) (主管部门审核 where the tree has a department →) 财政审核."""
    sources, target = _TRANSITIONS[action]
    if report.status not in sources:
        raise FillError(_("This report cannot be %(action)s now.") % {"action": action})
    if action == "submit" and report.task.kind == TaskKind.SELF_EVALUATION:
        target = ReportStatus.UNIT_REVIEW  # 自评: 单位审核 before the bureau's
    elif target == ReportStatus.SUBMITTED and action != "department_approve" and has_department(report.unit):
        target = ReportStatus.DEPARTMENT_REVIEW
    if action in RETURNS and not comment.strip():
        raise FillError(_("Say why the report is returned."))
    if action == "submit" and report.task.kind == TaskKind.MONITORING:
        missing = [line.label for line in report.core().execution if line.executed is None]
        if missing:
            raise FillError(_("Enter the execution to date of: %(lines)s") % {"lines": "、".join(missing)})
    report.status = target
    report.comment = comment.strip()
    if action == "submit":
        report.submitted_at = timezone.now()
    report.save()


def light_counts(reports: Iterable[Report]) -> dict[Colour, int]:
    """Colour → how many execution lights of the reports' first fund line show it (for the task page)."""
    counts: dict[Colour, int] = {}
    for report in reports:
        execution, _rows = lights(report)
        if execution:
            counts[execution[0].colour] = counts.get(execution[0].colour, 0) + 1
    return counts


def merge_filed(report: Report, filed: CoreTable) -> tuple[CoreTable, list[str]]:
    """The report's 自评表 with what a filled 自评表 file holds: execution figures by fund line (label, else
    position), and per indicator (matched by its 三级指标 name) the actual, 偏差原因 and a 定性 score; then
    scored. Returns the table and the names of the file's rows that matched nothing (nothing is dropped in
    silence)."""
    table = report.core()
    lines = list(table.execution)
    by_label = {line.label.strip("：: "): i for i, line in enumerate(lines)}
    for position, line in enumerate(filed.execution):
        i = by_label.get(line.label.strip("：: "), position if position < len(lines) else None)
        if i is None:
            continue
        figures = {k: getattr(line, k) for k in ("adjusted_budget", "executed") if getattr(line, k)}
        lines[i] = lines[i].model_copy(update=figures)
    by_name = {ind.name: i for i, ind in enumerate(table.indicators) if ind.name}
    rows = list(table.indicators)
    unmatched = []
    for ind in filed.indicators:
        i = by_name.get(ind.name or "")
        if i is None:
            unmatched.append(ind.name or "—")
            continue
        update: dict[str, Any] = {"actual": ind.actual or "", "deviation": ind.deviation}
        parsed = parse_value(ind.actual)
        update["actual_number"] = ind.actual_number or parsed.number
        update["actual_unit"] = ind.actual_unit or parsed.unit or (rows[i].unit if update["actual_number"] else None)
        if ind.score:
            update["score"] = ind.score  # a quantitative row's score is recomputed; a 定性 one is kept within its band
        rows[i] = rows[i].model_copy(update=update)
    merged = with_rates(table.model_copy(update={"execution": lines, "indicators": rows}))
    if filed.goals_achieved:
        merged = merged.model_copy(update={"goals_achieved": filed.goals_achieved})
    return _scored(merged), unmatched
