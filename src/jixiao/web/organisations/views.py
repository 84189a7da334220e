"""The organisation tree as the user reaches it, each unit linked to its tables with its filing progress."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from jixiao.web.organisations.api import visible_organisations

# progress of a unit's current tables: 未报 (draft), 被退回 (returned), 已报 (anything sent on)
_NOT_REPORTED = frozenset({"draft"})
_RETURNED = frozenset({"returned"})


class OrganisationListView(LoginRequiredMixin, TemplateView):
    template_name = "organisations/organisation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # the tables app sits above this one: reached through the registry, never imported (one-way layering)
        tables = apps.get_model("targets", "TargetTable").objects.restrict(self.request.user, "view")
        counts: Counter[tuple[int, str]] = Counter()
        rows = tables.filter(is_current=True).order_by().values_list("unit__path", "status")
        organisations = visible_organisations(self.request.user)
        by_path = {o.path: o.pk for o in organisations}
        for path, status in rows:
            group = "not_reported" if status in _NOT_REPORTED else "returned" if status in _RETURNED else "reported"
            for prefix in _prefixes(path):  # a unit's tables count for every organisation above it too
                if prefix in by_path:
                    counts[(by_path[prefix], group)] += 1
        context["organisations"] = [
            (o, o.path.count("/") - 2, {g: counts[(o.pk, g)] for g in ("reported", "not_reported", "returned")})
            for o in organisations
        ]
        return context


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
