"""View mixins shared by the pages that put new tables into units (新建, import, background import)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.views.generic.base import View

from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.permissions import can_create_in

__all__ = ["FilingUnitsMixin"]


class FilingUnitsMixin(View):
    """The units the user may file tables in; a user who may file in none is refused the page."""

    def units(self) -> Any:
        ids = [o.pk for o in Organisation.objects.filter(kind="unit") if can_create_in(self.request.user, o)]
        return Organisation.objects.filter(pk__in=ids)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not self.units().exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
