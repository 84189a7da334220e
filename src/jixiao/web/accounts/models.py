"""API tokens (``Authorization: Bearer <key>``; only a hash is stored) and the record of login attempts."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["ApiToken", "LoginAttempt"]

# last use is written at most this often per token: an API client's every call would otherwise be a write
_LAST_USED_GRANULARITY = timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ("-created",)

    def __str__(self) -> str:
        return f"{self.user} {self.name}"

    @property
    def active(self) -> bool:
        return self.revoked is None and (self.expires is None or self.expires > timezone.now())

    @classmethod
    def issue(cls, user: object, name: str = "", *, days: int | None = None) -> tuple[ApiToken, str]:
        """Create a token valid for ``days`` (default ``JIXIAO_TOKEN_DAYS``); the clear key is returned once, never stored."""
        key = secrets.token_urlsafe(32)
        days = settings.JIXIAO_TOKEN_DAYS if days is None else days
        expires = timezone.now() + timedelta(days=days) if days > 0 else None
        return cls.objects.create(user=user, name=name, digest=_digest(key), expires=expires), key

    @classmethod
    def user_for(cls, key: str) -> object | None:
        """The active user a live token belongs to (expired and revoked tokens open nothing); its use is recorded."""
        token = cls.objects.select_related("user").filter(digest=_digest(key)).first()
        if token is None or not token.active or not token.user.is_active:
            return None
        now = timezone.now()
        if token.last_used is None or now - token.last_used > _LAST_USED_GRANULARITY:
            cls.objects.filter(pk=token.pk).update(last_used=now)
        return token.user

    def revoke(self) -> None:
        if self.revoked is None:
            self.revoked = timezone.now()
            self.save(update_fields=["revoked"])


class LoginAttempt(models.Model):
    """Every login attempt: who was named, from where, when, and how it ended (the throttle counts these)."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("logged in")
        FAILURE = "failure", _("wrong user name or password")
        LOCKED = "locked", _("refused: too many failures")

    username = models.CharField(_("user name"), max_length=150, db_index=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.address} {self.outcome}"
