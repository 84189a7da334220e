"""Generic base views (NetBox's ``netbox/views/generic``): subclasses only declare attributes.

Every object these views touch comes through ``queryset.restrict(user, action)``; an object the user may not
see is a 404 (its existence is not revealed), an object the user sees but may not act on is a 403.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from jixiao.web.core.policy import policy

__all__ = ["ObjectListView", "ObjectView", "RestrictedViewMixin"]


class RestrictedViewMixin(LoginRequiredMixin):
    """Gives ``get_restricted_queryset(action)``, the only way views reach stored objects."""

    queryset: ClassVar[QuerySet[Any] | None] = None
    request: HttpRequest

    def get_restricted_queryset(self, action: str = "view") -> QuerySet[Any]:
        assert self.queryset is not None, f"{type(self).__name__} declares no queryset"
        return self.queryset.all().restrict(self.request.user, action)  # type: ignore[attr-defined]


class ObjectListView(RestrictedViewMixin, SingleTableMixin, FilterView):
    """A filtered, paginated django-tables2 list of what the user may see."""

    action: ClassVar[str] = "view"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Any]:
        return self.get_restricted_queryset(self.action)


class ObjectView(RestrictedViewMixin, TemplateView):
    """One object the user may see (404 otherwise); ``object`` in the context."""

    action: ClassVar[str] = "view"  # the right the page itself needs beyond seeing the object
    object: Any

    def get_object(self) -> Model:
        obj = get_object_or_404(self.get_restricted_queryset("view"), pk=self.kwargs["pk"])
        if self.action != "view" and not policy().allowed(self.request.user, self.action, obj):
            raise PermissionDenied
        return obj

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context
