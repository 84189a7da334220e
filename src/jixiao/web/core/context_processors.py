"""Template context: the signed-in user's roles, for the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.organisations.scopes import is_admin, scopes_for


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scopes = scopes_for(user)
    return {"my_roles": set(scopes), "i_am_admin": is_admin(user)}
