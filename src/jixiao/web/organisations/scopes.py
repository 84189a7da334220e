"""Which parts of the organisation tree a user reaches in each role (one query per request, then cached)."""

from __future__ import annotations

from typing import Any

from jixiao.web.organisations.choices import Role

__all__ = ["forget_scopes", "is_admin", "scopes_for", "visible_units"]

_CACHE_ATTR = "_jixiao_scopes"


def scopes_for(user: Any) -> dict[str, tuple[str, ...]]:
    """Role → the tree paths (prefixes) the user holds it in. Anonymous users hold nothing."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return,unused-ignore]
    from jixiao.web.organisations.models import Membership

    scopes: dict[str, list[str]] = {}
    for role, path in Membership.objects.filter(user=user).values_list("role", "organisation__path"):
        scopes.setdefault(role, []).append(path)
    result = {role: tuple(paths) for role, paths in scopes.items()}
    setattr(user, _CACHE_ATTR, result)
    return result


def is_admin(user: Any) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser) or Role.ADMIN in scopes_for(user)


def forget_scopes(user: Any) -> None:
    """Drop the cached scopes (after memberships change within one request or test)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def visible_units(user: Any) -> Any:
    """The units (单位) a user reaches in any role, for filter drop-downs."""
    from django.db.models import Q

    from jixiao.web.organisations.choices import OrganisationKind
    from jixiao.web.organisations.models import Organisation

    units = Organisation.objects.filter(kind=OrganisationKind.UNIT)
    if is_admin(user):
        return units
    q = Q(pk__in=[])
    for paths in scopes_for(user).values():
        for p in paths:
            q |= Q(path__startswith=p)
    return units.filter(q)
