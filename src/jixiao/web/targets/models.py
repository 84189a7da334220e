"""Projects and their target tables, stored relationally, one row per indicator, with versions.

A project (code, name, unit, year) has one or more *versions* of its target table. Only the newest version
(``is_current``) moves through the workflow; adjusting (调整) an approved table copies it into a new draft
version, and the old one stays readable. ``lock_version`` is the optimistic lock: every save that changes
content must name the number it started from, and a mismatch is a conflict, never a silent overwrite.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel

from jixiao.model import Funds
from jixiao.model import Indicator as CoreIndicator
from jixiao.model import TargetTable as CoreTable
from jixiao.web.core.models import TrackedModel
from jixiao.web.core.querysets import RestrictedQuerySet
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.choices import Severity, TableStatus
from jixiao.web.targets.fields import INDICATOR_SPECS, TABLE_SPECS, FieldSpec

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


def _column(spec: FieldSpec, model: type[BaseModel]) -> models.Field:  # type: ignore[type-arg,unused-ignore]
    """The Django field storing one model field (null = the source does not have it, "" = printed empty)."""
    field = model.model_fields[spec.core_name]
    if spec.storage == "text":
        return models.TextField(spec.label, null=True, blank=True)
    if spec.storage == "int":
        return models.IntegerField(spec.label, null=True, blank=True)
    if spec.storage == "choice":
        if isinstance(field.default, str):
            return models.CharField(spec.label, max_length=32, default=field.default)
        return models.CharField(spec.label, max_length=32, null=True, blank=True)
    if field.default_factory is list:
        return models.JSONField(spec.label, default=list, blank=True)
    return models.JSONField(spec.label, null=True, blank=True)


def _content_base(name: str, specs: tuple[FieldSpec, ...], model: type[BaseModel]) -> type[models.Model]:
    """An abstract model with one column per spec (generated, so that the model and the columns cannot drift)."""
    attrs: dict[str, Any] = {
        spec.column: _column(spec, Funds if spec.path.startswith("funds.") else model) for spec in specs
    }
    attrs.update(__module__=__name__, Meta=type("Meta", (), {"abstract": True}))
    return type(name, (models.Model,), attrs)


TableContent = _content_base("TableContent", TABLE_SPECS, CoreTable)
IndicatorContent = _content_base("IndicatorContent", INDICATOR_SPECS, CoreIndicator)
# column names for the code that names them (derived from the model, never listed by hand)
HEADER_FIELDS = tuple(s.column for s in TABLE_SPECS if not s.path.startswith("funds."))
FUNDS_FIELDS = tuple(s.core_name for s in TABLE_SPECS if s.path.startswith("funds."))
INDICATOR_FIELDS = tuple(s.column for s in INDICATOR_SPECS)


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


class TargetTable(TableContent, TrackedModel):  # type: ignore[misc,valid-type]
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

    # the content columns (header, funds, goals, self-evaluation fields) come from TableContent
    kind: str
    title: str | None
    printed_year: int | None
    project_code: str | None
    project_name: str | None
    unit_code: str | None
    unit_name: str | None
    implementing_unit: str | None
    purpose: str | None
    annual_goals: list[str]
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


class Indicator(IndicatorContent, TrackedModel):  # type: ignore[misc,valid-type]
    """One indicator row (一级/二级/三级指标, description, target value and its parse)."""

    table = models.ForeignKey(TargetTable, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(default=0)
    uid = models.UUIDField(_("identity"), default=uuid.uuid4, db_index=True)  # the same indicator in every version
    # the content columns come from IndicatorContent
    level1: str | None
    level2: str | None
    name: str | None
    value: str | None

    objects = RestrictedQuerySet.as_manager()
    restriction_lookups: ClassVar[dict[str, str | None]] = {
        "path": "table__unit__path", "status": "table__status", "current": "table__is_current",
    }  # fmt: skip

    class Meta:
        ordering = (
            "table",
            "position",
        )
        constraints = (  # one row per indicator in a version
            models.UniqueConstraint(fields=["table", "uid"], name="%(app_label)s_%(class)s_unique_table_uid"),
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
