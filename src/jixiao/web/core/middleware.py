"""Middleware: a request id per request (every history row written by one request reads as one event), the
upload limit, the security headers, and keeping a form posted after the session ended."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

__all__ = [
    "LostSessionMiddleware",
    "RequestIdMiddleware",
    "SecurityHeadersMiddleware",
    "SessionIdleMiddleware",
    "UploadLimitMiddleware",
    "current_request_id",
]

current_request_id: ContextVar[str | None] = ContextVar("jixiao_request_id", default=None)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex[:16]
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-Id"] = request_id
        return response


class UploadLimitMiddleware:
    """Refuse an oversized upload from its Content-Length, before anything reads or stores the body.

    (CSRF checking would otherwise parse the whole multipart body first.) The answer is a page saying why.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        if request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            # a few files at once are fine, but never more than the per-file limit plus form overhead, times two
            if length > 2 * settings.JIXIAO_UPLOAD_MAX_BYTES + 65536:
                _discard_body(request, length)
                return _too_large(request, length)
        return self.get_response(request)


def _discard_body(request: HttpRequest, length: int, cap: int = 256 * 1024 * 1024) -> None:
    """Read and drop the body: a browser still sending it would otherwise see a reset connection, not the message."""
    stream = request.META.get("wsgi.input")
    remaining = min(length, cap)
    while stream is not None and remaining > 0:
        chunk = stream.read(min(1024 * 1024, remaining))
        if not chunk:
            break
        remaining -= len(chunk)


def _too_large(request: HttpRequest, length: int) -> HttpResponse:
    from django.conf import settings
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    message = _("The upload (%(size)d MB) is larger than allowed (%(limit)d MB per file). Nothing was stored.") % {
        "size": length // 2**20,
        "limit": settings.JIXIAO_UPLOAD_MAX_BYTES // 2**20,
    }
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"detail": message}, status=413)
    return render(request, "core/too_large.html", {"message": message}, status=413)


class SecurityHeadersMiddleware:
    """The Content-Security-Policy (``JIXIAO_CONTENT_SECURITY_POLICY``) on every page that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.get_response = get_response
        self.policy = settings.JIXIAO_CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


RESUBMIT_KEY = "jixiao_resubmit"
_RESUBMIT_MAX_BYTES = 128 * 1024  # larger forms are not kept (an edit of 50 indicators is about 30 KB)
_NOT_KEPT = {"csrfmiddlewaretoken"}


class LostSessionMiddleware:
    """A form posted after the session ended: keep what was typed, log in, then offer to send it again.

    Login-required views answer an anonymous POST with a redirect to the login page, which would drop the
    form. The fields are kept in the new (anonymous) session, which survives the login, and the login goes on
    to ``accounts:resubmit``: a page that posts them to the original address once the user confirms (an edit
    still carries its lock version, so a save made meanwhile by someone else gives the conflict page). Uploaded
    files cannot be kept. htmx requests are sent to the login page as a whole page (``HX-Redirect``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 302 or getattr(request, "user", None) is None or request.user.is_authenticated:
            return response
        from django.conf import settings
        from django.shortcuts import resolve_url
        from django.utils.http import urlencode

        login_url = resolve_url(settings.LOGIN_URL)
        if not response.get("Location", "").startswith(login_url):
            return response
        # only for a browser that held a session (it ended): a stranger's POST does not get a session row stored
        had_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if request.method == "POST" and had_session and not request.path.startswith(("/api/", "/accounts/", "/i18n/")):
            fields = [(k, v) for k, values in request.POST.lists() for v in values if k not in _NOT_KEPT]
            if sum(len(k) + len(v) for k, v in fields) <= _RESUBMIT_MAX_BYTES:
                request.session[RESUBMIT_KEY] = {"path": request.path, "fields": fields, "files": bool(request.FILES)}
                from django.urls import reverse

                response["Location"] = f"{login_url}?{urlencode({'next': reverse('accounts:resubmit')})}"
        if getattr(request, "htmx", False):  # htmx would follow a redirect inside its request and swap in the page
            location = response["Location"]
            response = HttpResponse(status=204)
            response["HX-Redirect"] = location
        return response


_SEEN_KEY = "_jixiao_seen"
_REFRESH_EVERY = 60  # seconds: the idle timeout is pushed on at most once a minute, not written on every page


def session_seen_at_login(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """A login writes the session anyway: note the time there, so the next page does not write it again.

    (Connected to ``user_logged_in`` by the accounts app.)
    """
    import time

    if getattr(request, "session", None) is not None:
        request.session[_SEEN_KEY] = int(time.time())


class SessionIdleMiddleware:
    """Sessions end ``SESSION_COOKIE_AGE`` after the last page, not after the login (an idle timeout).

    Saving the session on every request would be a database write per page; it is marked changed once a minute.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        import time

        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            now = int(time.time())
            if now - int(session.get(_SEEN_KEY, 0)) >= _REFRESH_EVERY:
                session[_SEEN_KEY] = now  # marks the session modified: saved with a fresh expiry and cookie
        return self.get_response(request)
