from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from jixiao.web.targets.models import TargetTable

__all__ = ["TargetTableTable"]


class TargetTableTable(tables.Table):
    pk = tables.CheckBoxColumn(accessor="pk", attrs={"th__input": {"data-select-all": "pk"}})
    project_code = tables.Column(accessor="project__code", verbose_name=_("Project code"))
    project = tables.LinkColumn(
        "targets:targettable", args=[tables.A("pk")], accessor="project__name", verbose_name=_("Project")
    )
    unit = tables.Column(accessor="unit__name", verbose_name=_("Unit"))
    year = tables.Column(verbose_name=_("Year"))
    version = tables.Column(verbose_name=_("Version"))
    status = tables.Column(verbose_name=_("Status"))
    error_count = tables.Column(verbose_name=_("Errors"), attrs={"td": {"class": "num"}})
    warning_count = tables.Column(verbose_name=_("Warnings"), attrs={"td": {"class": "num"}})
    updated = tables.DateTimeColumn(verbose_name=_("Updated"), format="Y-m-d H:i")

    class Meta:
        model = TargetTable
        fields = (
            "pk",
            "project_code",
            "project",
            "unit",
            "year",
            "version",
            "status",
            "error_count",
            "warning_count",
            "updated",
        )
        order_by = ("-updated",)
        attrs = {"class": "list", "id": "table-list"}  # noqa: RUF012 - django-tables2 reads Meta attributes
        orderable = True
