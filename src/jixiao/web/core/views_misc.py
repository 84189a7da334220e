"""Two tiny views: a health check, and the bare baseline the benchmark compares every page against."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


def bare(request: HttpRequest) -> HttpResponse:
    """The cheapest Django response: the benchmark's floor for routing and middleware cost."""
    return HttpResponse("ok", content_type="text/plain")
