"""The organisation tree as the user reaches it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from jixiao.web.organisations.api import visible_organisations


class OrganisationListView(LoginRequiredMixin, TemplateView):
    template_name = "organisations/organisation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organisations"] = [(o, o.path.count("/") - 2) for o in visible_organisations(self.request.user)]
        return context
