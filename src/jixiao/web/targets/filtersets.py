from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jixiao.web.organisations.choices import OrganisationKind
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.choices import TableStatus
from jixiao.web.targets.models import TargetTable

__all__ = ["TargetTableFilterSet"]


class TargetTableFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    year = django_filters.NumberFilter(label=_("Year"))
    unit = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(kind=OrganisationKind.UNIT), label=_("Unit")
    )
    status = django_filters.ChoiceFilter(choices=TableStatus.choices, label=_("Status"))
    has_errors = django_filters.BooleanFilter(method="filter_has_errors", label=_("Has errors"))

    class Meta:
        model = TargetTable
        fields = ("q", "year", "unit", "status", "has_errors")

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        """Full-text search over project code and name, unit and title (every word must match somewhere)."""
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(project__code__icontains=word)
                | Q(project__name__icontains=word)
                | Q(unit__name__icontains=word)
                | Q(title__icontains=word)
                | Q(purpose__icontains=word)
            )
        return queryset

    def filter_has_errors(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        return queryset.filter(error_count__gt=0) if value else queryset.filter(error_count=0)
