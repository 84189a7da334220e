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


def describe_read_error(exc: BaseException) -> str:
    """Why an upload could not be read, in the user's language.

    The core library words its errors in English (with the place: page, sheet, cell); the English UI shows
    them as they are, the Chinese UI says the same by kind, without the English text.
    """
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    from jixiao.errors import ConfigError, InterpretError, JixiaoError, LimitExceeded, ReadError

    if isinstance(exc, JixiaoError) and (get_language() or "").startswith("en"):
        return ": ".join(part for part in (exc.place, exc.message) if part)
    if isinstance(exc, LimitExceeded):
        return _("The file exceeds a safety limit (size, pages, cells or reading time) and was not read.")
    if isinstance(exc, ReadError):
        return _("The file could not be read: it is damaged, password-protected, or not of the kind its name says.")
    if isinstance(exc, InterpretError):
        return _("No target table was found in this file.")
    if isinstance(exc, ConfigError):
        return _("The server's reading settings are wrong; tell your administrator.")
    return _("The file could not be read.")
