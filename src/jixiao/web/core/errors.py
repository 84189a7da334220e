"""The CSRF-failure page: the same look and navigation as the other error pages, in the user's language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader

__all__ = ["csrf_failure"]


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a 403 that says what to do (Django's middleware logs the technical reason)."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse
        from django.utils.translation import gettext as _

        return JsonResponse(
            {"detail": _("CSRF check failed: send the X-CSRFToken header, or use a token.")}, status=403
        )
    body = loader.render_to_string("403_csrf.html", request=request)
    return HttpResponse(body, status=403)
