"""The one restriction point (NetBox's ``RestrictedQuerySet``): every view and API endpoint asks it."""

from __future__ import annotations

from typing import Any

from django.db import models

from jixiao.web.core.policy import policy

__all__ = ["RestrictedQuerySet"]


class RestrictedQuerySet(models.QuerySet):
    """``restrict(user, action)`` keeps only the rows ``user`` may ``action``.

    The model names how its rows reach the organisation tree and the table status (``restriction_lookups``);
    the policy itself is registered by the app that owns it (:mod:`jixiao.web.core.policy`), and answers the same
    question for a single object, so that lists and object pages never disagree.
    """

    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        lookups: dict[str, Any] = self.model.restriction_lookups  # type: ignore[attr-defined]
        return self.filter(policy().restriction_q(user, action, **lookups))
