"""The REST API (django-ninja): OpenAPI schema and docs at ``/api/docs``.

Authentication: ``Authorization: Bearer <token>`` (issued on the user's account page, or by
``jixiao web-admin issue_token USER``) or the browser
session (with its CSRF token). Permissions are the pages' own: every query goes through ``restrict()``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from jixiao.web.accounts.models import ApiToken

__all__ = ["api"]


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user  # type: ignore[assignment]  # so that history rows name the token's user
        return user


api = NinjaAPI(
    title="jixiao API",
    version="1",
    description=(
        "Budget performance target tables (jixiao/1 documents), findings and the review workflow.\n\n"
        "**Authentication.** Send `Authorization: Bearer <token>`. Get a token on your account page "
        "(`/accounts/me/`, your name at the top right → *Issue a token*): it is shown once, expires after the "
        "days you choose (90 by default), records its last use, and can be revoked there at any time. An "
        "administrator can also issue one with `jixiao web-admin issue_token USER`. A call made with the "
        "browser session instead needs the `X-CSRFToken` header. A token acts with its owner's roles: "
        "what the owner may not see is a 404, what the owner may not do a 403."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)

# routers need ``api`` defined first
from jixiao.web.organisations.api import router as organisations_router  # noqa: E402
from jixiao.web.reviews.api import router as reviews_router  # noqa: E402
from jixiao.web.targets.api import router as targets_router  # noqa: E402
from jixiao.web.yearly.api import monitoring_router, selfeval_router  # noqa: E402

api.add_router("/tables", targets_router)
api.add_router("/", reviews_router)
api.add_router("/organisations", organisations_router)
api.add_router("/monitoring", monitoring_router)
api.add_router("/self-evaluations", selfeval_router)
