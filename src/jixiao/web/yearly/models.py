"""Tasks a bureau issues (监控 for a period, 自评 for a year) and the report each published table owes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jixiao.model import TargetTable as CoreTable
from jixiao.web.yearly import figures
from jixiao.web.yearly.figures import ReportFigures  # noqa: F401  (the dashboards' figures, registered here)


class TaskKind(models.TextChoices):
    MONITORING = "monitoring", _("Monitoring (运行监控)")
    SELF_EVALUATION = "self_evaluation", _("Self-evaluation (自评)")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("to fill")
    UNIT_REVIEW = "unit_review", _("with the unit approver")  # 单位审核 (self-evaluations)
    # 主管部门审核: where a department stands above the unit in the tree (as for target tables)
    DEPARTMENT_REVIEW = "department_review", _("with the department reviewer")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})


class YearTask(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    bureau = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=20, blank=True, help_text=_("e.g. 1-7月 (monitoring)"))
    title = models.CharField(_("title"), max_length=200)
    start = models.DateField(_("start"))
    deadline = models.DateField(_("deadline"))
    warning_days = models.PositiveSmallIntegerField(_("warning days"), default=5)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("-created",)

    def __str__(self) -> str:
        return self.title


class Report(models.Model):
    """One published table's 监控表 or 自评表 within a task; ``content`` is the jixiao/1 table as filled."""

    task = models.ForeignKey(YearTask, on_delete=models.CASCADE, related_name="reports")
    table = models.ForeignKey("targets.TargetTable", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    content = models.JSONField()
    comment = models.TextField(_("comment"), blank=True)
    # 财政审核's 核查分数: {"rows": {"<i>": {"score": "12", "comment": "…"}}, "execution": {…}, "total": "86.5"}
    checked = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("task", "unit__path", "pk")
        constraints = (models.UniqueConstraint(fields=["task", "table"], name="yearly_report_one_per_table"),)
        indexes = (models.Index(fields=["unit", "status"]),)

    def __str__(self) -> str:
        return f"{self.task} · {self.core().project_name or self.table_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The report and its dashboard figures in one transaction: the dashboards then only read."""
        with transaction.atomic():
            super().save(*args, **kwargs)
            figures.store([self])

    def core(self) -> CoreTable:
        return CoreTable.model_validate(self.content)

    def set_core(self, table: CoreTable) -> None:
        self.content = table.model_dump(mode="json")

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    def summary(self) -> dict[str, Any]:
        return {"id": self.pk, "status": self.status, "unit": self.unit_id, "table": self.table_id}


class Reminder(models.Model):
    """One reminder sent (e-mail and this in-app note) to whoever holds a report's next step, once per step
    and day: the unique constraint makes a second run on the same day send nothing."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=20)  # the report's status when reminded
    day = models.DateField()
    text = models.CharField(max_length=300)
    emailed = models.BooleanField(default=False)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ("-day", "pk")
        constraints = (
            models.UniqueConstraint(fields=["report", "user", "step", "day"], name="yearly_reminder_once_a_day"),
        )
        # the to-do list shows a user's latest twenty: read off the index, however many years of reminders
        indexes = (models.Index(fields=["user", "-day", "id"], name="yearly_reminder_user_latest"),)


class Sample(models.Model):
    """抽评: a share of a task's submitted self-evaluations drawn at random with a recorded seed (the same seed
    draws the same reports again), or picked by hand."""

    task = models.ForeignKey(YearTask, on_delete=models.CASCADE, related_name="samples")
    share = models.DecimalField(max_digits=5, decimal_places=2, default=15)  # percent
    seed = models.BigIntegerField(null=True, blank=True)  # None: picked by hand
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()


class SampleItem(models.Model):
    """One drawn report and the bureau's own scores for it (核查分数 per row), kept beside the unit's."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="items")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    scores = models.JSONField(default=dict)  # {"rows": {"0": "12"}, "execution": "9"}
    unit_total = models.CharField(max_length=20, blank=True)
    bureau_total = models.CharField(max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("pk",)
        constraints = (models.UniqueConstraint(fields=["sample", "report"], name="yearly_sample_item_once"),)
