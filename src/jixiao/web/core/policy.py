"""Where the generic code finds the permission policy: the app that owns it registers it at start-up.

``core`` holds the generic views and the restricted queryset but knows no table, status or role; the policy
(``targets.permissions``) registers itself here from its app's ``ready()``, so that ``core`` imports nothing
from the apps built on it.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

__all__ = ["Policy", "policy", "register"]


class Policy(Protocol):
    def restriction_q(
        self, user: Any, action: str, *, path: str = ..., status: str | None = ..., current: str | None = ...
    ) -> Q:
        """The filter keeping the rows ``user`` may ``action``."""

    def allowed(self, user: Any, action: str, table: Any) -> bool:
        """The same answer for one object."""


_registered: list[Policy] = []


def register(implementation: Policy) -> None:
    _registered[:] = [implementation]


def policy() -> Policy:
    if not _registered:
        raise ImproperlyConfigured("no permission policy is registered (is jixiao.web.targets installed?)")
    return _registered[0]
