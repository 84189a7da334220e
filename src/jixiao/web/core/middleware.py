"""A request id per request, so that every history row written by one request (a bulk approve) reads as one event."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

__all__ = ["RequestIdMiddleware", "current_request_id"]

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
