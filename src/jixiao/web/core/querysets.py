"""The one restriction point (NetBox's ``RestrictedQuerySet``): every view and API endpoint asks it."""

from __future__ import annotations

from typing import Any

from django.db import models

__all__ = ["RestrictedQuerySet"]


class RestrictedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """``restrict(user, action)`` keeps only the rows ``user`` may ``action``.

    The model names how its rows reach the organisation tree and the table status (``restriction_lookups``);
    the policy itself lives in :mod:`jixiao.web.targets.permissions`, which also answers the same question for a
    single object, so that lists and object pages never disagree.
    """

    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        from jixiao.web.targets.permissions import restriction_q

        return self.filter(restriction_q(user, action, **self.model.restriction_lookups))
