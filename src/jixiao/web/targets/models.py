"""Projects and their target tables, stored relationally, one row per indicator, with versions.

A project (code, name, unit, year) has one or more *versions* of its target table. Only the newest version
(``is_current``) moves through the workflow; adjusting (调整) an approved table copies it into a new draft
version, and the old one stays readable. ``lock_version`` is the optimistic lock: every save that changes
content must name the number it started from, and a mismatch is a conflict, never a silent overwrite.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.web.core.models import TrackedModel
from jixiao.web.core.querysets import RestrictedQuerySet
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.choices import Severity, TableStatus

__all__ = [
    "FUNDS_FIELDS",
    "HEADER_FIELDS",
    "INDICATOR_FIELDS",
    "Finding",
    "Indicator",
    "Project",
    "SpendingPoint",
    "TargetTable",
]

# jixiao/1 field names, in the order of the official layout; the model columns carry the same names.
HEADER_FIELDS = (
    "kind", "seq", "title", "printed_year", "unit_code", "unit_name", "department", "implementing_unit",
    "project_code", "project_name", "project_attribute", "function", "manager", "manager_phone", "money_unit",
    "budget_execution_weight", "purpose", "midterm_goal", "midterm_period", "source_ref",
)  # fmt: skip
FUNDS_FIELDS = (
    "total", "fiscal", "other", "midterm_total", "midterm_fiscal", "midterm_other", "fiscal_special_account",
    "unit_funds", "social_funds", "bank_loan",
)  # fmt: skip
INDICATOR_FIELDS = (
    "level1", "level2", "name", "description", "value", "op", "number", "unit", "overall_value", "basis",
    "nature", "history_value", "weight", "weight_this_year", "direction", "source_ref",
)  # fmt: skip


def _text(label: str) -> models.TextField:  # type: ignore[type-arg]
    # null = the source does not have the field; "" = the source has it but left it empty (spec/interchange.md)
    return models.TextField(label, null=True, blank=True)


class Project(TrackedModel):
    code = models.CharField(_("project code"), max_length=64, blank=True, db_index=True)
    name = models.CharField(_("project name"), max_length=500)
    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="projects")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_lookups: ClassVar[dict[str, str | None]] = {"path": "unit__path", "status": None, "current": None}

    class Meta:
        ordering = (
            "-year",
            "code",
            "name",
        )
        indexes = (models.Index(fields=["unit", "year"], name="targets_project_unit_year"),)

    def __str__(self) -> str:
        return f"{self.year} {self.code} {self.name}".strip()


class TargetTable(TrackedModel):
    """One version of one project's 绩效目标表 (header, funds, goals); indicators and spending plan hang below."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tables")
    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )  # = project.unit, for fast scoping
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)  # = project.year
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(default=True)
    status = models.CharField(_("status"), max_length=20, choices=TableStatus.choices, default=TableStatus.DRAFT)
    lock_version = models.PositiveIntegerField(default=1)
    adjusted_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    kind = models.CharField(max_length=32, default="project_target")
    seq = models.IntegerField(null=True, blank=True)
    title = _text(_("title"))
    printed_year = models.IntegerField(null=True, blank=True)
    unit_code = _text(_("unit code"))
    unit_name = _text(_("unit name"))
    department = _text(_("competent department"))
    implementing_unit = _text(_("implementing unit"))
    project_code = _text(_("project code"))
    project_name = _text(_("project name"))
    project_attribute = _text(_("project attribute"))
    function = _text(_("function"))
    manager = _text(_("manager"))
    manager_phone = _text(_("manager phone"))
    money_unit = _text(_("money unit"))
    funds_total = _text(_("total budget"))
    funds_fiscal = _text(_("fiscal funds"))
    funds_other = _text(_("other funds"))
    funds_midterm_total = _text(_("mid-term total"))
    funds_midterm_fiscal = _text(_("mid-term fiscal"))
    funds_midterm_other = _text(_("mid-term other"))
    funds_fiscal_special_account = _text(_("fiscal special account"))
    funds_unit_funds = _text(_("unit funds"))
    funds_social_funds = _text(_("social funds"))
    funds_bank_loan = _text(_("bank loan"))
    budget_execution_weight = _text(_("budget execution weight"))
    purpose = _text(_("purpose"))
    annual_goals = models.JSONField(_("annual goals"), default=list, blank=True)
    midterm_goal = _text(_("mid-term goal"))
    midterm_period = _text(_("mid-term period"))
    source_ref = _text("source_ref")
    source_name = models.CharField(max_length=255, blank=True)
    source_format = models.CharField(max_length=16, default="text")

    error_count = models.PositiveIntegerField(default=0, db_index=True)
    warning_count = models.PositiveIntegerField(default=0)
    info_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()
    restriction_lookups: ClassVar[dict[str, str | None]] = {
        "path": "unit__path",
        "status": "status",
        "current": "is_current",
    }

    class Meta:
        ordering = (
            "-year",
            "project__code",
            "version",
        )
        constraints = (
            models.UniqueConstraint(
                fields=["project", "version"], name="%(app_label)s_%(class)s_unique_project_version"
            ),
        )
        indexes = (
            models.Index(fields=["is_current", "year", "status"], name="targets_table_current_year"),
            # the project list: current versions by year and status, newest first, unit at hand (index-only on PostgreSQL)
            models.Index(
                fields=["year", "status", "-updated"],
                condition=models.Q(is_current=True),
                include=["unit_id", "error_count"],
                name="targets_table_list",
            ),
            models.Index(fields=["unit", "is_current"], name="targets_table_unit_current"),
        )

    def __str__(self) -> str:
        return f"{self.project_name or self.project.name} v{self.version}"

    @property
    def display_name(self) -> str:
        return self.project_name or self.title or ""


