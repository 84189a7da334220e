"""The organisation tree as the user reaches it, with each node's filing progress for a year."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.views.generic import TemplateView

from jixiao.web.organisations.api import visible_organisations


def progress_by_unit(user: Any, year: int) -> dict[str, dict[str, int]]:
    """Unit path → 已报 / 未报 / 被退回 counts of the current versions of that year the user may see.

    未报: still a draft; 被退回: returned to the filer; 已报: sent on (under review, approved or published).
    """
    counts: dict[str, dict[str, int]] = {}
    rows = (
        _tables()
        .restrict(user, "view")
        .filter(is_current=True, year=year)
        .order_by()
        .values_list("unit__path", "status")
        .annotate(n=Count("pk"))
    )
    for path, status, n in rows:
        kind = "missing" if status == "draft" else "returned" if status == "returned" else "done"
        node = counts.setdefault(path, {"done": 0, "missing": 0, "returned": 0})
        node[kind] += n
    return counts


def _tables() -> Any:
    # the tables app sits above this one: reached through the registry, never imported (one-way layering)
    return apps.get_model("targets", "TargetTable").objects


class OrganisationListView(LoginRequiredMixin, TemplateView):
    template_name = "organisations/organisation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        years = sorted(
            set(_tables().restrict(user, "view").order_by().values_list("year", flat=True).distinct()),
            reverse=True,
        )
        asked = str(self.request.GET.get("year", ""))
        year = int(asked) if asked.isdigit() else (years[0] if years else None)
        by_unit = progress_by_unit(user, year) if year is not None else {}
        rows = []
        for org in visible_organisations(user):
            totals = {"done": 0, "missing": 0, "returned": 0}
            for path, node in by_unit.items():
                if path.startswith(org.path):
                    for key, n in node.items():
                        totals[key] += n
            rows.append(
                {"org": org, "depth": org.path.count("/") - 2, "progress": totals, "tables": sum(totals.values())}
            )
        context.update(organisations=rows, years=years, year=year)
        return context
