"""What the dashboards read of each report, kept in a row of its own: a monitoring report's execution light, a
self-evaluation's grade and its 自评预警 point (execution rate, indicator score rate).

They are computed by the scoring and monitoring core from the report's content, which is too slow to do for
every report of a bureau on every dashboard view (the content read and parsed, then 0.1–0.2 ms of scoring each;
at 100,000 tables a bureau holds 5,600 reports: seconds). So each report's row is written when the report is
(:func:`store`, in :meth:`Report.save` and when a task issues its reports), and remembers the report's ``updated``
it was computed from; :func:`refresh` recomputes what a bulk ``update()`` or an older database left stale, so
that a dashboard view normally only reads, and the dashboard aggregates these rows in the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, QuerySet

__all__ = ["ReportFigures", "figures_of", "refresh", "store"]


class ReportFigures(models.Model):
    report = models.OneToOneField("yearly.Report", on_delete=models.CASCADE, primary_key=True, related_name="figures")
    updated = models.DateTimeField()  # the report's ``updated`` these figures were computed from
    light = models.CharField(max_length=8, blank=True)  # monitoring: the first fund line's colour
    scored = models.BooleanField(default=False)  # self-evaluation with a total score
    grade = models.TextField(blank=True)  # of a scored self-evaluation ("—" where it has none)
    project = models.TextField(blank=True)  # project name of a quadrant point
    rate = models.TextField(blank=True)  # execution rate %, two decimals; empty: not on the quadrant
    share = models.TextField(blank=True)  # indicator score rate %, two decimals

    class Meta:
        app_label = "yearly"

    def __str__(self) -> str:
        return f"figures of report {self.pk}"


BATCH = 500
FIELDS = ("updated", "light", "scored", "grade", "project", "rate", "share")


def figures_of(report: Any) -> dict[str, Any]:
    """The figures of one report (its ``task`` loaded), as the dashboards showed them computed live."""
    from jixiao.scoring.numbers import HUNDRED, fmt, rounded
    from jixiao.web.yearly import services
    from jixiao.web.yearly.models import TaskKind

    out: dict[str, Any] = {"updated": report.updated, "light": "", "scored": False, "grade": "", "project": ""}
    out.update(rate="", share="")
    content = report.content
    if report.task.kind == TaskKind.MONITORING:
        execution, _rows = services.lights(report)
        out["light"] = execution[0].colour.value if execution else "grey"
        return out
    if not content.get("total_score"):
        return out
    out["scored"] = True
    out["grade"] = content.get("grade") or "—"
    table = report.core()
    score = services.scores(table)
    rate = score.execution.rate if score.execution is not None else None
    if rate is not None and score.indicator_points:
        earned = sum((row.computed for row in score.rows if row.computed is not None), Decimal(0))
        out["project"] = table.project_name or ""
        out["rate"] = fmt(rounded(rate, 2))
        out["share"] = fmt(rounded(earned / score.indicator_points * HUNDRED, 2))
    return out


def refresh(reports: QuerySet[Any]) -> int:
    """Compute the figures of those of ``reports`` saved since their figures were (or never computed); returns
    how many. A few hundred at a time, each batch written at once: a bureau's first view after a large load
    keeps what it computed even if the request is cut short, and holds only a batch of contents in memory.
    Two views at once write the same values (an upsert, in report order so that they lock in the same order);
    a report deleted meanwhile leaves its batch to the next view."""
    stale = reports.filter(Q(figures__isnull=True) | ~Q(figures__updated=F("updated")))
    ids = list(stale.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), BATCH):
        batch = (
            reports.model._default_manager.filter(pk__in=ids[start : start + BATCH])
            .select_related("task")
            .order_by("pk")
        )
        try:
            with transaction.atomic():
                done += store(list(batch))
        except IntegrityError:
            continue
    return done


def store(reports: list[Any]) -> int:
    """Write the figures of ``reports`` (saved, their ``task`` loaded) in one upsert; returns how many. The
    caller's transaction holds it with the reports' own writes."""
    rows = [ReportFigures(report=r, **figures_of(r)) for r in reports if r.pk is not None]
    if rows:
        ReportFigures.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["report"], update_fields=list(FIELDS)
        )
    return len(rows)