class SpendingPoint(models.Model):
    """One column of 资金支出计划 (cumulative share spent by a date)."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="spending_points")
    position = models.PositiveIntegerField()
    label = models.TextField()
    percent = models.TextField(null=True, blank=True)

    class Meta:
        ordering = ("position",)


class Indicator(TrackedModel):
    """One indicator row (一级/二级/三级指标, description, target value and its parse)."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(default=0)
    level1 = _text(_("level-1 indicator"))
    level2 = _text(_("level-2 indicator"))
    name = _text(_("indicator"))
    description = _text(_("description"))
    value = _text(_("target value"))
    op = _text(_("operator"))
    number = _text(_("number"))
    unit = _text(_("unit"))
    overall_value = _text(_("mid-term value"))
    basis = _text(_("basis"))
    nature = _text(_("nature"))
    history_value = _text(_("history value"))  # jixiao/1 "history"; the name ``history`` is the change log
    weight = _text(_("weight"))
    weight_this_year = _text(_("weight this year"))
    direction = _text(_("direction"))
    parts = models.JSONField(default=list, blank=True)
    deadline = models.JSONField(null=True, blank=True)
    source_ref = _text("source_ref")

    objects = RestrictedQuerySet.as_manager()
    restriction_lookups: ClassVar[dict[str, str | None]] = {
        "path": "table__unit__path", "status": "table__status", "current": "table__is_current",
    }  # fmt: skip

    class Meta:
        ordering = (
            "table",
            "position",
        )

    def __str__(self) -> str:
        return self.name or ""


class Finding(models.Model):
    """A stored result of the review rules for one table version (re-computed on every save)."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="findings")
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    indicator_position = models.IntegerField(null=True, blank=True)
    code = models.CharField(max_length=16)
    name = models.CharField(max_length=120)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    message = models.TextField()
    message_en = models.TextField(null=True, blank=True)
    suggestion = models.TextField(null=True, blank=True)
    field = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        ordering = (
            "table",
            "indicator_position",
            "code",
        )

    def __str__(self) -> str:
        return f"{self.code} {self.message}"
