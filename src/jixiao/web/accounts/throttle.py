"""Login throttling: after ``JIXIAO_LOGIN_FAILURES`` failures within ``JIXIAO_LOGIN_WINDOW_MINUTES``, for one
account or from one address, further logins are refused for ``JIXIAO_LOGIN_LOCK_MINUTES`` — the right password
too. Attempts refused during a lock are recorded but do not prolong it; a successful login clears the account's
count (not the address's: logging into one's own account must not reset an address trying others).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from jixiao.web.accounts.models import LoginAttempt

__all__ = ["client_address", "locked_until", "record"]


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address: the peer, or behind the proxies named in ``JIXIAO_TRUSTED_PROXIES`` the last address
    of ``X-Forwarded-For`` that is not one of them (the ones before it are the client's to invent).

    Without this, behind a proxy every client shares the proxy's address, and five failures by anyone would
    lock everyone out.
    """
    if request is None:
        return None
    peer = request.META.get("REMOTE_ADDR") or None
    trusted = settings.JIXIAO_TRUSTED_PROXIES
    if peer is None or peer not in trusted:
        return peer
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if address not in trusted:
            return address
    return peer


def _lock_from(failures: list[datetime], now: datetime) -> datetime | None:
    """The end of the lock the failures (oldest first) impose at ``now``, if any."""
    limit = settings.JIXIAO_LOGIN_FAILURES
    window = timedelta(minutes=settings.JIXIAO_LOGIN_WINDOW_MINUTES)
    lock = timedelta(minutes=settings.JIXIAO_LOGIN_LOCK_MINUTES)
    for i in range(len(failures) - 1, limit - 2, -1):
        if failures[i] - failures[i - limit + 1] <= window and failures[i] + lock > now:
            return failures[i] + lock
    return None


def locked_until(username: str, address: str | None) -> datetime | None:
    """When the lock on this account or this address ends (``None``: not locked)."""
    now = timezone.now()
    horizon = now - timedelta(minutes=settings.JIXIAO_LOGIN_WINDOW_MINUTES + settings.JIXIAO_LOGIN_LOCK_MINUTES)
    recent = LoginAttempt.objects.filter(at__gte=horizon).exclude(outcome=LoginAttempt.Outcome.LOCKED)
    ends = []
    account = list(recent.filter(username__iexact=username).order_by("at").values_list("at", "outcome"))
    since_success: list[datetime] = []
    for at, outcome in account:
        since_success = [] if outcome == LoginAttempt.Outcome.SUCCESS else [*since_success, at]
    ends.append(_lock_from(since_success, now))
    if address:
        by_address = recent.filter(Q(address=address), outcome=LoginAttempt.Outcome.FAILURE)
        ends.append(_lock_from(list(by_address.order_by("at").values_list("at", flat=True)), now))
    found = [end for end in ends if end is not None]
    return max(found) if found else None


def record(request: HttpRequest | None, username: str, outcome: str) -> LoginAttempt:
    agent = request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""
    return LoginAttempt.objects.create(
        username=username[:150], address=client_address(request), outcome=outcome, user_agent=agent
    )
